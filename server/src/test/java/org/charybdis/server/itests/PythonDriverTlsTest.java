package org.charybdis.server.itests;

import org.charybdis.server.config.EncryptionOptions;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python driver (python3-cassandra, which cqlsh --ssl uses) over client TLS: an ssl_context trusting the test CA,
 * with the server's name checked, runs queries; a plain connection to the TLS port fails with the server's message.
 */
class PythonDriverTlsTest {
    private static final String SCRIPT = "src/test/python/python_driver_tls.py";
    private static final EncryptionOptions.Keys TLS = ServerConfig.CLIENT_ENCRYPTION_OPTIONS;
    static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("charybdis-python-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestCertificates.Issued ca = TestCertificates.ca("CN=Python Test CA");
        TestCertificates.Issued cert = TestCertificates.server(ca, "CN=charybdis");
        TestCertificates.writePemCertificate(DIR.resolve("ca.crt"), ca.certificate());
        TestCertificates.writePemCertificate(DIR.resolve("server.crt"), cert.certificate());
        TestCertificates.writePemKey(DIR.resolve("server.key"), cert.keys());
    }

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(TLS.enabled, true)
            .with(TLS.certificate, DIR.resolve("server.crt").toString())
            .with(TLS.keyfile, DIR.resolve("server.key").toString());

    @Test
    void pythonDriverConnectsWithSslContext() throws IOException, InterruptedException {
        PythonDriverSessionTest.requireDriver();

        PythonDriverSessionTest.Outcome outcome = PythonDriverSessionTest.run(List.of(PythonDriverSessionTest.PYTHON,
                PythonDriverSessionTest.script(SCRIPT).toString(), "127.0.0.1", Integer.toString(server.nativePort()),
                DIR.resolve("ca.crt").toString()), 180);

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("python driver tls passed");
    }
}
