package org.charybdis.server.transport;

import org.charybdis.cql.exceptions.OverloadedException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestAdmissionTest {
    private final List<String> events = new ArrayList<>();

    private RequestAdmission.Pending request(String name) {
        return new RequestAdmission.Pending() {
            @Override
            public void admit() { events.add("admit " + name); }

            @Override
            public void shed(OverloadedException error) { events.add("shed " + name + ": " + error.getMessage()); }
        };
    }

    @Test
    void admitsWithinTheCountAndQueuesBeyondItInArrivalOrder() {
        RequestAdmission admission = new RequestAdmission(0, 2, 1 << 20);
        assertThat(admission.admitOrQueue(request("a"), 10, Long.MAX_VALUE)).isTrue();
        assertThat(admission.admitOrQueue(request("b"), 10, Long.MAX_VALUE)).isTrue();
        assertThat(admission.admitOrQueue(request("c"), 10, Long.MAX_VALUE)).isFalse();
        assertThat(admission.admitOrQueue(request("d"), 10, Long.MAX_VALUE)).isFalse();
        assertThat(admission.inFlight()).isEqualTo(2);
        assertThat(admission.queued()).isEqualTo(2);
        admission.release(10);
        assertThat(events).containsExactly("admit c");
        admission.release(10);
        admission.release(10);
        assertThat(events).containsExactly("admit c", "admit d");
        assertThat(admission.inFlight()).isEqualTo(1);
    }

    @Test
    void admitsWithinTheBytesButAlwaysOneRequestHoweverLarge() {
        RequestAdmission admission = new RequestAdmission(0, 100, 1000);
        assertThat(admission.admitOrQueue(request("huge"), 5000, Long.MAX_VALUE)).isTrue();
        assertThat(admission.admitOrQueue(request("small"), 10, Long.MAX_VALUE)).isFalse();
        admission.release(5000);
        assertThat(events).containsExactly("admit small");
        assertThat(admission.bytesInFlight()).isEqualTo(10);
        // nobody overtakes a waiting request, even one that would fit
        assertThat(admission.admitOrQueue(request("big"), 995, Long.MAX_VALUE)).isFalse();
        assertThat(admission.admitOrQueue(request("tiny"), 1, Long.MAX_VALUE)).isFalse();
        admission.release(10);
        assertThat(events).containsExactly("admit small", "admit big", "admit tiny");
    }

    @Test
    void aRequestThatWaitedPastItsTimeoutIsShedButABatchWorkloadOnlyWaits() throws Exception {
        RequestAdmission admission = new RequestAdmission(3, 1, 1 << 20);
        admission.admitOrQueue(request("running"), 10, Long.MAX_VALUE);
        admission.admitOrQueue(request("interactive"), 10, 1_000_000); // 1 ms
        admission.admitOrQueue(request("batch"), 10, Long.MAX_VALUE);
        Thread.sleep(20);
        admission.release(10);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).startsWith("shed interactive: Shard 3 is overloaded: the request waited ");
        assertThat(events.get(1)).isEqualTo("admit batch");
        assertThat(admission.shed()).isEqualTo(1);
    }
}
