package org.charybdis.storage.sstable;

import com.github.luben.zstd.Zstd;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.charybdis.storage.serialization.CorruptDataException;

/**
 * Compresses and decompresses one Data.db chunk between byte arrays. Instances are stateless and shareable.
 */
abstract sealed class ChunkCompressor {
    /** The compressor of the algorithm and level. */
    static ChunkCompressor of(CompressionParams.Algorithm algorithm, int level) {
        return switch (algorithm) {
            case NONE -> Raw.INSTANCE;
            case LZ4 -> level == 0 ? Lz4.FAST : new Lz4(LZ4Factory.fastestInstance().highCompressor(level));
            case ZSTD -> new ZstdChunks(level);
        };
    }

    /** Largest output of {@link #compress} for {@code length} input bytes. */
    abstract int maxCompressedLength(int length);

    /** Compresses src[0, length) into dst; returns the compressed length. */
    abstract int compress(byte[] src, int length, byte[] dst);

    /** Decompresses src[offset, offset+length) into exactly dst[0, dstLength). */
    abstract void decompress(byte[] src, int offset, int length, byte[] dst, int dstLength);

    private static final class Raw extends ChunkCompressor {
        static final Raw INSTANCE = new Raw();

        @Override
        int maxCompressedLength(int length) { return length; }

        @Override
        int compress(byte[] src, int length, byte[] dst) {
            System.arraycopy(src, 0, dst, 0, length);
            return length;
        }

        @Override
        void decompress(byte[] src, int offset, int length, byte[] dst, int dstLength) {
            if (length != dstLength) throw new CorruptDataException("raw chunk of " + length + " bytes, expected " + dstLength);
            System.arraycopy(src, offset, dst, 0, length);
        }
    }

    private static final class Lz4 extends ChunkCompressor {
        static final Lz4 FAST = new Lz4(LZ4Factory.fastestInstance().fastCompressor());
        private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
        private final LZ4Compressor compressor;

        Lz4(LZ4Compressor compressor) {
            this.compressor = compressor;
        }

        @Override
        int maxCompressedLength(int length) { return compressor.maxCompressedLength(length); }

        @Override
        int compress(byte[] src, int length, byte[] dst) {
            return compressor.compress(src, 0, length, dst, 0, dst.length);
        }

        @Override
        void decompress(byte[] src, int offset, int length, byte[] dst, int dstLength) {
            int n;
            try {
                n = DECOMPRESSOR.decompress(src, offset, length, dst, 0, dstLength);
            } catch (LZ4Exception e) {
                throw new CorruptDataException("LZ4 chunk does not decompress: " + e.getMessage(), e);
            }
            if (n != dstLength) throw new CorruptDataException("LZ4 chunk decompressed to " + n + " bytes, expected " + dstLength);
        }
    }

    private static final class ZstdChunks extends ChunkCompressor {
        private final int level;

        ZstdChunks(int level) {
            this.level = level;
        }

        @Override
        int maxCompressedLength(int length) { return (int) Zstd.compressBound(length); }

        @Override
        int compress(byte[] src, int length, byte[] dst) {
            long n = Zstd.compressByteArray(dst, 0, dst.length, src, 0, length, level);
            if (Zstd.isError(n)) throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(n));
            return (int) n;
        }

        @Override
        void decompress(byte[] src, int offset, int length, byte[] dst, int dstLength) {
            long n = Zstd.decompressByteArray(dst, 0, dstLength, src, offset, length);
            if (Zstd.isError(n)) throw new CorruptDataException("Zstd chunk does not decompress: " + Zstd.getErrorName(n));
            if (n != dstLength) throw new CorruptDataException("Zstd chunk decompressed to " + n + " bytes, expected " + dstLength);
        }
    }
}
