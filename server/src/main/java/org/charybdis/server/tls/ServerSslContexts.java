package org.charybdis.server.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import org.charybdis.server.config.ConfigException;
import org.charybdis.server.config.EncryptionOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the server-side {@link SslContext} of an encryption section from its files. OpenSSL (BoringSSL from
 * netty-tcnative) when its native library loads, as it is faster and lighter on garbage; the JDK's TLS otherwise.
 */
public final class ServerSslContexts {
    private static final Logger log = LoggerFactory.getLogger(ServerSslContexts.class);

    private ServerSslContexts() {}

    /** The TLS implementation this process uses. */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** A readable name of the provider, for logs: "OpenSSL (BoringSSL ...)" or "JDK". */
    public static String providerName() {
        return provider() == SslProvider.OPENSSL ? "OpenSSL (" + OpenSsl.versionString() + ")" : "JDK";
    }

    /** The files a section reads, so a change to any of them triggers a reload. */
    public static List<Path> files(EncryptionOptions options) {
        List<Path> files = new ArrayList<>();
        for (String name : List.of(options.certificate(), options.keyfile(), options.keystore(), options.truststore())) {
            if (!name.isEmpty()) files.add(Path.of(name));
        }
        return files;
    }

    /** Reads the section's files and builds its context; a {@link ConfigException} names the option and file at fault. */
    public static SslContext build(EncryptionOptions options) {
        SslContextBuilder builder = keyMaterial(options).sslProvider(provider());
        if (options.requireClientAuth() != EncryptionOptions.ClientAuth.NONE) trust(options, builder);
        builder.clientAuth(switch (options.requireClientAuth()) {
            case REQUIRE -> ClientAuth.REQUIRE;
            case OPTIONAL -> ClientAuth.OPTIONAL;
            case NONE -> ClientAuth.NONE;
        });
        if (!options.protocols().isEmpty()) builder.protocols(options.protocols());
        if (!options.cipherSuites().isEmpty()) builder.ciphers(options.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE);
        SslContext context;
        try {
            context = builder.build();
        } catch (SSLException | RuntimeException e) {
            throw new ConfigException(options.section() + ": cannot set up TLS (" + e.getMessage() + "); check protocol and cipher_suites");
        }
        checkCipherSuites(options, context);
        return context;
    }

    private static SslContextBuilder keyMaterial(EncryptionOptions options) {
        if (options.pem()) {
            if (options.certificate().isEmpty()) throw new ConfigException(options.option("certificate") + " is required with keyfile");
            if (options.keyfile().isEmpty()) throw new ConfigException(options.option("keyfile") + " is required with certificate");
            Path certificateFile = Path.of(options.certificate());
            Path keyFile = Path.of(options.keyfile());
            X509Certificate[] chain = KeyMaterial.pemCertificates(options.option("certificate"), certificateFile);
            PrivateKey key = KeyMaterial.pemPrivateKey(options.option("keyfile"), keyFile);
            KeyMaterial.checkKeyMatches(options.option("keyfile"), keyFile, key, chain[0], certificateFile);
            return SslContextBuilder.forServer(key, chain);
        }
        if (options.keystore().isEmpty()) {
            throw new ConfigException(options.section() + " is enabled but names no key: set certificate and keyfile (PEM) or keystore");
        }
        String option = options.option("keystore");
        Path file = Path.of(options.keystore());
        KeyStore store = KeyMaterial.keystore(option, file, options.keystorePassword(), options.storeType());
        try {
            if (!hasKey(store)) throw new ConfigException(option + ": " + file + " holds no private key entry");
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, options.keystorePassword().toCharArray()); // Cassandra: the key's password is the store's
            return SslContextBuilder.forServer(keys);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(options.option("keystore_password") + ": cannot open the key in " + file + " (" + e.getMessage() + ")");
        }
    }

    private static boolean hasKey(KeyStore store) throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) return true;
        }
        return false;
    }

    /** The CAs that sign client certificates: a PEM file (ScyllaDB) or a keystore (Cassandra). */
    private static void trust(EncryptionOptions options, SslContextBuilder builder) {
        String option = options.option("truststore");
        if (options.truststore().isEmpty()) {
            throw new ConfigException(options.option("require_client_auth") + " needs " + option + ": the CA certificates that sign client certificates");
        }
        Path file = Path.of(options.truststore());
        KeyStore store = KeyMaterial.trustStore(option, file, options.truststorePassword(), options.storeType());
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            builder.trustManager(trust);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(option + ": " + file + " holds no usable CA certificate (" + e.getMessage() + ")");
        }
    }

    /** Unknown cipher names are dropped by the filter: say so, and refuse a list that leaves none. */
    private static void checkCipherSuites(EncryptionOptions options, SslContext context) {
        if (options.cipherSuites().isEmpty()) return;
        List<String> dropped = new ArrayList<>(options.cipherSuites());
        dropped.removeAll(context.cipherSuites());
        if (dropped.size() == options.cipherSuites().size()) {
            throw new ConfigException(options.option("cipher_suites") + ": none of " + options.cipherSuites()
                    + " is supported by the " + providerName() + " TLS provider");
        }
        if (!dropped.isEmpty()) log.warn("{}: cipher suites {} are not supported by {} and are left out", options.option("cipher_suites"), dropped, providerName());
    }
}
