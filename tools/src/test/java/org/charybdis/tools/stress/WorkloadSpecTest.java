package org.charybdis.tools.stress;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import org.charybdis.tools.cql.Credentials;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing of {@code --workload key=value,...}: defaults, every key, and clear refusals. */
class WorkloadSpecTest {
    private static final Credentials ADMIN = new Credentials("admin", "secret");
    private static final WorkloadSpec.Defaults DEFAULTS = new WorkloadSpec.Defaults(Duration.ofSeconds(30), ADMIN);

    @Test
    void aBareOpTakesTheDefaults() {
        WorkloadSpec w = WorkloadSpec.parse("op=write", DEFAULTS);
        assertThat(w.name()).isEqualTo("write");
        assertThat(w.operation()).isEqualTo(Operation.WRITE);
        assertThat(w.load()).isEqualTo(new LoadModel.Closed(WorkloadSpec.DEFAULT_CONCURRENCY));
        assertThat(w.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(w.maxOps()).isZero();
        assertThat(w.distribution()).isEqualTo(KeyDistribution.SEQ);
        assertThat(w.credentials()).isEqualTo(ADMIN);
        assertThat(w.consistency()).isNull();
        assertThat(WorkloadSpec.parse("op=READ", DEFAULTS).distribution()).isEqualTo(KeyDistribution.UNIFORM);
    }

    @Test
    void everyKeyIsHonoured() {
        WorkloadSpec w = WorkloadSpec.parse("name=oltp, op=mixed, rate=3000/s, concurrency=64, duration=2m, ops=500, dist=seq,"
                + " read=3, write=1, page-size=10, cl=quorum, user=oltp, password=p", DEFAULTS);
        assertThat(w.name()).isEqualTo("oltp");
        assertThat(w.load()).isEqualTo(new LoadModel.Open(3000, 64));
        assertThat(w.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(w.maxOps()).isEqualTo(500);
        assertThat(w.distribution()).isEqualTo(KeyDistribution.SEQ);
        assertThat(w.readWeight()).isEqualTo(3);
        assertThat(w.writeWeight()).isEqualTo(1);
        assertThat(w.pageSize()).isEqualTo(10);
        assertThat(w.consistency()).isEqualTo(DefaultConsistencyLevel.QUORUM);
        assertThat(w.credentials()).isEqualTo(new Credentials("oltp", "p"));

        WorkloadSpec scan = WorkloadSpec.parse("op=scan,concurrency=4,splits=128,passes=2", DEFAULTS);
        assertThat(scan.load()).isEqualTo(new LoadModel.Closed(4));
        assertThat(scan.splits()).isEqualTo(128);
        assertThat(scan.passes()).isEqualTo(2);
        assertThat(scan.duration()).as("passes without duration: until done").isNull();
        assertThat(WorkloadSpec.parse("op=read,rate=2.5", DEFAULTS).load()).isEqualTo(new LoadModel.Open(2.5, WorkloadSpec.DEFAULT_MAX_IN_FLIGHT));
        assertThat(WorkloadSpec.parse("op=read,ops=10,duration=500ms", DEFAULTS).duration()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void mistakesAreNamed() {
        assertRefused("concurrency=4", "op= is required");
        assertRefused("op=delete", "op must be one of write, read, mixed, scan: 'delete'");
        assertRefused("op=read,threads=4", "unknown key 'threads' (known: name, op, concurrency");
        assertRefused("op=read,rate=fast", "rate must be a positive number of requests a second");
        assertRefused("op=read,rate=0", "rate must be a positive number");
        assertRefused("op=scan,rate=10", "scan runs closed loop");
        assertRefused("op=read,concurrency=0", "concurrency must be a whole number > 0: '0'");
        assertRefused("op=read,duration=soon", "not a duration: 'soon'");
        assertRefused("op=read,read=1", "read= and write= weights are for op=mixed only");
        assertRefused("op=mixed,read=0,write=0", "must not both be 0");
        assertRefused("op=read,passes=1", "passes= is for scans only");
        assertRefused("op=read,cl=MOST", "cl must be a consistency level");
        assertRefused("op=read,password=x", "password= needs user=");
        assertRefused("op=read,op=write", "op= is given twice");
        assertRefused("op=read,oops", "expected key=value, got 'oops'");
    }

    @Test
    void durationsTakeUnits() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationText.parse("2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> DurationText.parse("0s")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> DurationText.parse("-1s")).hasMessageContaining("not a duration");
    }

    private static void assertRefused(String spec, String message) {
        assertThatThrownBy(() -> WorkloadSpec.parse(spec, DEFAULTS)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
