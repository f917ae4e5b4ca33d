package org.charybdis.cql.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The v5 switch: READY goes out unframed, everything after it in segments, both ways. */
class ProtocolPipelineTest {

    /** Answers STARTUP with READY then upgrades, and any other request with an empty RESULT. */
    private static final class FakeServer extends ChannelInboundHandlerAdapter {
        private final Compression compression;
        final List<Opcode> received = new ArrayList<>();

        FakeServer(Compression compression) {
            this.compression = compression;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Frame request = (Frame) msg;
            try {
                received.add(request.opcode());
                if (request.opcode() == Opcode.STARTUP) {
                    ctx.writeAndFlush(Frame.response(ProtocolVersion.V5, 0, request.streamId(), Opcode.READY,
                            Unpooled.EMPTY_BUFFER));
                    ProtocolPipeline.upgradeToV5(ctx.pipeline(), compression);
                } else {
                    ctx.writeAndFlush(Frame.response(ProtocolVersion.V5, 0, request.streamId(), Opcode.RESULT,
                            Unpooled.buffer().writeInt(1)));
                }
            } finally {
                request.release();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "LZ4"})
    void switchesToSegmentsRightAfterReady(Compression compression) {
        FakeServer server = new FakeServer(compression);
        EmbeddedChannel channel = new EmbeddedChannel();
        ProtocolPipeline.install(channel.pipeline(), FrameDecoder.DEFAULT_MAX_FRAME_BYTES);
        channel.pipeline().addLast(server);
        EmbeddedChannel client = new EmbeddedChannel(new SegmentEncoder(compression), new FrameEncoder());

        // STARTUP and the first framed QUERY arrive in one read: the leftover must reach the segment decoder
        ByteBuf inbound = TestBytes.request(5, 0, 1, Opcode.STARTUP.code(), new byte[] {0, 0});
        client.writeAndFlush(Frame.request(ProtocolVersion.V5, 0, 2, Opcode.QUERY, Unpooled.wrappedBuffer(new byte[10])));
        inbound.writeBytes(TestBytes.drainOutbound(client));
        channel.writeInbound(inbound);

        assertThat(server.received).containsExactly(Opcode.STARTUP, Opcode.QUERY);
        assertThat(ProtocolPipeline.negotiatedVersion(channel.pipeline())).isEqualTo(ProtocolVersion.V5);

        ByteBuf ready = channel.readOutbound();
        assertThat((int) ready.getUnsignedByte(0)).isEqualTo(0x85);
        assertThat((int) ready.getByte(4)).isEqualTo(Opcode.READY.code());
        assertThat(ready.readableBytes()).isEqualTo(Frame.HEADER_SIZE);
        ready.release();

        ByteBuf segment = TestBytes.drainOutbound(channel);
        EmbeddedChannel clientDecoder = new EmbeddedChannel(new SegmentDecoder(compression));
        clientDecoder.writeInbound(segment);
        Segment decoded = clientDecoder.readInbound();
        ByteBuf envelope = decoded.payload();
        assertThat((int) envelope.getUnsignedByte(0)).isEqualTo(0x85);
        assertThat(envelope.getShort(2)).isEqualTo((short) 2);
        assertThat((int) envelope.getByte(4)).isEqualTo(Opcode.RESULT.code());
        assertThat(envelope.getInt(9)).isEqualTo(1);
        decoded.release();

        channel.finishAndReleaseAll();
        client.finishAndReleaseAll();
        clientDecoder.finishAndReleaseAll();
    }
}
