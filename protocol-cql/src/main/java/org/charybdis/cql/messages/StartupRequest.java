package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** STARTUP: a [string map] of options (CQL_VERSION, COMPRESSION, DRIVER_NAME, ...). */
public record StartupRequest(Map<String, String> options) implements Request {
    public static final String CQL_VERSION = "CQL_VERSION";
    public static final String COMPRESSION = "COMPRESSION";
    public static final String DRIVER_NAME = "DRIVER_NAME";
    public static final String DRIVER_VERSION = "DRIVER_VERSION";
    public static final String THROW_ON_OVERLOAD = "THROW_ON_OVERLOAD";

    public static StartupRequest decode(ByteBuf in) {
        return new StartupRequest(WireFormat.readStringMap(in));
    }

    @Override public Opcode opcode() { return Opcode.STARTUP; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version) {
        WireFormat.writeStringMap(out, options);
    }
}
