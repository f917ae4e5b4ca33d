package org.charybdis.cql.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SegmentCodecTest {
    private final Recorder recorder = new Recorder();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void close() {
        recorder.releaseAll();
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private EmbeddedChannel encoder(Compression compression) {
        EmbeddedChannel channel = new EmbeddedChannel(new SegmentEncoder(compression), new FrameEncoder());
        channels.add(channel);
        return channel;
    }

    private EmbeddedChannel decoder(Compression compression) {
        EmbeddedChannel channel = new EmbeddedChannel(new SegmentDecoder(compression),
                new EnvelopeAssembler(FrameDecoder.DEFAULT_MAX_FRAME_BYTES), recorder);
        channels.add(channel);
        return channel;
    }

    private static Frame query(int stream, byte[] body) {
        return Frame.request(ProtocolVersion.V5, 0, stream, Opcode.QUERY, Unpooled.wrappedBuffer(body));
    }

    private static List<ByteBuf> segments(EmbeddedChannel encoder) {
        List<ByteBuf> out = new ArrayList<>();
        ByteBuf part;
        while ((part = encoder.readOutbound()) != null) {
            out.add(part);
        }
        return out;
    }

    private static byte[] compressible(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ("SELECT v FROM t ".charAt(i % 16));
        }
        return bytes;
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "LZ4"})
    void smallFramesArePackedIntoOneSelfContainedSegment(Compression compression) {
        EmbeddedChannel encoder = encoder(compression);
        encoder.write(query(1, compressible(100)));
        encoder.write(query(2, compressible(10)));
        encoder.write(query(3, new byte[0]));
        encoder.flush();

        List<ByteBuf> segments = segments(encoder);
        assertThat(segments).hasSize(1);
        ByteBuf segment = segments.getFirst();
        boolean selfContained = compression == Compression.NONE
                ? (segment.getUnsignedMediumLE(0) & (1 << 17)) != 0
                : (segment.getByte(4) & 0x04) != 0;
        assertThat(selfContained).isTrue();
        if (compression == Compression.LZ4) {
            assertThat(segment.readableBytes()).isLessThan(100 + 10 + 3 * 9);
        }

        decoder(compression).writeInbound(segment);
        assertThat(recorder.frames()).extracting(Frame::streamId).containsExactly(1, 2, 3);
        assertThat(ByteBufUtil.getBytes(recorder.frames().getFirst().body())).isEqualTo(compressible(100));
        assertThat(recorder.errors()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "LZ4"})
    void aLargeFrameSpansSeveralSegmentsBetweenSmallOnes(Compression compression) {
        byte[] large = new byte[300_000];
        new Random(1).nextBytes(large);
        EmbeddedChannel encoder = encoder(compression);
        encoder.write(query(1, new byte[] {1}));
        encoder.write(query(2, large));
        encoder.write(query(3, new byte[] {3}));
        encoder.flush();

        List<ByteBuf> segments = segments(encoder);
        assertThat(segments).hasSize(5);
        EmbeddedChannel decoder = decoder(compression);
        for (ByteBuf segment : segments) {
            // byte by byte for the first one, to exercise partial headers
            if (segment == segments.getFirst()) {
                while (segment.isReadable()) {
                    decoder.writeInbound(segment.readRetainedSlice(1));
                }
                segment.release();
            } else {
                decoder.writeInbound(segment);
            }
        }

        assertThat(recorder.errors()).isEmpty();
        assertThat(recorder.frames()).extracting(Frame::streamId).containsExactly(1, 2, 3);
        assertThat(Arrays.equals(ByteBufUtil.getBytes(recorder.frames().get(1).body()), large)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "LZ4"})
    void aFlippedHeaderBitIsFatal(Compression compression) {
        EmbeddedChannel encoder = encoder(compression);
        encoder.writeAndFlush(query(1, compressible(64)));
        ByteBuf segment = segments(encoder).getFirst();
        segment.setByte(1, segment.getByte(1) ^ 0x10);

        EmbeddedChannel decoder = decoder(compression);
        decoder.writeInbound(segment);
        encoder.writeAndFlush(query(2, new byte[] {1}));
        decoder.writeInbound(segments(encoder).getFirst());

        assertThat(recorder.frames()).isEmpty();
        assertThat(recorder.errors()).singleElement().satisfies(e -> {
            assertThat(e.isFatal()).isTrue();
            assertThat(e.error().getMessage()).contains("header CRC24");
        });
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "LZ4"})
    void aFlippedPayloadBitIsFatal(Compression compression) {
        EmbeddedChannel encoder = encoder(compression);
        encoder.writeAndFlush(query(1, compressible(64)));
        ByteBuf segment = segments(encoder).getFirst();
        int payloadByte = (compression == Compression.NONE ? 6 : 8) + 3;
        segment.setByte(payloadByte, segment.getByte(payloadByte) ^ 0x01);

        decoder(compression).writeInbound(segment);

        assertThat(recorder.frames()).isEmpty();
        assertThat(recorder.errors()).singleElement().satisfies(e -> {
            assertThat(e.isFatal()).isTrue();
            assertThat(e.error().getMessage()).contains("payload CRC32");
        });
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "LZ4"})
    void incompressiblePayloadsAreSentAsIs(Compression compression) {
        byte[] random = new byte[1000];
        new Random(7).nextBytes(random);
        EmbeddedChannel encoder = encoder(compression);
        encoder.writeAndFlush(query(1, random));
        ByteBuf segment = segments(encoder).getFirst();
        if (compression == Compression.LZ4) {
            long header = segment.getUnsignedIntLE(0) | ((long) segment.getUnsignedByte(4) << 32);
            assertThat((header >>> 17) & 0x1FFFF).as("uncompressed length 0 = not compressed").isZero();
        }
        decoder(compression).writeInbound(segment);
        assertThat(ByteBufUtil.getBytes(recorder.frames().getFirst().body())).isEqualTo(random);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "LZ4"})
    void aTruncatedEnvelopeInsideASelfContainedSegmentIsFatal(Compression compression) {
        // a segment whose payload is a header announcing 100 body bytes but carrying 2
        ByteBuf payload = TestBytes.request(5, 0, 1, 0x07, new byte[2]);
        payload.setInt(5, 100);
        EmbeddedChannel raw = new EmbeddedChannel(new SegmentEncoder(compression));
        channels.add(raw);
        raw.writeAndFlush(payload);

        decoder(compression).writeInbound((ByteBuf) raw.readOutbound());

        assertThat(recorder.errors()).singleElement().satisfies(e -> assertThat(e.isFatal()).isTrue());
    }
}
