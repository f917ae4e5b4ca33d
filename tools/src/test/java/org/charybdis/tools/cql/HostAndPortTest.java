package org.charybdis.tools.cql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostAndPortTest {
    @Test
    void hostsWithAndWithoutPorts() {
        assertThat(HostAndPort.parse("10.0.0.5:9142")).isEqualTo(new HostAndPort("10.0.0.5", 9142));
        assertThat(HostAndPort.parse("db.example.com")).isEqualTo(new HostAndPort("db.example.com", 9042));
        assertThat(HostAndPort.parse("[::1]:19042")).isEqualTo(new HostAndPort("::1", 19042));
        assertThat(HostAndPort.parse("::1")).isEqualTo(new HostAndPort("::1", 9042));
        assertThat(HostAndPort.parse("[::1]:19042")).hasToString("[::1]:19042");
    }

    @Test
    void badPortsAndMissingHostsAreExplained() {
        assertThatThrownBy(() -> HostAndPort.parse("host:99999")).hasMessageContaining("has no valid port");
        assertThatThrownBy(() -> HostAndPort.parse(":9042")).hasMessageContaining("names no host");
    }
}
