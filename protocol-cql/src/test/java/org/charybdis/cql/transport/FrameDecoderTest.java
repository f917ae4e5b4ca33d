package org.charybdis.cql.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private final Recorder recorder = new Recorder();
    private EmbeddedChannel channel;

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    private EmbeddedChannel open(int maxFrameBytes) {
        channel = new EmbeddedChannel();
        ProtocolPipeline.install(channel.pipeline(), maxFrameBytes);
        channel.pipeline().addLast(recorder);
        return channel;
    }

    @AfterEach
    void close() {
        recorder.releaseAll();
        channel.finishAndReleaseAll();
    }

    @Test
    void decodesPipelinedAndSplitFramesAndFixesTheVersion() {
        open(FrameDecoder.DEFAULT_MAX_FRAME_BYTES);
        ByteBuf bytes = Unpooled.buffer();
        bytes.writeBytes(TestBytes.request(4, 0, 1, 0x05, new byte[0]));
        bytes.writeBytes(TestBytes.request(4, 0, 2, 0x07, "abc".getBytes(StandardCharsets.UTF_8)));
        ByteBuf third = TestBytes.request(4, 0, 3, 0x07, "defg".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(third, 5);

        channel.writeInbound(bytes);
        assertThat(recorder.frames()).hasSize(2);
        channel.writeInbound(third);

        assertThat(recorder.frames()).extracting(Frame::streamId).containsExactly(1, 2, 3);
        assertThat(recorder.frames()).extracting(Frame::opcode).containsExactly(Opcode.OPTIONS, Opcode.QUERY, Opcode.QUERY);
        assertThat(recorder.frames().get(2).body().toString(StandardCharsets.UTF_8)).isEqualTo("defg");
        assertThat(ProtocolPipeline.negotiatedVersion(channel.pipeline())).isEqualTo(ProtocolVersion.V4);
    }

    @Test
    void v6IsRefusedInAV5FrameAndTheConnectionCloses() {
        open(FrameDecoder.DEFAULT_MAX_FRAME_BYTES);
        channel.writeInbound(TestBytes.request(6, FrameFlags.USE_BETA, 0, 0x05, new byte[0]));

        ByteBuf out = TestBytes.drainOutbound(channel);
        assertThat((int) out.readUnsignedByte()).isEqualTo(0x85);
        assertThat(out.readByte()).isZero();
        assertThat(out.readShort()).isZero();
        assertThat(out.readByte()).isEqualTo((byte) Opcode.ERROR.code());
        assertThat(out.readInt()).isEqualTo(out.readableBytes());
        assertThat(out.readInt()).isEqualTo(0x000A);
        String message = out.readCharSequence(out.readUnsignedShort(), StandardCharsets.UTF_8).toString();
        assertThat(message).isEqualTo(
                "Invalid or unsupported protocol version (6); supported versions are (3/v3, 4/v4, 5/v5)");
        out.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void v2IsRefusedInAV2FrameWithItsShortHeader() {
        open(FrameDecoder.DEFAULT_MAX_FRAME_BYTES);
        ByteBuf v2Startup = Unpooled.buffer().writeByte(2).writeByte(0).writeByte(9).writeByte(0x01).writeInt(0);
        channel.writeInbound(v2Startup);

        ByteBuf out = TestBytes.drainOutbound(channel);
        assertThat((int) out.readUnsignedByte()).isEqualTo(0x82);
        out.skipBytes(1);
        assertThat(out.readByte()).isEqualTo((byte) 9);
        assertThat(out.readByte()).isEqualTo((byte) Opcode.ERROR.code());
        assertThat(out.readInt()).isEqualTo(out.readableBytes());
        assertThat(out.readInt()).isEqualTo(0x000A);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Invalid or unsupported protocol version (2)");
        out.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void oversizedFrameIsSkippedAndReportedOnItsStream() {
        open(1024);
        ByteBuf big = TestBytes.request(4, 0, 11, 0x07, new byte[2000]);
        channel.writeInbound(big.readRetainedSlice(600));
        channel.writeInbound(big);
        channel.writeInbound(TestBytes.request(4, 0, 12, 0x05, new byte[0]));

        assertThat(recorder.errors()).hasSize(1);
        FrameDecodingException error = recorder.errors().getFirst();
        assertThat(error.streamId()).isEqualTo(11);
        assertThat(error.isFatal()).isFalse();
        assertThat(error.error().getMessage()).contains("2009").contains("1024")
                .contains("native_transport_max_frame_size_in_mb");
        assertThat(recorder.frames()).extracting(Frame::streamId).containsExactly(12);
        Frame reply = error.toErrorFrame(channel.alloc());
        assertThat(reply.opcode()).isEqualTo(Opcode.ERROR);
        assertThat(reply.body().getInt(0)).as("InvalidRequest, as Cassandra answers").isEqualTo(0x2200);
        reply.release();
    }

    @Test
    void badHeadersAreReportedWithoutLosingTheFraming() {
        open(FrameDecoder.DEFAULT_MAX_FRAME_BYTES);
        channel.writeInbound(TestBytes.request(4, 0, 1, 0x04, new byte[] {1, 2}));
        channel.writeInbound(TestBytes.request(4, 0, 2, 0x02, new byte[0]));
        channel.writeInbound(TestBytes.request(0x84, 0, 3, 0x07, new byte[0]));
        channel.writeInbound(TestBytes.request(4, FrameFlags.COMPRESSED, 4, 0x07, new byte[] {1}));
        channel.writeInbound(TestBytes.request(4, 0, 5, 0x05, new byte[0]));

        assertThat(recorder.errors()).extracting(FrameDecodingException::streamId).containsExactly(1, 2, 3, 4);
        assertThat(recorder.errors()).noneMatch(FrameDecodingException::isFatal);
        assertThat(recorder.errors().getFirst().error().getMessage()).isEqualTo("Unknown opcode 4");
        assertThat(recorder.errors().get(3).error().getMessage()).contains("no compression was negotiated");
        assertThat(recorder.frames()).extracting(Frame::streamId).containsExactly(5);
    }

    @Test
    void aVersionChangeLosesTheFraming() {
        open(FrameDecoder.DEFAULT_MAX_FRAME_BYTES);
        channel.writeInbound(TestBytes.request(4, 0, 1, 0x05, new byte[0]));
        channel.writeInbound(TestBytes.request(3, 0, 2, 0x05, new byte[0]));
        channel.writeInbound(TestBytes.request(4, 0, 3, 0x05, new byte[0]));

        assertThat(recorder.frames()).extracting(Frame::streamId).containsExactly(1);
        assertThat(recorder.errors()).singleElement().satisfies(e -> {
            assertThat(e.isFatal()).isTrue();
            assertThat(e.error().getMessage()).contains("Got 3 but previous messages on this connection had version 4");
        });
    }

    @Test
    void lz4AndSnappyCompressBothWays() {
        for (Compression compression : new Compression[] {Compression.LZ4, Compression.SNAPPY}) {
            recorder.releaseAll();
            recorder.events.clear();
            if (channel != null) {
                channel.finishAndReleaseAll();
            }
            open(FrameDecoder.DEFAULT_MAX_FRAME_BYTES);
            byte[] text = "SELECT * FROM ks.t WHERE k = 1 AND k = 1 AND k = 1".getBytes(StandardCharsets.UTF_8);
            ProtocolPipeline.enableCompression(channel.pipeline(), compression);

            ByteBuf compressed = compression.frameCompressor().compress(channel.alloc(), Unpooled.wrappedBuffer(text));
            channel.writeInbound(TestBytes.request(4, FrameFlags.COMPRESSED, 1, 0x07, ByteBufUtil.getBytes(compressed)));
            compressed.release();
            assertThat(recorder.frames()).singleElement().satisfies(f -> {
                assertThat(f.hasFlag(FrameFlags.COMPRESSED)).isFalse();
                assertThat(ByteBufUtil.getBytes(f.body())).isEqualTo(text);
            });

            channel.writeOutbound(Frame.response(ProtocolVersion.V4, 0, 1, Opcode.RESULT, Unpooled.wrappedBuffer(text)));
            channel.writeOutbound(Frame.response(ProtocolVersion.V4, 0, 2, Opcode.READY, Unpooled.EMPTY_BUFFER));
            ByteBuf out = TestBytes.drainOutbound(channel);
            assertThat(out.getByte(1) & FrameFlags.COMPRESSED).isEqualTo(FrameFlags.COMPRESSED);
            ByteBuf body = out.slice(9, out.getInt(5));
            ByteBuf plain = compression.frameCompressor().decompress(channel.alloc(), body, 1 << 20);
            assertThat(ByteBufUtil.getBytes(plain)).isEqualTo(text);
            plain.release();
            int ready = 9 + body.readableBytes();
            assertThat(out.getByte(ready + 1)).as("empty READY is sent plain").isZero();
            out.release();
        }
    }

    @Test
    void corruptCompressedBodiesAreProtocolErrors() {
        open(FrameDecoder.DEFAULT_MAX_FRAME_BYTES);
        ProtocolPipeline.enableCompression(channel.pipeline(), Compression.LZ4);
        channel.writeInbound(TestBytes.request(4, FrameFlags.COMPRESSED, 1, 0x07, new byte[] {0, 0, 0, 50, 1, 2, 3}));
        channel.writeInbound(TestBytes.request(4, FrameFlags.COMPRESSED, 2, 0x07, new byte[] {0x7F, 0, 0, 0, 1}));

        assertThat(recorder.errors()).extracting(FrameDecodingException::streamId).containsExactly(1, 2);
        assertThat(recorder.frames()).isEmpty();
    }

    @Test
    void unknownCompressionIsAProtocolError() {
        assertThat(Compression.fromStartupOption(null, ProtocolVersion.V4)).isEqualTo(Compression.NONE);
        assertThat(Compression.fromStartupOption("LZ4", ProtocolVersion.V5)).isEqualTo(Compression.LZ4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Compression.fromStartupOption("zstd", ProtocolVersion.V4))
                .isInstanceOf(org.charybdis.cql.exceptions.ProtocolException.class)
                .hasMessage("Unknown compression algorithm: zstd");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Compression.fromStartupOption("snappy", ProtocolVersion.V5))
                .isInstanceOf(org.charybdis.cql.exceptions.ProtocolException.class);
        channel = new EmbeddedChannel();
    }
}
