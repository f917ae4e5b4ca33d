package org.charybdis.server.config;

import java.util.Arrays;
import java.util.List;

/**
 * One encryption section of the configuration ({@code client_encryption_options}, {@code api_encryption_options}),
 * with the key names Cassandra and ScyllaDB use: a PEM {@code certificate} + {@code keyfile} (ScyllaDB) or a
 * {@code keystore} (Cassandra, JKS or PKCS12); {@code truststore} holds the CA that signs client certificates, as a
 * PEM file or a keystore.
 *
 * @param protocols    TLS versions allowed; empty: the provider's defaults ({@code protocol: TLS})
 * @param cipherSuites allowed cipher suites; empty: the provider's defaults
 */
public record EncryptionOptions(String section, boolean enabled, boolean optional, String certificate, String keyfile,
                                String keystore, String keystorePassword, String truststore, String truststorePassword,
                                String storeType, ClientAuth requireClientAuth, List<String> protocols, List<String> cipherSuites) {

    /** require_client_auth: false, true, or optional (Cassandra 5.0: a certificate is checked when one is sent). */
    public enum ClientAuth { NONE, REQUIRE, OPTIONAL }

    /** The full name of one key of this section, for messages: {@code client_encryption_options.keyfile}. */
    public String option(String key) {
        return section + "." + key;
    }

    /** Whether the PEM form (certificate + keyfile) is configured rather than a keystore. */
    public boolean pem() {
        return !certificate.isEmpty() || !keyfile.isEmpty();
    }

    /** The configuration keys of one section, registered with {@link ServerConfig} as {@code section.key}. */
    public static final class Keys {
        private final String section;
        public final ConfigKey<Boolean> enabled;
        public final ConfigKey<Boolean> optional;
        public final ConfigKey<String> certificate;
        public final ConfigKey<String> keyfile;
        public final ConfigKey<String> keystore;
        public final ConfigKey<String> keystorePassword;
        public final ConfigKey<String> truststore;
        public final ConfigKey<String> truststorePassword;
        public final ConfigKey<String> storeType;
        public final ConfigKey<String> requireClientAuth;
        public final ConfigKey<String> protocol;
        public final ConfigKey<String> cipherSuites;

        Keys(String section, String what) {
            this.section = section;
            enabled = key("enabled", Boolean.class, false, ConfigValues::bool, "Serve " + what + " over TLS");
            optional = key("optional", Boolean.class, false, ConfigValues::bool, "Accept plain and TLS connections on the same port (TLS is recognised by its first bytes)");
            certificate = key("certificate", String.class, "", ConfigValues::file, "PEM certificate chain of the server (with keyfile)");
            keyfile = key("keyfile", String.class, "", ConfigValues::file, "PEM private key (PKCS#8 or PKCS#1 RSA, unencrypted) of certificate");
            keystore = key("keystore", String.class, "", ConfigValues::file, "Keystore (JKS or PKCS12) with the server's key and certificate, instead of certificate + keyfile");
            keystorePassword = key("keystore_password", String.class, "", ConfigValues::file, "Password of keystore and of its key");
            truststore = key("truststore", String.class, "", ConfigValues::file, "CA certificates that sign client certificates: a PEM file or a keystore (for require_client_auth)");
            truststorePassword = key("truststore_password", String.class, "", ConfigValues::file, "Password of truststore when it is a keystore");
            storeType = key("store_type", String.class, "", ConfigValues::file, "Keystore type (JKS, PKCS12); empty: recognised from the file");
            requireClientAuth = key("require_client_auth", String.class, "false", ConfigValues.oneOf("false", "true", "optional"), "Require a client certificate signed by truststore (true), check one when sent (optional), or not (false)");
            protocol = key("protocol", String.class, "TLS", Keys::protocol, "TLS versions allowed: TLS (any the provider enables), or e.g. TLSv1.3 or TLSv1.2,TLSv1.3");
            cipherSuites = key("cipher_suites", String.class, "", ConfigValues::list, "Cipher suites allowed (a list); empty: the provider's defaults");
        }

        private <T> ConfigKey<T> key(String name, Class<T> type, T def, java.util.function.Function<Object, T> parser, String description) {
            return ServerConfig.key(section + "." + name, type, def, parser, description);
        }

        private static String protocol(Object raw) {
            String text = ConfigValues.list(raw);
            for (String p : text.split(",")) {
                if (!List.of("TLS", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3").contains(p)) {
                    throw new IllegalArgumentException("expected TLS, TLSv1.2 or TLSv1.3 (or a list of them)");
                }
            }
            return text;
        }

        public String section() {
            return section;
        }

        EncryptionOptions read(ServerConfig config) {
            String protocols = config.get(protocol);
            return new EncryptionOptions(section, config.get(enabled), config.get(optional), config.get(certificate),
                    config.get(keyfile), config.get(keystore), config.get(keystorePassword), config.get(truststore),
                    config.get(truststorePassword), config.get(storeType),
                    switch (config.get(requireClientAuth)) {
                        case "true" -> ClientAuth.REQUIRE;
                        case "optional" -> ClientAuth.OPTIONAL;
                        default -> ClientAuth.NONE;
                    },
                    protocols.equals("TLS") ? List.of() : split(protocols), split(config.get(cipherSuites)));
        }

        private static List<String> split(String text) {
            return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(s -> s.trim()).filter(s -> !s.isEmpty()).toList();
        }
    }
}
