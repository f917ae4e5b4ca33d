package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.charybdis.cql.exceptions.AlreadyExistsException;
import org.charybdis.cql.exceptions.AuthenticationException;
import org.charybdis.cql.exceptions.CasWriteUnknownException;
import org.charybdis.cql.exceptions.CdcWriteException;
import org.charybdis.cql.exceptions.ConfigurationException;
import org.charybdis.cql.exceptions.CqlException;
import org.charybdis.cql.exceptions.ErrorCode;
import org.charybdis.cql.exceptions.FunctionFailureException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.IsBootstrappingException;
import org.charybdis.cql.exceptions.OverloadedException;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.exceptions.ReadFailureException;
import org.charybdis.cql.exceptions.ReadTimeoutException;
import org.charybdis.cql.exceptions.ServerError;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.exceptions.TruncateException;
import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.cql.exceptions.UnavailableException;
import org.charybdis.cql.exceptions.UnpreparedException;
import org.charybdis.cql.exceptions.WriteFailureException;
import org.charybdis.cql.exceptions.WriteTimeoutException;
import org.charybdis.cql.exceptions.WriteType;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/**
 * ERROR: <code><message> plus the fields of the code. Errors an older protocol cannot express are
 * sent the way Cassandra does: on v3 read/write failures become timeouts and function failures
 * become INVALID; before v5 CAS_WRITE_UNKNOWN becomes a CAS write timeout.
 */
public record ErrorResponse(CqlException error) implements Response {
    private static final int MAX_MESSAGE_CHARS = 16 * 1024;

    /** Any throwable as an ERROR: CQL errors as themselves, anything else as a SERVER_ERROR. */
    public static ErrorResponse of(Throwable error) {
        if (error instanceof CqlException cql) {
            return new ErrorResponse(cql);
        }
        return new ErrorResponse(new ServerError(String.valueOf(error), error));
    }

    @Override public Opcode opcode() { return Opcode.ERROR; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {
        CqlException e = downgrade(error, version);
        out.writeInt(e.code().code());
        writeMessage(out, e.getMessage());
        switch (e) {
            case UnavailableException u -> {
                WireFormat.writeConsistency(out, u.consistency());
                out.writeInt(u.required());
                out.writeInt(u.alive());
            }
            case WriteTimeoutException w -> {
                writeCounts(out, w.consistency(), w.received(), w.blockFor());
                // v5's spec adds a CAS contention count here, but the Java driver 4.x does not read it and drops the
                // connection on the extra bytes; it is left out, as ScyllaDB (v4 only) never sends it either
                WireFormat.writeString(out, w.writeType().name());
            }
            case ReadTimeoutException r -> {
                writeCounts(out, r.consistency(), r.received(), r.blockFor());
                out.writeByte(r.dataPresent() ? 1 : 0);
            }
            case ReadFailureException r -> {
                writeCounts(out, r.consistency(), r.received(), r.blockFor());
                writeFailures(out, version, r.reasonByReplica());
                out.writeByte(r.dataPresent() ? 1 : 0);
            }
            case WriteFailureException w -> {
                writeCounts(out, w.consistency(), w.received(), w.blockFor());
                writeFailures(out, version, w.reasonByReplica());
                WireFormat.writeString(out, w.writeType().name());
            }
            case CasWriteUnknownException c -> writeCounts(out, c.consistency(), c.received(), c.blockFor());
            case FunctionFailureException f -> {
                WireFormat.writeString(out, f.keyspace());
                WireFormat.writeString(out, f.function());
                WireFormat.writeStringList(out, f.argTypes());
            }
            case AlreadyExistsException a -> {
                WireFormat.writeString(out, a.keyspace());
                WireFormat.writeString(out, a.table());
            }
            case UnpreparedException u -> WireFormat.writeShortBytes(out, u.id());
            default -> { }
        }
    }

    private static CqlException downgrade(CqlException e, ProtocolVersion version) {
        if (version.isBefore(ProtocolVersion.V4)) {
            switch (e) {
                case ReadFailureException r -> {
                    return new ReadTimeoutException(r.getMessage(), r.consistency(), r.received(), r.blockFor(),
                            r.dataPresent());
                }
                case WriteFailureException w -> {
                    return new WriteTimeoutException(w.getMessage(), w.consistency(), w.received(), w.blockFor(),
                            w.writeType(), 0);
                }
                case FunctionFailureException f -> {
                    return new InvalidRequestException(f.getMessage());
                }
                default -> { }
            }
        }
        if (version.isBefore(ProtocolVersion.V5) && e instanceof CasWriteUnknownException c) {
            return new WriteTimeoutException(c.getMessage(), c.consistency(), c.received(), c.blockFor(),
                    WriteType.CAS, 0);
        }
        return e;
    }

    private static void writeMessage(ByteBuf out, String message) {
        String text = message == null ? "" : message;
        if (text.length() > MAX_MESSAGE_CHARS || ByteBufUtil.utf8Bytes(text) > 0xFFFF) {
            text = text.substring(0, Math.min(text.length(), MAX_MESSAGE_CHARS / 2)) + "...";
        }
        WireFormat.writeString(out, text);
    }

    private static void writeCounts(ByteBuf out, ConsistencyLevel consistency, int received, int blockFor) {
        WireFormat.writeConsistency(out, consistency);
        out.writeInt(received);
        out.writeInt(blockFor);
    }

    /** v5: the reason map; v4: only how many replicas failed. */
    private static void writeFailures(ByteBuf out, ProtocolVersion version, Map<InetAddress, Integer> reasons) {
        out.writeInt(reasons.size());
        if (version.isAtLeast(ProtocolVersion.V5)) {
            for (Map.Entry<InetAddress, Integer> e : reasons.entrySet()) {
                WireFormat.writeInetAddr(out, e.getKey());
                out.writeShort(e.getValue());
            }
        }
    }

    public static ErrorResponse decode(ByteBuf in, ProtocolVersion version) {
        int code = WireFormat.readInt(in, "error code");
        String message = WireFormat.readString(in);
        ErrorCode errorCode = ErrorCode.fromCode(code);
        if (errorCode == null) {
            return new ErrorResponse(new CqlException(ErrorCode.SERVER_ERROR,
                    "Unknown error code 0x" + Integer.toHexString(code) + ": " + message));
        }
        return new ErrorResponse(switch (errorCode) {
            case SERVER_ERROR -> new ServerError(message);
            case PROTOCOL_ERROR -> new ProtocolException(message);
            case BAD_CREDENTIALS -> new AuthenticationException(message);
            case UNAVAILABLE -> new UnavailableException(message, WireFormat.readConsistency(in),
                    WireFormat.readInt(in, "required"), WireFormat.readInt(in, "alive"));
            case OVERLOADED -> new OverloadedException(message);
            case IS_BOOTSTRAPPING -> new IsBootstrappingException(message);
            case TRUNCATE_ERROR -> new TruncateException(message);
            case WRITE_TIMEOUT -> decodeWriteTimeout(in, version, message);
            case READ_TIMEOUT -> new ReadTimeoutException(message, WireFormat.readConsistency(in),
                    WireFormat.readInt(in, "received"), WireFormat.readInt(in, "block for"),
                    WireFormat.readUnsignedByte(in, "data present") != 0);
            case READ_FAILURE -> {
                ConsistencyLevel cl = WireFormat.readConsistency(in);
                int received = WireFormat.readInt(in, "received");
                int blockFor = WireFormat.readInt(in, "block for");
                Map<InetAddress, Integer> reasons = readFailures(in, version);
                yield new ReadFailureException(message, cl, received, blockFor, reasons,
                        WireFormat.readUnsignedByte(in, "data present") != 0);
            }
            case FUNCTION_FAILURE -> new FunctionFailureException(message, WireFormat.readString(in),
                    WireFormat.readString(in), WireFormat.readStringList(in));
            case WRITE_FAILURE -> {
                ConsistencyLevel cl = WireFormat.readConsistency(in);
                int received = WireFormat.readInt(in, "received");
                int blockFor = WireFormat.readInt(in, "block for");
                Map<InetAddress, Integer> reasons = readFailures(in, version);
                yield new WriteFailureException(message, cl, received, blockFor, reasons, readWriteType(in));
            }
            case CDC_WRITE_FAILURE -> new CdcWriteException(message);
            case CAS_WRITE_UNKNOWN -> new CasWriteUnknownException(message, WireFormat.readConsistency(in),
                    WireFormat.readInt(in, "received"), WireFormat.readInt(in, "block for"));
            case SYNTAX_ERROR -> new SyntaxException(message);
            case UNAUTHORIZED -> new UnauthorizedException(message);
            case INVALID -> new InvalidRequestException(message);
            case CONFIG_ERROR -> new ConfigurationException(message);
            case ALREADY_EXISTS -> new AlreadyExistsException(message, WireFormat.readString(in),
                    WireFormat.readString(in));
            case UNPREPARED -> new UnpreparedException(message, WireFormat.readShortBytes(in));
        });
    }

    private static WriteTimeoutException decodeWriteTimeout(ByteBuf in, ProtocolVersion version, String message) {
        ConsistencyLevel cl = WireFormat.readConsistency(in);
        int received = WireFormat.readInt(in, "received");
        int blockFor = WireFormat.readInt(in, "block for");
        WriteType type = readWriteType(in);
        int contentions = type == WriteType.CAS && version.isAtLeast(ProtocolVersion.V5) && in.readableBytes() >= 2
                ? WireFormat.readUnsignedShort(in, "contentions") : 0;
        return new WriteTimeoutException(message, cl, received, blockFor, type, contentions);
    }

    private static WriteType readWriteType(ByteBuf in) {
        String name = WireFormat.readString(in);
        try {
            return WriteType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("Unknown write type " + name);
        }
    }

    private static Map<InetAddress, Integer> readFailures(ByteBuf in, ProtocolVersion version) {
        int n = WireFormat.readInt(in, "failure count");
        Map<InetAddress, Integer> reasons = new LinkedHashMap<>();
        if (version.isAtLeast(ProtocolVersion.V5)) {
            WireFormat.readCount(in, n, 7, "failure reason");
            for (int i = 0; i < n; i++) {
                reasons.put(WireFormat.readInetAddr(in), WireFormat.readUnsignedShort(in, "failure code"));
            }
        }
        return reasons;
    }
}
