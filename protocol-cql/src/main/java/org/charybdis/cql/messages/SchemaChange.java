package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.transport.ProtocolVersion;

/**
 * A schema change, as an EVENT or a Schema_change RESULT: <change_type><target><options>. {@code name}
 * is null for KEYSPACE; {@code argTypes} is used for FUNCTION and AGGREGATE only.
 */
public record SchemaChange(Change change, Target target, String keyspace, String name, List<String> argTypes)
        implements Event {
    public enum Change { CREATED, UPDATED, DROPPED }

    public enum Target { KEYSPACE, TABLE, TYPE, FUNCTION, AGGREGATE }

    public static SchemaChange keyspace(Change change, String keyspace) {
        return new SchemaChange(change, Target.KEYSPACE, keyspace, null, List.of());
    }

    public static SchemaChange table(Change change, String keyspace, String table) {
        return new SchemaChange(change, Target.TABLE, keyspace, table, List.of());
    }

    @Override public EventType type() { return EventType.SCHEMA_CHANGE; }

    @Override
    public void encodeBody(ByteBuf out, ProtocolVersion version) {
        boolean function = target == Target.FUNCTION || target == Target.AGGREGATE;
        if (function && version.isBefore(ProtocolVersion.V4)) {
            // v3 has no function targets: tell the client its keyspace changed instead
            keyspace(Change.UPDATED, keyspace).encodeBody(out, version);
            return;
        }
        WireFormat.writeString(out, change.name());
        WireFormat.writeString(out, target.name());
        WireFormat.writeString(out, keyspace);
        if (target != Target.KEYSPACE) {
            WireFormat.writeString(out, name);
        }
        if (function) {
            WireFormat.writeStringList(out, argTypes);
        }
    }

    public static SchemaChange decodeBody(ByteBuf in, ProtocolVersion version) {
        Change change = parse(Change.class, WireFormat.readString(in));
        Target target = parse(Target.class, WireFormat.readString(in));
        String keyspace = WireFormat.readString(in);
        String name = target == Target.KEYSPACE ? null : WireFormat.readString(in);
        boolean function = target == Target.FUNCTION || target == Target.AGGREGATE;
        List<String> args = function ? WireFormat.readStringList(in) : List.of();
        return new SchemaChange(change, target, keyspace, name, args);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("Unknown schema change " + type.getSimpleName().toLowerCase() + " " + value);
        }
    }
}
