package org.charybdis.server.cql.terms;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.TimeUuidGenerator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The argument-less native functions usable as values: {@code now()}, {@code uuid()},
 * {@code currentTimestamp()}, {@code currentDate()}, {@code currentTime()}, {@code currentTimeUUID()}.
 * Each is evaluated once per execution.
 */
final class NativeFunctions {
    /** timeuuids must increase per thread; each shard thread gets its own generator. */
    private static final ThreadLocal<TimeUuidGenerator> TIMEUUIDS = ThreadLocal.withInitial(TimeUuidGenerator::new);

    private NativeFunctions() {}

    static BoundValue resolve(Term.FunctionCall call, CqlType receiverType, String receiver, BindVariables variables) {
        String name = call.function().name().toLowerCase(Locale.ROOT);
        if (call.function().keyspace() != null && !call.function().keyspace().equals("system")) {
            throw new InvalidRequestException("Unknown function " + call.function());
        }
        NativeType returns;
        Supplier<java.nio.ByteBuffer> value;
        switch (name) {
            case "now", "currenttimeuuid" -> { returns = NativeType.TIMEUUID; value = () -> TIMEUUIDS.get().next(); }
            case "uuid" -> { returns = NativeType.UUID; value = () -> returnsBytes(NativeType.UUID, UUID.randomUUID()); }
            case "currenttimestamp" -> { returns = NativeType.TIMESTAMP; value = () -> returnsBytes(NativeType.TIMESTAMP, Instant.now()); }
            case "currentdate" -> { returns = NativeType.DATE; value = () -> returnsBytes(NativeType.DATE, LocalDate.now(ZoneOffset.UTC)); }
            case "currenttime" -> { returns = NativeType.TIME; value = () -> returnsBytes(NativeType.TIME, LocalTime.now(ZoneOffset.UTC).toNanoOfDay()); }
            default -> throw new InvalidRequestException("Unknown function '" + call.function() + "'");
        }
        if (!call.arguments().isEmpty()) {
            throw new InvalidRequestException("Invalid number of arguments in call to function " + name + ": 0 required but "
                    + call.arguments().size() + " provided");
        }
        if (!assignable(returns, receiverType)) {
            throw new InvalidRequestException("Type error: cannot assign result of function system." + name + " (type "
                    + returns.cqlName() + ") to " + receiver + " (type " + receiverType.cqlName() + ")");
        }
        return context -> value.get();
    }

    private static java.nio.ByteBuffer returnsBytes(NativeType type, Object value) {
        return type.serialize(value);
    }

    private static boolean assignable(NativeType returns, CqlType receiver) {
        if (returns == receiver) return true;
        // a timeuuid is also a uuid
        return returns == NativeType.TIMEUUID && receiver == NativeType.UUID;
    }
}
