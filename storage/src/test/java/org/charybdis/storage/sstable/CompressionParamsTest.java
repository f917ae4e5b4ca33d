package org.charybdis.storage.sstable;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressionParamsTest {
    @Test
    void parsesCassandrasOptionMaps() {
        assertThat(CompressionParams.fromOptions(Map.of("class", "LZ4Compressor"))).isEqualTo(CompressionParams.DEFAULT);
        assertThat(CompressionParams.fromOptions(Map.of("class", "org.apache.cassandra.io.compress.ZstdCompressor",
                "chunk_length_in_kb", "64", "compression_level", "7"))).isEqualTo(CompressionParams.zstd(65536, 7));
        assertThat(CompressionParams.fromOptions(Map.of("enabled", "false"))).isEqualTo(CompressionParams.NONE);
        assertThat(CompressionParams.fromOptions(Map.of())).isEqualTo(CompressionParams.NONE);
        assertThat(CompressionParams.fromOptions(Map.of("class", "NoopCompressor")).algorithm()).isEqualTo(CompressionParams.Algorithm.NONE);
        CompressionParams high = CompressionParams.fromOptions(Map.of("class", "LZ4Compressor", "lz4_compressor_type", "high"));
        assertThat(high.level()).isEqualTo(9);
        assertThat(CompressionParams.fromOptions(Map.of("class", "LZ4Compressor", "min_compress_ratio", "2")).maxCompressedLength()).isEqualTo(8192);
    }

    @Test
    void mapsSnappyToLz4AndDeflateToZstd() {
        assertThat(CompressionParams.fromOptions(Map.of("class", "SnappyCompressor")).algorithm()).isEqualTo(CompressionParams.Algorithm.LZ4);
        assertThat(CompressionParams.fromOptions(Map.of("class", "DeflateCompressor")).algorithm()).isEqualTo(CompressionParams.Algorithm.ZSTD);
    }

    @Test
    void refusesWhatCassandraRefuses() {
        assertThatThrownBy(() -> CompressionParams.fromOptions(Map.of("chunk_length_in_kb", "16")))
                .hasMessage("Missing sub-option 'class' for the 'compression' option.");
        assertThatThrownBy(() -> CompressionParams.fromOptions(Map.of("enabled", "false", "class", "LZ4Compressor")))
                .hasMessage("If the 'enabled' option is set to false no other options must be specified");
        assertThatThrownBy(() -> CompressionParams.fromOptions(Map.of("class", "")))
                .hasMessage("The 'class' option must not be empty. To disable compression use 'enabled' : false");
        assertThatThrownBy(() -> CompressionParams.fromOptions(Map.of("class", "FooCompressor")))
                .hasMessage("Could not create Compression for type org.apache.cassandra.io.compress.FooCompressor");
        assertThatThrownBy(() -> CompressionParams.fromOptions(Map.of("class", "LZ4Compressor", "chunk_length_in_kb", "3")))
                .hasMessage("chunk_length_in_kb must be a power of 2");
        assertThatThrownBy(() -> CompressionParams.fromOptions(Map.of("class", "LZ4Compressor", "chunk_length_in_kb", "abc")))
                .hasMessage("Invalid value for chunk_length_in_kb");
        assertThatThrownBy(() -> CompressionParams.fromOptions(Map.of("class", "LZ4Compressor", "chunk_length_in_kb", "0")))
                .hasMessage("Invalid negative or null chunk_length_in_kb");
        assertThatThrownBy(() -> CompressionParams.fromOptions(Map.of("class", "LZ4Compressor", "foo", "1")))
                .hasMessage("Unknown compression options foo");
        assertThatThrownBy(() -> CompressionParams.fromOptions(Map.of("class", "LZ4Compressor", "compression_level", "1")))
                .hasMessage("Unknown compression options compression_level");
        assertThatThrownBy(() -> CompressionParams.fromOptions(Map.of("class", "ZstdCompressor", "compression_level", "99")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compression_level=99 is invalid");
        assertThatThrownBy(() -> CompressionParams.fromOptions(Map.of("class", "LZ4Compressor", "min_compress_ratio", "0.5")))
                .hasMessage("min_compress_ratio can either be 0 or greater than or equal to 1");
    }

    @Test
    void showsItsOptionsTheWayCassandraDoes() {
        assertThat(CompressionParams.DEFAULT.asOptions())
                .containsEntry("class", "org.apache.cassandra.io.compress.LZ4Compressor").containsEntry("chunk_length_in_kb", "16");
        assertThat(CompressionParams.fromOptions(CompressionParams.zstd(4096, 5).asOptions())).isEqualTo(CompressionParams.zstd(4096, 5));
    }
}
