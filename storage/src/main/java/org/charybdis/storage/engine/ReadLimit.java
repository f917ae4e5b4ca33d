package org.charybdis.storage.engine;

/**
 * How much of one partition a read needs: the caller stops once it has {@code rows} live rows, or live rows
 * holding {@code bytes} bytes of values ({@link org.charybdis.storage.data.Row#valueBytes()}), whichever comes
 * first. A LIMIT, a PER PARTITION LIMIT or what is left of a page: the engine may then stop reading there instead
 * of loading the whole partition (see {@link TableEngine#read(org.charybdis.storage.dht.DecoratedKey, ReadFilter,
 * long, ReadLimit)}).
 */
public record ReadLimit(int rows, long bytes) {
    /** Everything: the read returns the whole partition under its filter. */
    public static final ReadLimit NONE = new ReadLimit(Integer.MAX_VALUE, Long.MAX_VALUE);

    public ReadLimit {
        if (rows < 1 || bytes < 1) throw new IllegalArgumentException("a read limit needs at least one row and one byte: " + rows + ", " + bytes);
    }

    /** At most {@code rows} rows, any number of bytes. */
    public static ReadLimit rows(int rows) {
        return new ReadLimit(rows, Long.MAX_VALUE);
    }

    public boolean isNone() {
        return rows == Integer.MAX_VALUE && bytes == Long.MAX_VALUE;
    }
}
