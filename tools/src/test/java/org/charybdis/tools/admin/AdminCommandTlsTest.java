package org.charybdis.tools.admin;

import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code charybdis admin --api-tls --api-cacert ca.crt ...} against a node whose admin API requires HTTPS. */
class AdminCommandTlsTest {
    static final Path DIR;
    static final TestCertificates.Issued CA = TestCertificates.ca("CN=Admin CLI CA");

    static {
        try {
            DIR = Files.createTempDirectory("charybdis-admin-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestCertificates.Issued cert = TestCertificates.server(CA, "CN=admin-api");
        TestCertificates.writePemCertificate(DIR.resolve("api.crt"), cert.certificate());
        TestCertificates.writePemKey(DIR.resolve("api.key"), cert.keys());
        TestCertificates.writePemCertificate(DIR.resolve("ca.crt"), CA.certificate());
    }

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.API_ENCRYPTION_OPTIONS.enabled, true)
            .with(ServerConfig.API_ENCRYPTION_OPTIONS.certificate, DIR.resolve("api.crt").toString())
            .with(ServerConfig.API_ENCRYPTION_OPTIONS.keyfile, DIR.resolve("api.key").toString());

    @Test
    void versionOverHttpsTrustingTheCa() {
        var outcome = AdminCommandTest.charybdis("admin", "--api-port=" + server.apiPort(), "--api-tls",
                "--api-cacert=" + DIR.resolve("ca.crt"), "version");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("ReleaseVersion: 5.0");
    }

    @Test
    void plainHttpToTheHttpsApiFailsWithTheNodesHint() {
        var outcome = AdminCommandTest.charybdis("admin", "--api-port=" + server.apiPort(), "version");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("This port requires HTTPS");
    }
}
