package org.charybdis.storage.rocks;

import org.charybdis.storage.data.ByteOrderedEncoding;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.ClusteringPrefix;
import org.charybdis.storage.dht.DecoratedKey;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The keys of a table's column family, built so that RocksDB's byte-wise order is the table's order: token, partition
 * key, then the clustering order (each component in its type's byte order, inverted when DESC).
 * <pre>
 *   meta key:  0x00 name
 *   header:    0x10 token(8 bytes, sign flipped) partition-key(0x00 escaped as 0x00 0xFF) 0x00 0x00 0x01
 *   row:       same partition prefix, then 0x02, then per component 0x3F (empty value) or 0x40 and its encoding
 *              (both inverted when DESC), then 0x38
 *   bound:     the same prefix of components, then 0x10 (sorts before the rows sharing it) or 0xF0 (after them)
 * </pre>
 * The markers of a component (0x3F, 0x40, inverted 0xC0, 0xBF) and a row's end (0x38) all lie between the bounds'
 * ends, so a bound on a prefix sorts before or after every row under that prefix, whatever order the next column has.
 */
final class RocksKeys {
    static final byte META = 0x00;
    private static final byte DATA = 0x10;
    private static final byte HEADER = 0x01;
    private static final byte ROWS = 0x02;
    private static final byte AFTER_ROWS = 0x03;
    private static final int EMPTY_COMPONENT = 0x3F;
    private static final int COMPONENT = 0x40;
    private static final int ROW_END = 0x38;
    private static final int BEFORE_PREFIX = 0x10;
    private static final int AFTER_PREFIX = 0xF0;

    private final ClusteringComparator comparator;

    RocksKeys(ClusteringComparator comparator) {
        if (!comparator.byteOrdered())
            throw new IllegalArgumentException("the clustering columns have no byte order: the RocksDB engine cannot store this table");
        this.comparator = comparator;
    }

    /** The key of a piece of per-table metadata (kept in the same column family, so it is flushed with the data). */
    static byte[] meta(String name) {
        byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] key = new byte[bytes.length + 1];
        key[0] = META;
        System.arraycopy(bytes, 0, key, 1, bytes.length);
        return key;
    }

    /** Before every data key: where the meta keys end. */
    static byte[] firstData() {
        return new byte[] {DATA};
    }

    /** Before every key of partitions with this token or a later one. */
    static byte[] tokenStart(long token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(9);
        out.write(DATA);
        writeToken(token, out);
        return out.toByteArray();
    }

    /** After every data key. */
    static byte[] afterData() {
        return new byte[] {DATA + 1};
    }

    /** The partition's header: its deletion, range tombstones and static row. */
    static byte[] header(DecoratedKey key) {
        ByteArrayOutputStream out = partition(key);
        out.write(HEADER);
        return out.toByteArray();
    }

    /** Before every key of the partition. */
    static byte[] partitionStart(DecoratedKey key) {
        return partition(key).toByteArray();
    }

    /** After every key of the partition, before the next partition's. */
    static byte[] partitionEnd(DecoratedKey key) {
        ByteArrayOutputStream out = partition(key);
        out.write(AFTER_ROWS);
        return out.toByteArray();
    }

    byte[] row(DecoratedKey key, Clustering clustering) {
        ByteArrayOutputStream out = partition(key);
        out.write(ROWS);
        writeComponents(clustering, out);
        out.write(ROW_END);
        return out.toByteArray();
    }

    /** A slice end: sorts before or after the rows of the partition sharing the bound's prefix, as the bound says. */
    byte[] bound(DecoratedKey key, ClusteringBound bound) {
        ByteArrayOutputStream out = partition(key);
        out.write(ROWS);
        writeComponents(bound, out);
        boolean before = bound.isStart() == bound.isInclusive();
        out.write(before ? BEFORE_PREFIX : AFTER_PREFIX);
        return out.toByteArray();
    }

    static boolean isData(byte[] key) {
        return key.length > 0 && key[0] == DATA;
    }

    /** The partition a data key belongs to. */
    static DecoratedKey partitionOf(byte[] key) {
        long token = ByteBuffer.wrap(key, 1, 8).getLong() ^ Long.MIN_VALUE;
        ByteArrayOutputStream partitionKey = new ByteArrayOutputStream();
        for (int i = 9; i < key.length; i++) {
            if (key[i] != 0) {
                partitionKey.write(key[i]);
            } else if ((key[++i] & 0xFF) == 0xFF) {
                partitionKey.write(0);
            } else {
                break; // the 0x00 0x00 terminator
            }
        }
        return new DecoratedKey(token, ByteBuffer.wrap(partitionKey.toByteArray()));
    }

    /** True for a partition header's key, false for a row's. */
    static boolean isHeader(byte[] key) {
        return key[key.length - 1] == HEADER && key[key.length - 2] == 0 && key[key.length - 3] == 0;
    }

    private static ByteArrayOutputStream partition(DecoratedKey key) {
        ByteBuffer partitionKey = key.key();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + partitionKey.remaining());
        out.write(DATA);
        writeToken(key.token(), out);
        out.writeBytes(ByteOrderedEncoding.UNSIGNED_BYTES.encode(partitionKey));
        return out;
    }

    private static void writeToken(long token, ByteArrayOutputStream out) {
        long ordered = token ^ Long.MIN_VALUE;
        for (int shift = 56; shift >= 0; shift -= 8) out.write((int) (ordered >>> shift));
    }

    private void writeComponents(ClusteringPrefix prefix, ByteArrayOutputStream out) {
        for (int i = 0; i < prefix.size(); i++) {
            ByteBuffer value = prefix.get(i);
            boolean reversed = comparator.isReversed(i);
            if (value.remaining() == 0) {
                out.write(reversed ? ~EMPTY_COMPONENT : EMPTY_COMPONENT);
                continue;
            }
            byte[] encoded = comparator.encoding(i).encode(value);
            out.write(reversed ? ~COMPONENT : COMPONENT);
            if (reversed) {
                for (byte b : encoded) out.write(~b);
            } else {
                out.writeBytes(encoded);
            }
        }
    }
}
