package org.charybdis.server.service.pager;

import java.nio.ByteBuffer;

/**
 * How much one page may hold: rows, and bytes of result values. A paged query's pages hold at most
 * {@link #PAGED_BYTES}, as ScyllaDB's do, so a page of large rows may end before its row count, with a paging
 * state to go on from (drivers follow it); an unpaged query has no byte limit and gets every row it asked for.
 * The byte limit keeps one page's read, merge and encoding short enough to interleave with other requests.
 */
public record PageSize(int rows, long bytes) {
    /** The most a page of a paged query holds, as ScyllaDB's 1 MiB. */
    public static final long PAGED_BYTES = 1L << 20;

    public PageSize {
        if (rows < 0 || bytes < 0) throw new IllegalArgumentException("negative page size " + rows + " rows, " + bytes + " bytes");
    }

    /** Exactly {@code rows} rows, unless the data ends first. */
    public static PageSize rows(int rows) {
        return new PageSize(rows, Long.MAX_VALUE);
    }

    /** Up to {@code rows} rows and {@link #PAGED_BYTES} bytes. */
    public static PageSize paged(int rows) {
        return new PageSize(rows, PAGED_BYTES);
    }

    /** True when a page may end before it holds {@link #rows} rows (then it says where to go on from). */
    public boolean mayEndShort() {
        return bytes != Long.MAX_VALUE;
    }

    /**
     * What each of {@code shards} shards scanning side by side reads for this page: an even part of it and an
     * eighth more when the page may end short, else all of it. Tokens spread evenly over the shards, so the merged
     * parts nearly always fill the page; when they do not, the page stops where the first shard's part ends and
     * a further round goes on from there.
     */
    PageSize perShard(int shards) {
        if (!mayEndShort() || shards <= 1) return this;
        long part = ((long) rows + shards - 1) / shards;
        return new PageSize((int) Math.min(rows, part + part / 8 + 4), Math.max(1, bytes / shards + bytes / shards / 8));
    }

    /** What a row counts against the byte limit: its values as the RESULT message carries them. */
    public static long bytesOf(ByteBuffer[] row) {
        long size = 0;
        for (ByteBuffer value : row) size += 4 + (value == null ? 0 : value.remaining());
        return size;
    }
}
