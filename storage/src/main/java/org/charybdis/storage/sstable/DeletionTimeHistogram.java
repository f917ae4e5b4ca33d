package org.charybdis.storage.sstable;

import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.CorruptDataException;

import java.util.Arrays;

/**
 * A streaming histogram (Ben-Haim and Tom-Tov) of the seconds at which tombstones and expiring cells become
 * purgeable candidates: at most 100 bins, the two closest bins merged when a new point does not fit. Times are
 * rounded to the minute first, so a flush of one burst of deletes stays exact. Compaction uses it to estimate
 * droppable tombstones without reading the data.
 */
final class DeletionTimeHistogram {
    static final int MAX_BINS = 100;
    private static final long ROUNDING_SECONDS = 60;

    private long[] points = new long[MAX_BINS + 1];
    private long[] counts = new long[MAX_BINS + 1];
    private int size;

    void add(long second) {
        long point = second >= Long.MAX_VALUE - ROUNDING_SECONDS ? second
                : Math.floorDiv(second + ROUNDING_SECONDS - 1, ROUNDING_SECONDS) * ROUNDING_SECONDS;
        int at = Arrays.binarySearch(points, 0, size, point);
        if (at >= 0) {
            counts[at]++;
            return;
        }
        int insert = -at - 1;
        System.arraycopy(points, insert, points, insert + 1, size - insert);
        System.arraycopy(counts, insert, counts, insert + 1, size - insert);
        points[insert] = point;
        counts[insert] = 1;
        size++;
        if (size > MAX_BINS) mergeClosest();
    }

    /** Approximate number of points at or before {@code second}. */
    long countAtOrBefore(long second) {
        long total = 0;
        for (int i = 0; i < size && points[i] <= second; i++) total += counts[i];
        return total;
    }

    long totalCount() {
        long total = 0;
        for (int i = 0; i < size; i++) total += counts[i];
        return total;
    }

    void writeTo(BufferWriter out) {
        out.writeUnsignedVInt(size);
        for (int i = 0; i < size; i++) {
            out.writeVLong(points[i]);
            out.writeUnsignedVLong(counts[i]);
        }
    }

    static DeletionTimeHistogram read(BufferReader in) {
        int size = in.readUnsignedVInt();
        if (size > MAX_BINS) throw new CorruptDataException("deletion time histogram with " + size + " bins");
        DeletionTimeHistogram h = new DeletionTimeHistogram();
        for (int i = 0; i < size; i++) {
            h.points[i] = in.readVLong();
            h.counts[i] = in.readUnsignedVLong();
            if (i > 0 && h.points[i] <= h.points[i - 1]) throw new CorruptDataException("deletion time histogram out of order");
        }
        h.size = size;
        return h;
    }

    private void mergeClosest() {
        int best = 0;
        long bestGap = Long.MAX_VALUE;
        for (int i = 0; i + 1 < size; i++) {
            long gap = points[i + 1] - points[i];
            if (gap >= 0 && gap < bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        long count = counts[best] + counts[best + 1];
        // Weighted mean of the two points, computed without overflow.
        long merged = points[best] + (long) ((double) (points[best + 1] - points[best]) * counts[best + 1] / count);
        points[best] = merged;
        counts[best] = count;
        System.arraycopy(points, best + 2, points, best + 1, size - best - 2);
        System.arraycopy(counts, best + 2, counts, best + 1, size - best - 2);
        size--;
    }
}
