package org.charybdis.server.tls;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.config.ConfigException;
import org.charybdis.server.config.EncryptionOptions;
import org.charybdis.server.config.ServerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad TLS configuration stops start-up with a message naming the option and the file; good ones build. */
class ServerSslContextsTest {
    private static final EncryptionOptions.Keys TLS = ServerConfig.CLIENT_ENCRYPTION_OPTIONS;

    @TempDir
    static Path dir;
    static TestCertificates.Issued ca;
    static TestCertificates.Issued server;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestCertificates.ca("CN=Test CA");
        server = TestCertificates.server(ca, "CN=server");
        TestCertificates.writePemCertificate(dir.resolve("server.crt"), server.certificate());
        TestCertificates.writePemKey(dir.resolve("server.key"), server.keys());
        TestCertificates.writePemKey(dir.resolve("other.key"), TestCertificates.server(ca, "CN=other").keys());
        TestCertificates.writePemCertificate(dir.resolve("ca.crt"), ca.certificate());
        TestCertificates.writeKeystore(dir.resolve("server.p12"), server);
        Files.writeString(dir.resolve("garbage.key"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void pemAndKeystoreConfigurationsBuild() {
        assertThat(ServerSslContexts.build(pem("server.crt", "server.key").encryption(TLS)).isServer()).isTrue();
        assertThat(ServerSslContexts.build(keystore("server.p12", TestCertificates.PASSWORD).encryption(TLS)).isServer()).isTrue();
    }

    @Test
    void missingCertificateFileStopsStartUpNamingOptionAndFile() {
        ServerConfig config = pem("missing.crt", "server.key").with(ServerConfig.WORKDIR, dir.resolve("work").toString());

        assertThatThrownBy(() -> CharybdisServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_encryption_options.certificate")
                .hasMessageContaining(dir.resolve("missing.crt").toString());
    }

    @Test
    void unreadableKeyNamesKeyfile() {
        assertThatThrownBy(() -> ServerSslContexts.build(pem("server.crt", "garbage.key").encryption(TLS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_encryption_options.keyfile")
                .hasMessageContaining("garbage.key");
        assertThatThrownBy(() -> ServerSslContexts.build(pem("server.key", "server.key").encryption(TLS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_encryption_options.certificate")
                .hasMessageContaining("server.key");
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        assertThatThrownBy(() -> ServerSslContexts.build(pem("server.crt", "other.key").encryption(TLS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not belong to the certificate")
                .hasMessageContaining("other.key");
    }

    @Test
    void wrongKeystorePasswordNamesThePasswordOption() {
        assertThatThrownBy(() -> ServerSslContexts.build(keystore("server.p12", "wrong").encryption(TLS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_encryption_options.keystore_password")
                .hasMessageContaining("server.p12");
    }

    @Test
    void clientAuthWithoutTruststoreIsRefused() {
        ServerConfig config = pem("server.crt", "server.key").with(TLS.requireClientAuth, "true");

        assertThatThrownBy(() -> ServerSslContexts.build(config.encryption(TLS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_encryption_options.require_client_auth")
                .hasMessageContaining("client_encryption_options.truststore");
    }

    @Test
    void unsupportedCipherSuitesAreRefused() {
        ServerConfig config = pem("server.crt", "server.key").with(TLS.cipherSuites, "NO_SUCH_CIPHER");

        assertThatThrownBy(() -> ServerSslContexts.build(config.encryption(TLS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_encryption_options.cipher_suites");
    }

    @Test
    void pkcs1RsaKeysAreRead() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        byte[] pkcs1 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        Path file = dir.resolve("rsa.key");
        Files.writeString(file, "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----\n");

        PrivateKey read = KeyMaterial.pemPrivateKey("keyfile", file);

        assertThat(read.getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
    }

    private static ServerConfig pem(String certificate, String key) {
        return ServerConfig.defaults().with(TLS.enabled, true)
                .with(TLS.certificate, dir.resolve(certificate).toString())
                .with(TLS.keyfile, dir.resolve(key).toString());
    }

    private static ServerConfig keystore(String file, String password) {
        return ServerConfig.defaults().with(TLS.enabled, true)
                .with(TLS.keystore, dir.resolve(file).toString())
                .with(TLS.keystorePassword, password);
    }
}
