package org.charybdis.scheduler.io;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Virtual-time fair queueing on cost, driven directly: which class goes next, and how much each gets. */
class FairQueueTest {
    private final FairQueue queue = new FairQueue();

    @Test
    void underContentionClassesGetDiskTimeInProportionToShares() {
        queue.setShares(IoClass.QUERY, 1000);
        queue.setShares(IoClass.COMPACTION, 250);
        fill(IoClass.QUERY, 2_000, 100);
        fill(IoClass.COMPACTION, 2_000, 100);

        Map<IoClass, Long> cost = dispatch(1_000);

        assertThat((double) cost.get(IoClass.QUERY) / cost.get(IoClass.COMPACTION)).isCloseTo(4.0, within(0.04));
    }

    @Test
    void aClassRegisteredAtRunTimeCompetesByItsShares() {
        IoClass olap = new IoClasses().register("sl:olap", 100);
        assertThatThrownBy(() -> queue.setShares(olap, 10)).isInstanceOf(IllegalArgumentException.class);
        queue.addClass(olap, 100);
        queue.setShares(IoClass.QUERY, 1000);
        fill(IoClass.QUERY, 2_000, 100);
        fill(olap, 2_000, 100);

        Map<IoClass, Long> cost = dispatch(1_100);

        assertThat((double) cost.get(IoClass.QUERY) / cost.get(olap)).isCloseTo(10.0, within(0.2));
    }

    @Test
    void proportionsHoldOnCostNotOnRequestCount() {
        queue.setShares(IoClass.QUERY, 1000);
        queue.setShares(IoClass.COMPACTION, 250);
        fill(IoClass.QUERY, 20_000, 2_048); // 4 KiB reads
        fill(IoClass.COMPACTION, 2_000, 131_072); // 128 KiB writes

        Map<IoClass, Long> cost = dispatch(3_000);

        assertThat(cost.get(IoClass.COMPACTION)).isPositive();
        assertThat((double) cost.get(IoClass.QUERY) / cost.get(IoClass.COMPACTION)).isCloseTo(4.0, within(0.6));
    }

    @Test
    void aClassAloneTakesEverythingAndFifoOrderHoldsWithinAClass() {
        IoRequest<?> first = request(IoClass.MAINTENANCE, 10);
        IoRequest<?> second = request(IoClass.MAINTENANCE, 10);
        queue.add(first);
        queue.add(second);

        assertThat(queue.next()).isEqualTo(IoClass.MAINTENANCE);
        assertThat(queue.removeHead(IoClass.MAINTENANCE)).isSameAs(first);
        assertThat(queue.next()).isEqualTo(IoClass.MAINTENANCE);
        assertThat(queue.removeHead(IoClass.MAINTENANCE)).isSameAs(second);
        assertThat(queue.next()).isNull();
        assertThat(queue.size()).isZero();
    }

    @Test
    void aClassThatWasIdleBanksNoCredit() {
        fill(IoClass.QUERY, 10_000, 100);
        dispatch(5_000); // QUERY alone for a long time
        fill(IoClass.COMPACTION, 1_000, 100);

        Map<IoClass, Long> cost = dispatch(200);

        // equal shares: the newcomer alternates with QUERY instead of owning the disk until it caught up
        assertThat(cost.get(IoClass.COMPACTION)).isBetween(9_000L, 11_000L);
    }

    @Test
    void sharesChangedAtRunTimeApplyFromTheNextDispatch() {
        fill(IoClass.QUERY, 5_000, 100);
        fill(IoClass.COMPACTION, 5_000, 100);
        dispatch(100);
        queue.setShares(IoClass.COMPACTION, 100);

        Map<IoClass, Long> cost = dispatch(1_100);

        assertThat((double) cost.get(IoClass.QUERY) / cost.get(IoClass.COMPACTION)).isCloseTo(10.0, within(0.5));
        assertThat(queue.shares(IoClass.COMPACTION)).isEqualTo(100);
    }

    @Test
    void droppedAndDrainedRequestsLeaveTheQueueEmpty() {
        fill(IoClass.QUERY, 3, 10);
        fill(IoClass.COMMITLOG, 2, 10);
        queue.dropHead(IoClass.QUERY);
        assertThat(queue.size()).isEqualTo(4);
        int drained = 0;
        while (queue.removeAny() != null) drained++;
        assertThat(drained).isEqualTo(4);
        assertThat(queue.next()).isNull();
    }

    @Test
    void sharesOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> queue.setShares(IoClass.QUERY, 0)).hasMessageContaining("query");
        assertThatThrownBy(() -> queue.setShares(IoClass.QUERY, 1_000_001)).isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.shares(IoClass.MAINTENANCE)).isEqualTo(IoClass.MAINTENANCE.defaultShares());
    }

    private void fill(IoClass ioClass, int count, long cost) {
        for (int i = 0; i < count; i++) queue.add(request(ioClass, cost));
    }

    private Map<IoClass, Long> dispatch(int requests) {
        Map<IoClass, Long> cost = new java.util.HashMap<>();
        for (IoClass ioClass : IoClass.builtIn()) cost.put(ioClass, 0L); // run-time classes appear once served
        for (int i = 0; i < requests; i++) {
            IoClass next = queue.next();
            IoRequest<?> request = queue.removeHead(next);
            cost.merge(next, request.cost(), Long::sum);
        }
        return cost;
    }

    private static IoRequest<?> request(IoClass ioClass, long cost) {
        return new IoRequest<Void>(null, ioClass, false, 0, cost, () -> null, null, null, 0);
    }
}
