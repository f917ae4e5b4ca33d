package org.charybdis.storage.lsm;

import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.engine.ForwardSender;
import org.charybdis.storage.engine.ForwardedUpdate;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.key;

/**
 * Updates a shard logs for other shards ({@link ForwardedUpdate}, a materialized view's rows) stay in its commitlog until
 * their owners have them durably, in normal running and after a replay, so a crash at any point loses none of them.
 */
class ForwardedUpdateDurabilityTest {
    private static final long NOW = System.currentTimeMillis() / 1000;
    private final TableLayout layout = TestTables.layout();
    private final HeldSends sends = new HeldSends();
    private LsmTestNode node;
    private TableEngine table;

    @BeforeEach
    void open() throws IOException {
        node = new LsmTestNode(4 << 20);
        node.forwardSender(sends);
        node.open(List.of(layout));
        table = node.table(layout);
    }

    @AfterEach
    void close() throws IOException {
        node.close();
    }

    @Test
    void forwardedUpdatesAreLoggedNotAppliedAndHandedBackByReplayOnce() throws Exception {
        CompletableFuture<Void> write = node.startWrite(table, base(1), List.of(forward(2)));
        assertThat(node.eventually(() -> sends.size() == 1)).isTrue();
        assertThat(write).as("acknowledged once the owner has it").isNotDone();
        deliverAll();
        write.join();
        assertThat(node.read(table, key(2), ReadFilter.ALL, NOW)).as("never applied on the shard that logged it").isNull();

        crashAndReopen();
        assertThat(node.read(table, key(1), ReadFilter.ALL, NOW)).isNotNull();
        assertThat(node.read(table, key(2), ReadFilter.ALL, NOW)).as("nor by the replay").isNull();
        node.startResendingReplayedForwards();
        assertThat(node.eventually(() -> sends.size() == 1)).isTrue();
        ForwardedUpdate resent = sends.updates().getFirst();
        assertThat(resent.tableId()).isEqualTo(layout.tableId());
        assertThat(resent.update().key()).isEqualTo(key(2));
        assertThat(resent.update().rows().getFirst().clustering()).isEqualTo(ck(9, "z"));
        deliverAll();
        node.startResendingReplayedForwards().join();
        assertThat(sends.size()).as("handed back once").isZero();
    }

    @Test
    void aSegmentIsNotRecycledBeforeItsForwardedUpdatesAreDurableOnTheirOwners() throws Exception {
        node.startWrite(table, base(1), List.of(forward(2)));
        assertThat(node.eventually(() -> sends.size() == 1)).isTrue();
        // the base row is flushed and the log moves on over several segments: only the forwarded update holds the first
        node.flush(table);
        node.writeIncompressible(table, 10, 1200, NOW);
        node.flush(table);
        assertThat(node.eventually(() -> node.factory().commitLogStats(0).segments() <= 2)).isTrue();

        crashAndReopen();
        assertThat(replayedAndResent()).as("still in the log").extracting(u -> u.update().key()).containsExactly(key(2));
    }

    @Test
    void replayedSegmentsOutliveTheResendingOfTheirForwardedUpdates() throws Exception {
        node.startWrite(table, base(1), List.of(forward(2)));
        assertThat(node.eventually(() -> sends.size() == 1)).isTrue();
        crashAndReopen();
        List<Path> replayed = node.commitLogFiles();
        node.startResendingReplayedForwards();
        assertThat(node.eventually(() -> sends.size() == 1)).isTrue();
        node.flush(table);
        // the replayed data is flushed, but the owner has not logged the forwarded update yet: a second crash now
        crashAndReopen();
        assertThat(replayedAndResent()).as("replayed again").extracting(u -> u.update().key()).containsExactly(key(2));

        deliverAll();
        node.flush(table);
        assertThat(node.eventually(() -> replayed.stream().noneMatch(java.nio.file.Files::exists)))
                .as("the replayed segments go once the resent updates are durable").isTrue();
    }

    private List<ForwardedUpdate> replayedAndResent() throws InterruptedException {
        node.startResendingReplayedForwards();
        assertThat(node.eventually(() -> sends.size() > 0)).isTrue();
        return sends.updates();
    }

    /** A crash: everything in memory is dropped; what the sender still held is forgotten with it. */
    private void crashAndReopen() {
        sends.forget();
        node.restart(List.of(layout));
        table = node.table(layout);
    }

    /** The owners have logged everything sent so far; told on the shard, where the sender's futures complete. */
    private void deliverAll() {
        node.call(() -> {
            sends.deliverAll();
            return null;
        });
    }

    private static PartitionUpdate base(int pk) {
        PartitionUpdate.Builder b = PartitionUpdate.builder(key(pk));
        b.row(ck(1, "a")).marker(4, 0, NOW).cell(V1, i(1), 4, 0, NOW);
        return b.build();
    }

    private ForwardedUpdate forward(int pk) {
        PartitionUpdate.Builder b = PartitionUpdate.builder(key(pk));
        b.row(ck(9, "z")).marker(4, 0, NOW).cell(V1, i(9), 4, 0, NOW);
        return new ForwardedUpdate(layout.tableId(), b.build());
    }

    /** A sender whose deliveries (durable and synced at once, as in batch mode) finish only when the test says so. */
    private static final class HeldSends implements ForwardSender {
        private record Send(List<ForwardedUpdate> updates, CompletableFuture<Void> delivered) { }

        private final ConcurrentLinkedQueue<Send> held = new ConcurrentLinkedQueue<>();

        @Override
        public Sent send(List<ForwardedUpdate> updates) {
            Send send = new Send(List.copyOf(updates), new CompletableFuture<>());
            held.add(send);
            return new Sent(send.delivered(), send.delivered());
        }

        int size() { return held.size(); }

        List<ForwardedUpdate> updates() {
            return held.stream().flatMap(s -> s.updates().stream()).toList();
        }

        void deliverAll() {
            Send send;
            while ((send = held.poll()) != null) send.delivered().complete(null);
        }

        void forget() { held.clear(); }
    }
}
