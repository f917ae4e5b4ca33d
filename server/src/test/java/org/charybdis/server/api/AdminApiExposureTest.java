package org.charybdis.server.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding the admin API beyond loopback without credentials is allowed, and said loudly at start-up. */
class AdminApiExposureTest {
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger serverLog = (Logger) LoggerFactory.getLogger(CharybdisServer.class);

    @BeforeEach
    void listen() {
        logged.start();
        serverLog.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        serverLog.detachAppender(logged);
    }

    @Test
    void theDefaultsAreLoopbackAndQuiet(@TempDir Path workdir) {
        assertThat(ServerConfig.defaults().get(ServerConfig.API_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(ServerConfig.defaults().get(ServerConfig.PROMETHEUS_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(ServerConfig.defaults().get(ServerConfig.API_AUTHENTICATION)).isEqualTo("none");
        try (CharybdisServer ignored = CharybdisServer.start(config(workdir))) {
            assertThat(warnings()).noneMatch(w -> w.contains("admin API listens on"));
        }
    }

    @Test
    void allInterfacesWithoutCredentialsIsAWarning(@TempDir Path workdir) {
        try (CharybdisServer ignored = CharybdisServer.start(config(workdir).with(ServerConfig.API_ADDRESS, "0.0.0.0"))) {
            assertThat(warnings()).anyMatch(w -> w.contains("The admin API listens on 0.0.0.0 without credentials")
                    && w.contains("api_authentication: password"));
        }
    }

    @Test
    void allInterfacesWithCredentialsIsNot(@TempDir Path workdir) {
        try (CharybdisServer ignored = CharybdisServer.start(config(workdir).with(ServerConfig.API_ADDRESS, "0.0.0.0")
                .with(ServerConfig.AUTHENTICATOR, "PasswordAuthenticator").with(ServerConfig.API_AUTHENTICATION, "password"))) {
            assertThat(warnings()).noneMatch(w -> w.contains("admin API listens on"));
        }
    }

    private java.util.List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static ServerConfig config(Path workdir) {
        return ServerConfig.defaults()
                .with(ServerConfig.NATIVE_TRANSPORT_PORT, 0)
                .with(ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT, 0)
                .with(ServerConfig.PROMETHEUS_PORT, 0)
                .with(ServerConfig.API_PORT, 0)
                .with(ServerConfig.SMP, 1)
                .with(ServerConfig.COMMITLOG_SEGMENT_SIZE_IN_MB, 2)
                .with(ServerConfig.MEMORY, 128L << 20)
                .with(ServerConfig.WORKDIR, workdir.toString());
    }
}
