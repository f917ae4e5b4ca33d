package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.cql.Row;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A token range's row count and checksum: the sum of each row's hash (the first 8 bytes of the SHA-256 of its columns'
 * bytes as the server sends them), so the rows' order does not matter and equal contents give equal digests on any
 * server. Write times and TTLs are not part of it (a TTL shrinks as time passes).
 */
record RangeDigest(long rows, long checksum) {
    static final class Builder {
        private final MessageDigest sha256;
        private long rows;
        private long checksum;

        Builder() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK always has SHA-256", e);
            }
        }

        void add(Row row, int columns) {
            for (int i = 0; i < columns; i++) {
                ByteBuffer bytes = row.getBytesUnsafe(i);
                int length = bytes == null ? -1 : bytes.remaining();
                sha256.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
                if (bytes != null) sha256.update(bytes.duplicate());
            }
            checksum += ByteBuffer.wrap(sha256.digest()).getLong();
            rows++;
        }

        RangeDigest build() {
            return new RangeDigest(rows, checksum);
        }
    }

    @Override
    public String toString() {
        return rows + " rows, checksum " + Long.toHexString(checksum);
    }
}
