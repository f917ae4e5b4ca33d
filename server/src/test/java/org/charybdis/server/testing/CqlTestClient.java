package org.charybdis.server.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.charybdis.cql.exceptions.CqlException;
import org.charybdis.cql.messages.ColumnTypeCodec;
import org.charybdis.cql.messages.ErrorResponse;
import org.charybdis.cql.messages.InboundResponse;
import org.charybdis.cql.messages.OptionsRequest;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.messages.QueryRequest;
import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.cql.messages.Request;
import org.charybdis.cql.messages.RequestEncoder;
import org.charybdis.cql.messages.Response;
import org.charybdis.cql.messages.ResponseDecoder;
import org.charybdis.cql.messages.StartupRequest;
import org.charybdis.cql.messages.SupportedResponse;
import org.charybdis.cql.transport.Compression;
import org.charybdis.cql.transport.Frame;
import org.charybdis.cql.transport.FrameCompressor;
import org.charybdis.cql.transport.FrameEncoder;
import org.charybdis.cql.transport.FrameFlags;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.cql.transport.Segment;
import org.charybdis.cql.transport.SegmentDecoder;
import org.charybdis.cql.transport.SegmentEncoder;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny blocking CQL client for protocol-level tests: one request at a time, frames encoded with the
 * project's {@link RequestEncoder} and decoded with {@link ResponseDecoder}. After a v5 STARTUP it
 * switches to segment framing, after a v3/v4 STARTUP with compression it compresses frame bodies,
 * just as a driver does. {@link #sendRaw} writes arbitrary bytes for malformed-input tests.
 */
public final class CqlTestClient implements AutoCloseable {
    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private ProtocolVersion version = ProtocolVersion.V4;
    private FrameCompressor compressor;
    private EmbeddedChannel segmentEncoder;
    private EmbeddedChannel segmentDecoder;
    private ByteBuf envelopes;
    private int nextStream = 1;

    private CqlTestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:port from an ephemeral local port. */
    public static CqlTestClient connect(int port) {
        return connect(port, 0);
    }

    /** Connects from a chosen local port (0: any), as shard-aware drivers do. */
    public static CqlTestClient connect(int port, int localPort) {
        Socket socket = new Socket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", localPort));
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
            return new CqlTestClient(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port + " from local port " + localPort, e);
        }
    }

    /** The version later requests are sent in (until STARTUP fixes it). */
    public CqlTestClient version(ProtocolVersion version) {
        this.version = version;
        return this;
    }

    public ProtocolVersion version() {
        return version;
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    /** OPTIONS, expecting SUPPORTED. */
    public Map<String, java.util.List<String>> options() {
        Response response = request(OptionsRequest.INSTANCE);
        if (!(response instanceof SupportedResponse supported)) {
            throw new AssertionError("expected SUPPORTED, got " + describe(response));
        }
        return supported.options();
    }

    /** STARTUP in {@code version}; on READY switches framing (v5 segments) or compression as negotiated. */
    public Response startup(ProtocolVersion version, Compression compression) {
        this.version = version;
        Map<String, String> options = new LinkedHashMap<>();
        options.put(StartupRequest.CQL_VERSION, "3.0.0");
        if (compression != Compression.NONE) options.put(StartupRequest.COMPRESSION, compression.name().toLowerCase(java.util.Locale.ROOT));
        Response response = request(new StartupRequest(options));
        if (response.opcode() == Opcode.READY || response.opcode() == Opcode.AUTHENTICATE) {
            if (version.isAtLeast(ProtocolVersion.V5)) {
                segmentEncoder = new EmbeddedChannel(new SegmentEncoder(compression));
                segmentDecoder = new EmbeddedChannel(new SegmentDecoder(compression));
                envelopes = Unpooled.buffer();
            } else {
                compressor = compression.frameCompressor();
            }
        }
        return response;
    }

    /** STARTUP without compression. */
    public Response startup(ProtocolVersion version) {
        return startup(version, Compression.NONE);
    }

    /** A QUERY at consistency ONE. */
    public Response query(String cql) {
        return request(new QueryRequest(cql, QueryOptions.of(ConsistencyLevel.ONE)));
    }

    /** Sends one request on a fresh stream id and waits for its response (events are skipped). */
    public Response request(Request request) {
        int stream = nextStream();
        send(stream, request);
        return receiveFor(stream).response();
    }

    /** Sends one request on the given stream without waiting. */
    public void send(int stream, Request request) {
        Frame frame = RequestEncoder.encode(ALLOC, version, stream, request);
        try {
            writeFrame(frame);
        } finally {
            frame.release();
        }
    }

    /** Waits for the response on {@code stream}, skipping server events. */
    public InboundResponse receiveFor(int stream) {
        while (true) {
            InboundResponse response = receive();
            if (response.streamId() == stream) return response;
            if (response.streamId() != -1) {
                throw new AssertionError("expected a response on stream " + stream + ", got one on " + response.streamId()
                        + ": " + describe(response.response()));
            }
        }
    }

    /** The next response frame, decoded. */
    public InboundResponse receive() {
        RawFrame raw = receiveRaw();
        ProtocolVersion frameVersion = ProtocolVersion.fromCode(raw.version());
        if (frameVersion == null) throw new AssertionError("response in unsupported version " + raw.version());
        Frame frame = Frame.response(frameVersion, raw.flags(), raw.stream(), Opcode.fromCode(raw.opcode()), Unpooled.wrappedBuffer(raw.body()));
        try {
            return ResponseDecoder.decode(frame, ColumnTypeCodec.NATIVE);
        } finally {
            frame.release();
        }
    }

    /**
     * The next response frame as it came: v1/v2 legacy headers (8 bytes) are recognised, so an answer to
     * an unsupported old version can be read too. Bodies are decompressed when compression was negotiated.
     */
    public RawFrame receiveRaw() {
        try {
            if (segmentDecoder != null) return nextEnvelope();
            int versionByte = in.readUnsignedByte();
            int code = versionByte & 0x7F;
            int flags = in.readUnsignedByte();
            int stream = code < 3 ? in.readByte() : in.readShort();
            int opcode = in.readUnsignedByte();
            int length = in.readInt();
            byte[] body = new byte[length];
            in.readFully(body);
            if ((flags & FrameFlags.COMPRESSED) != 0 && compressor != null) {
                ByteBuf plain = compressor.decompress(ALLOC, Unpooled.wrappedBuffer(body), 256 << 20);
                body = bytes(plain);
                flags &= ~FrameFlags.COMPRESSED;
            }
            return new RawFrame(code, flags, stream, opcode, body);
        } catch (IOException e) {
            throw new UncheckedIOException("no response from the server", e);
        }
    }

    /** Writes bytes as they are; after a v5 upgrade they are wrapped in a segment, as the protocol requires. */
    public void sendRaw(byte[] bytes) {
        if (segmentEncoder != null) {
            writeSegments(Unpooled.wrappedBuffer(bytes));
            return;
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request frame header plus body, built by hand (v3+ layout). */
    public static byte[] frameBytes(int versionByte, int flags, int stream, int opcode, byte[] body) {
        ByteBuf buf = Unpooled.buffer(Frame.HEADER_SIZE + body.length);
        buf.writeByte(versionByte).writeByte(flags).writeShort(stream).writeByte(opcode).writeInt(body.length).writeBytes(body);
        return bytes(buf);
    }

    /** The v1/v2 header layout (one-byte stream id). */
    public static byte[] legacyFrameBytes(int versionByte, int stream, int opcode, byte[] body) {
        ByteBuf buf = Unpooled.buffer(8 + body.length);
        buf.writeByte(versionByte).writeByte(0).writeByte(stream).writeByte(opcode).writeInt(body.length).writeBytes(body);
        return bytes(buf);
    }

    /** A STARTUP body ({@code [string map]} with CQL_VERSION), for hand-built frames. */
    public static byte[] startupBody() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeShort(1);
        writeString(buf, StartupRequest.CQL_VERSION);
        writeString(buf, "3.0.0");
        return bytes(buf);
    }

    /** True when the server closes the connection within the read timeout (pending frames are skipped). */
    public boolean closedByServer() {
        try {
            InputStream stream = socket.getInputStream();
            byte[] sink = new byte[4096];
            while (stream.read(sink) >= 0) {
                // drain whatever the server still sent before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** The stream id the next {@link #request} will use. */
    public int nextStream() {
        int stream = nextStream;
        nextStream = nextStream == Short.MAX_VALUE ? 1 : nextStream + 1;
        return stream;
    }

    @Override
    public void close() {
        closeQuietly(socket);
        if (segmentEncoder != null) segmentEncoder.finishAndReleaseAll();
        if (segmentDecoder != null) segmentDecoder.finishAndReleaseAll();
        if (envelopes != null) envelopes.release();
    }

    /** One response frame's header fields and (decompressed) body. */
    public record RawFrame(int version, int flags, int stream, int opcode, byte[] body) {
        /** For ERROR frames: the error code and message. */
        public CqlException error() {
            if (opcode != Opcode.ERROR.code()) throw new AssertionError("not an ERROR frame: opcode " + opcode);
            ProtocolVersion readAs = ProtocolVersion.fromCode(Math.max(3, Math.min(version, 5)));
            return ErrorResponse.decode(Unpooled.wrappedBuffer(body), readAs).error();
        }
    }

    /** Renders a response for assertion messages. */
    public static String describe(Response response) {
        return response instanceof ErrorResponse error
                ? "ERROR 0x" + Integer.toHexString(error.error().code().code()) + " " + error.error().getMessage()
                : String.valueOf(response);
    }

    private void writeFrame(Frame frame) {
        ByteBuf encoded = FrameEncoder.encode(ALLOC, frame, version.isAtLeast(ProtocolVersion.V5) ? null : compressor);
        if (segmentEncoder != null) {
            writeSegments(encoded);
            return;
        }
        try {
            out.write(bytes(encoded));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeSegments(ByteBuf envelope) {
        segmentEncoder.writeAndFlush(envelope);
        try {
            ByteBuf segment;
            while ((segment = segmentEncoder.readOutbound()) != null) {
                out.write(bytes(segment));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RawFrame nextEnvelope() throws IOException {
        byte[] chunk = new byte[8192];
        while (true) {
            if (envelopes.readableBytes() >= Frame.HEADER_SIZE) {
                int length = envelopes.getInt(envelopes.readerIndex() + 5);
                if (envelopes.readableBytes() >= Frame.HEADER_SIZE + length) {
                    int versionByte = envelopes.readUnsignedByte();
                    int flags = envelopes.readUnsignedByte();
                    int stream = envelopes.readShort();
                    int opcode = envelopes.readUnsignedByte();
                    envelopes.skipBytes(4);
                    byte[] body = new byte[length];
                    envelopes.readBytes(body);
                    envelopes.discardReadBytes();
                    return new RawFrame(versionByte & 0x7F, flags, stream, opcode, body);
                }
            }
            int read = in.read(chunk);
            if (read < 0) throw new EOFException("connection closed by the server");
            segmentDecoder.writeInbound(Unpooled.copiedBuffer(chunk, 0, read));
            Segment segment;
            while ((segment = segmentDecoder.readInbound()) != null) {
                envelopes.writeBytes(segment.payload(), segment.payload().readerIndex(), segment.payload().readableBytes());
                segment.release();
            }
        }
    }

    private static void writeString(ByteBuf buf, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        buf.writeShort(utf8.length).writeBytes(utf8);
    }

    private static byte[] bytes(ByteBuf buf) {
        try {
            byte[] copy = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), copy);
            return copy;
        } finally {
            buf.release();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test connection; nothing to do
        }
    }

    /** Reads every byte the server sends until it closes (for tests of fatal errors). */
    public byte[] readUntilClosed() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            int read;
            while ((read = in.read(chunk)) >= 0) all.write(chunk, 0, read);
        } catch (IOException e) {
            // a reset also ends the conversation
        }
        return all.toByteArray();
    }
}
