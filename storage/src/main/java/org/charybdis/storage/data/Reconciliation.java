package org.charybdis.storage.data;

/**
 * Which of two versions of the same cell (or row marker) survives, exactly as Cassandra 5.0 decides.
 * The decision never depends on the current time, so every replica, memtable and compaction agrees:
 * <ol>
 *   <li>the higher write timestamp wins;</li>
 *   <li>at equal timestamps, an expiring cell or a tombstone beats a regular (non-expiring live) cell;</li>
 *   <li>between an expiring cell and a tombstone, the tombstone wins;</li>
 *   <li>between two expiring cells, or two tombstones, the later local deletion/expiration time wins;</li>
 *   <li>otherwise the greater value, compared as unsigned bytes, wins.</li>
 * </ol>
 * Row markers follow the same idea: higher timestamp, then expiring over non-expiring, then the later
 * expiration. Deletions (partition, range, row, complex) are never reconciled with cells: a deletion with
 * timestamp T shadows every cell and marker whose timestamp is {@code <= T}, applied at read time.
 * An expired cell is dead from its expiration second on, behaving like a tombstone at its write timestamp.
 */
public final class Reconciliation {
    private Reconciliation() {}

    public static Cell winner(Cell a, Cell b) {
        if (a == null) return b;
        if (b == null) return a;
        if (a.timestamp() != b.timestamp()) return a.timestamp() > b.timestamp() ? a : b;

        boolean aExpiringOrTombstone = a.localDeletionTime() != Cell.NO_DELETION_TIME;
        boolean bExpiringOrTombstone = b.localDeletionTime() != Cell.NO_DELETION_TIME;
        if (aExpiringOrTombstone || bExpiringOrTombstone) {
            if (aExpiringOrTombstone != bExpiringOrTombstone) return aExpiringOrTombstone ? a : b;
            if (a.isTombstone() != b.isTombstone()) return a.isTombstone() ? a : b;
            if (a.localDeletionTime() != b.localDeletionTime())
                return a.localDeletionTime() > b.localDeletionTime() ? a : b;
        }
        return UnsignedBytes.compare(a.value(), b.value()) >= 0 ? a : b;
    }

    public static LivenessInfo winner(LivenessInfo a, LivenessInfo b) {
        if (a.timestamp() != b.timestamp()) return a.timestamp() > b.timestamp() ? a : b;
        if (a.isExpiring() != b.isExpiring()) return a.isExpiring() ? a : b;
        return a.localExpirationTime() >= b.localExpirationTime() ? a : b;
    }
}
