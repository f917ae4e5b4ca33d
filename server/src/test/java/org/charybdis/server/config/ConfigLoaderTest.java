package org.charybdis.server.config;

import org.charybdis.server.tracing.SlowQueryLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    /** Tests run in the module directory; the shipped configuration is one level up. */
    private static final Path SHIPPED_CONFIG = Path.of("..", "conf", "charybdis.yaml");

    @TempDir
    Path dir;

    @Test
    void yamlValuesOverrideDefaults() throws IOException {
        Path file = write("""
                cluster_name: 'Test Cluster'
                native_transport_port: 9142
                smp: 3
                memory: 512M
                authenticator: org.apache.cassandra.auth.PasswordAuthenticator
                authorizer: org.apache.cassandra.auth.CassandraAuthorizer
                """);

        ServerConfig config = new ConfigLoader().yaml(file).build();

        assertThat(config.get(ServerConfig.CLUSTER_NAME)).isEqualTo("Test Cluster");
        assertThat(config.get(ServerConfig.NATIVE_TRANSPORT_PORT)).isEqualTo(9142);
        assertThat(config.get(ServerConfig.SMP)).isEqualTo(3);
        assertThat(config.get(ServerConfig.MEMORY)).isEqualTo(512L << 20);
        assertThat(config.passwordAuthentication()).isTrue();
        assertThat(config.enforcedAuthorization()).isTrue();
        assertThat(config.get(ServerConfig.API_PORT)).isEqualTo(ServerConfig.API_PORT.defaultValue());
    }

    @Test
    void cassandrasSlowQueryLogTimeoutSetsTheSlowQueryLogsThreshold() throws IOException {
        Path file = write("""
                slow_query_log_enabled: true
                slow_query_log_timeout: 250ms
                """);

        SlowQueryLog settings = SlowQueryLog.of(new ConfigLoader().yaml(file).build());

        assertThat(settings).isEqualTo(new SlowQueryLog(true, 250_000, 86_400, true));
        assertThat(SlowQueryLog.of(ServerConfig.defaults())).as("off by default, as ScyllaDB's; Cassandra's 500 ms")
                .isEqualTo(new SlowQueryLog(false, 500_000, 86_400, true));
    }

    @Test
    void unknownKeyIsAnErrorNamingIt() throws IOException {
        Path file = write("native_transport_port: 9042\nnative_transprot_port: 9043\n");

        assertThatThrownBy(() -> new ConfigLoader().yaml(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("native_transprot_port")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("did you mean 'native_transport_port'?");
    }

    @Test
    void aKeyFarFromEveryKnownOneGetsNoGuess() throws IOException {
        Path file = write("flux_capacitor: on\n");

        assertThatThrownBy(() -> new ConfigLoader().yaml(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown configuration key 'flux_capacitor'")
                .hasMessageNotContaining("did you mean")
                .hasMessageContaining("charybdis --help");
    }

    @Test
    void suggestionsForgiveSwapsAndMissingLetters() {
        java.util.List<String> known = java.util.List.of("commitlog_sync", "commitlog_sync_period_in_ms", "memory", "smp");
        assertThat(KeySuggestion.closest("comitlog_sync", known)).isEqualTo("commitlog_sync");
        assertThat(KeySuggestion.closest("commitlog_sync_period_in_sm", known)).isEqualTo("commitlog_sync_period_in_ms");
        assertThat(KeySuggestion.closest("memroy", known)).isEqualTo("memory");
        assertThat(KeySuggestion.closest("num_tokens", known)).isNull();
        assertThat(KeySuggestion.distance("ab", "ba")).isEqualTo(1);
    }

    @Test
    void badValueIsAnErrorNamingTheKey() throws IOException {
        Path file = write("smp: lots\n");

        assertThatThrownBy(() -> new ConfigLoader().yaml(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("smp")
                .hasMessageContaining("lots");
    }

    @Test
    void outOfRangePortIsAnError() throws IOException {
        Path file = write("native_transport_port: 70000\n");

        assertThatThrownBy(() -> new ConfigLoader().yaml(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("native_transport_port");
    }

    @Test
    void malformedYamlIsAnErrorNamingTheFile() throws IOException {
        Path file = write("smp: [1, 2\n");

        assertThatThrownBy(() -> new ConfigLoader().yaml(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void missingFileIsAnError() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> new ConfigLoader().yaml(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml");
    }

    @Test
    void emptyFileKeepsDefaults() throws IOException {
        ServerConfig config = new ConfigLoader().yaml(write("# nothing here\n")).build();
        assertThat(config.get(ServerConfig.NATIVE_TRANSPORT_PORT)).isEqualTo(9042);
    }

    @Test
    void commandLineOverridesWinOverYaml() throws IOException {
        Path file = write("native_transport_port: 9142\nsmp: 3\n");

        ServerConfig config = new ConfigLoader().yaml(file).set(ServerConfig.SMP, "5").build();

        assertThat(config.get(ServerConfig.SMP)).isEqualTo(5);
        assertThat(config.get(ServerConfig.NATIVE_TRANSPORT_PORT)).isEqualTo(9142);
    }

    @Test
    void badOverrideNamesTheOption() {
        assertThatThrownBy(() -> new ConfigLoader().set(ServerConfig.SMP, "abc"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("smp")
                .hasMessageContaining("--smp");
    }

    @Test
    void operatorPortsAcceptMinusOneToDisableAndZeroForAnyFreePort() {
        ServerConfig config = new ConfigLoader().set(ServerConfig.PROMETHEUS_PORT, "-1").set(ServerConfig.API_PORT, "0").build();

        assertThat(config.get(ServerConfig.PROMETHEUS_PORT)).isEqualTo(-1);
        assertThat(config.get(ServerConfig.API_PORT)).isZero();
        assertThatThrownBy(() -> new ConfigLoader().set(ServerConfig.API_PORT, "-2"))
                .hasMessageContaining("api_port");
        assertThatThrownBy(() -> new ConfigLoader().set(ServerConfig.NATIVE_TRANSPORT_PORT, "-1"))
                .hasMessageContaining("native_transport_port");
    }

    @Test
    void shippedConfigurationLoadsCleanly() {
        ServerConfig config = new ConfigLoader().yaml(SHIPPED_CONFIG).build();

        assertThat(config.get(ServerConfig.NATIVE_TRANSPORT_PORT)).isEqualTo(9042);
        assertThat(config.get(ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT)).isEqualTo(19042);
    }

    @Test
    void shippedConfigurationDocumentsEveryKey() throws IOException {
        String text = Files.readString(SHIPPED_CONFIG);
        for (ConfigKey<?> key : ServerConfig.keys()) {
            int dot = key.name().indexOf('.');
            if (dot < 0) {
                assertThat(text).as("conf/charybdis.yaml mentions " + key.name()).containsPattern("(?m)^#? ?" + key.name() + ":");
            } else { // a section's key, indented under the section
                String section = key.name().substring(0, dot);
                assertThat(text).as("conf/charybdis.yaml mentions " + key.name())
                        .containsPattern("(?m)^#? ?" + section + ":\\n(#? +.*\\n)*#? +" + key.name().substring(dot + 1) + ":");
            }
        }
    }

    @Test
    void theConfigurationReferenceIsWrittenFromTheKeys() throws IOException {
        String written = Files.readString(Path.of("..", "docs", "configuration.md"));
        assertThat(written).as("docs/configuration.md is stale: run bin/charybdis config-reference > docs/configuration.md")
                .isEqualTo(ConfigReference.markdown());
        assertThat(written).contains("| `read_request_timeout_in_ms` | `CHARYBDIS_READ_REQUEST_TIMEOUT_IN_MS` | `read_request_timeout` | `5000` |");
    }

    @Test
    void foreignKeysAreNotKeysCharybdisReads() {
        for (ConfigKey<?> key : ServerConfig.keys()) {
            assertThat(ForeignKeys.contains(key.name())).as(key.name() + " is read, not foreign").isFalse();
            assertThat(ForeignKeys.contains(ServerConfig.unitlessName(key.name()))).as(key.name() + "'s new name is read, not foreign").isFalse();
        }
    }

    @Test
    void everyKeyHasACommandLineOptionName() {
        assertThat(ServerConfig.NATIVE_TRANSPORT_MAX_FRAME_SIZE_IN_MB.optionName()).isEqualTo("--native-transport-max-frame-size-in-mb");
        assertThat(ServerConfig.keys()).extracting(ConfigKey::optionName).doesNotHaveDuplicates().allMatch(name -> !name.contains("_"));
    }

    @Test
    void encryptionSectionIsANestedMapWithCommandLineOverrides() throws IOException {
        Path file = write("""
                client_encryption_options:
                  enabled: true
                  certificate: /etc/charybdis/server.crt
                  keyfile: /etc/charybdis/server.key
                  require_client_auth: true
                  truststore: /etc/charybdis/ca.crt
                  protocol: TLSv1.3
                  cipher_suites: [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384]
                native_transport_port_ssl: 9142
                """);

        ServerConfig config = new ConfigLoader().yaml(file)
                .set(ServerConfig.CLIENT_ENCRYPTION_OPTIONS.keyfile, "/tmp/other.key").build();
        EncryptionOptions tls = config.encryption(ServerConfig.CLIENT_ENCRYPTION_OPTIONS);

        assertThat(tls.enabled()).isTrue();
        assertThat(tls.pem()).isTrue();
        assertThat(tls.certificate()).isEqualTo("/etc/charybdis/server.crt");
        assertThat(tls.keyfile()).isEqualTo("/tmp/other.key");
        assertThat(tls.requireClientAuth()).isEqualTo(EncryptionOptions.ClientAuth.REQUIRE);
        assertThat(tls.protocols()).containsExactly("TLSv1.3");
        assertThat(tls.cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
        assertThat(config.get(ServerConfig.NATIVE_TRANSPORT_PORT_SSL)).isEqualTo(9142);
        assertThat(config.encryption(ServerConfig.API_ENCRYPTION_OPTIONS).enabled()).isFalse();
        assertThat(ServerConfig.CLIENT_ENCRYPTION_OPTIONS.requireClientAuth.optionName())
                .isEqualTo("--client-encryption-options.require-client-auth");
    }

    @Test
    void unknownKeyInASectionNamesItsFullName() throws IOException {
        Path file = write("client_encryption_options:\n  enabled: true\n  keyfiel: x.key\n");

        assertThatThrownBy(() -> new ConfigLoader().yaml(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_encryption_options.keyfiel")
                .hasMessageContaining(file.toString());
    }

    @Test
    void badProtocolNamesTheKey() throws IOException {
        Path file = write("client_encryption_options:\n  protocol: SSLv3\n");

        assertThatThrownBy(() -> new ConfigLoader().yaml(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_encryption_options.protocol");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("charybdis.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
