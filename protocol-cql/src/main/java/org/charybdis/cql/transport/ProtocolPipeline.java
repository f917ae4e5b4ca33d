package org.charybdis.cql.transport;

import io.netty.channel.ChannelPipeline;

/**
 * Installs and switches the protocol codecs of a connection's pipeline. The connection handler goes
 * after them; it receives request {@link Frame}s and writes response {@link Frame}s, and handles
 * {@link FrameDecodingException}s in {@code exceptionCaught}.
 *
 * <p>On STARTUP the handler writes READY or AUTHENTICATE and then, on the event loop and before
 * writing anything else, calls {@link #upgradeToV5} (v5) or {@link #enableCompression} (v3/v4), so
 * that response still goes out in the old framing, uncompressed.
 */
public final class ProtocolPipeline {
    public static final String FRAME_ENCODER = "cqlFrameEncoder";
    public static final String FRAME_DECODER = "cqlFrameDecoder";
    public static final String SEGMENT_ENCODER = "cqlSegmentEncoder";
    public static final String SEGMENT_DECODER = "cqlSegmentDecoder";
    public static final String ENVELOPE_ASSEMBLER = "cqlEnvelopeAssembler";

    private ProtocolPipeline() {}

    /** Adds the unframed codecs at the end of the pipeline. */
    public static void install(ChannelPipeline pipeline, int maxFrameBytes) {
        pipeline.addLast(FRAME_ENCODER, new FrameEncoder());
        pipeline.addLast(FRAME_DECODER, new FrameDecoder(maxFrameBytes));
    }

    /** The version the first frame fixed, or null before it arrived (or after the v5 upgrade: V5). */
    public static ProtocolVersion negotiatedVersion(ChannelPipeline pipeline) {
        if (pipeline.get(SEGMENT_DECODER) != null) {
            return ProtocolVersion.V5;
        }
        FrameDecoder decoder = (FrameDecoder) pipeline.get(FRAME_DECODER);
        return decoder == null ? null : decoder.version();
    }

    /** v3/v4: compress and decompress frame bodies from now on. */
    public static void enableCompression(ChannelPipeline pipeline, Compression compression) {
        FrameCompressor compressor = compression.frameCompressor();
        pipeline.get(FrameEncoder.class).setCompressor(compressor);
        FrameDecoder decoder = pipeline.get(FrameDecoder.class);
        if (decoder != null) {
            decoder.setCompressor(compressor);
        }
    }

    /**
     * v5: from now on both directions use segments ({@code compression} NONE or LZ4). Bytes the frame
     * decoder had already buffered are handed to the segment decoder.
     */
    public static void upgradeToV5(ChannelPipeline pipeline, Compression compression) {
        if (compression == Compression.SNAPPY) {
            throw new IllegalArgumentException("v5 segments support LZ4 only");
        }
        FrameDecoder frameDecoder = (FrameDecoder) pipeline.get(FRAME_DECODER);
        int maxFrameBytes = frameDecoder.maxFrameBytes();
        pipeline.addBefore(FRAME_ENCODER, SEGMENT_ENCODER, new SegmentEncoder(compression));
        pipeline.addAfter(FRAME_DECODER, ENVELOPE_ASSEMBLER, new EnvelopeAssembler(maxFrameBytes));
        // replace() routes the old decoder's leftover bytes into its replacement
        pipeline.replace(FRAME_DECODER, SEGMENT_DECODER, new SegmentDecoder(compression));
    }
}
