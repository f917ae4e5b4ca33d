package org.charybdis.server.cql;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CqlDuration;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.terms.Terms;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * ScyllaDB's {@code USING TIMEOUT d} on SELECT, INSERT, UPDATE, DELETE and BATCH: a duration literal or a bind marker
 * ({@code [timeout]}, a duration), checked with ScyllaDB's rules and messages.
 */
public final class UsingTimeout {
    public static final UsingTimeout NONE = new UsingTimeout(null);

    private final BoundValue value;

    private UsingTimeout(BoundValue value) {
        this.value = value;
    }

    /** The compiled clause; {@link #NONE} when the statement has none. */
    public static UsingTimeout compile(Term term, BindVariables variables) {
        if (term == null) return NONE;
        BoundValue value = Terms.resolve(term, NativeType.DURATION, "[timeout]", variables);
        if (value instanceof BoundValue.Constant constant && constant.value() != null) toDuration(constant.value()); // fail at prepare
        return new UsingTimeout(value);
    }

    /** The timeout of this execution, or null when the statement gives none (or its marker is unset). */
    public Duration bind(ExecutionContext context) {
        if (value == null) return null;
        ByteBuffer bytes = value.bind(context);
        if (bytes == QueryOptions.UNSET) return null;
        if (bytes == null) throw new InvalidRequestException("Invalid null value of timeout");
        return toDuration(bytes);
    }

    /** A CQL duration as a timeout: whole milliseconds, not negative, without days or months. */
    public static Duration toDuration(ByteBuffer bytes) {
        return toDuration((CqlDuration) NativeType.DURATION.deserialize(bytes.duplicate()));
    }

    public static Duration toDuration(CqlDuration duration) {
        if (duration.months() != 0 || duration.days() != 0) {
            throw new InvalidRequestException("Timeout values cannot be expressed in days/months");
        }
        if (duration.nanoseconds() % 1_000_000 != 0) {
            throw new InvalidRequestException("Timeout values must be expressed in millisecond granularity");
        }
        if (duration.nanoseconds() < 0) throw new InvalidRequestException("Timeout values must be nonnegative");
        return Duration.ofNanos(duration.nanoseconds());
    }
}
