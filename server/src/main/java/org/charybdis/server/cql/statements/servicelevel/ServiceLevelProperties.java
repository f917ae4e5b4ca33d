package org.charybdis.server.cql.statements.servicelevel;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CqlDuration;
import org.charybdis.cql.types.MarshalException;
import org.charybdis.server.qos.ServiceLevelOptions;
import org.charybdis.server.qos.WorkloadType;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The WITH options of CREATE / ALTER SERVICE LEVEL, checked with ScyllaDB's rules and messages: {@code shares}
 * (1 to 1000), {@code timeout} (a duration in whole milliseconds, or null to remove it) and {@code workload_type}
 * ({@code interactive}, {@code batch}, or {@code unspecified}/null to remove it). Options not given are null.
 *
 * @param timeoutGiven whether {@code timeout} was given (a null {@code timeout} then removes the level's timeout)
 */
record ServiceLevelProperties(Integer shares, boolean timeoutGiven, Duration timeout, WorkloadType workloadType) {
    private static final long NANOS_PER_MILLI = 1_000_000;

    static ServiceLevelProperties parse(Map<String, Term> options) {
        Integer shares = null;
        boolean timeoutGiven = false;
        Duration timeout = null;
        WorkloadType workloadType = null;
        for (Map.Entry<String, Term> option : options.entrySet()) {
            switch (option.getKey()) {
                case "shares" -> shares = shares(option.getValue());
                case "timeout" -> {
                    timeoutGiven = true;
                    timeout = timeout(option.getValue());
                }
                case "workload_type" -> workloadType = workloadType(option.getValue());
                default -> throw new SyntaxException("Unknown property '" + option.getKey() + "'");
            }
        }
        return new ServiceLevelProperties(shares, timeoutGiven, timeout, workloadType);
    }

    /** The options given, over {@code base} (the defaults for CREATE, the level's current ones for ALTER). */
    ServiceLevelOptions applyTo(ServiceLevelOptions base) {
        return new ServiceLevelOptions(shares != null ? shares : base.shares(), timeoutGiven ? timeout : base.timeout(),
                workloadType != null ? workloadType : base.workloadType());
    }

    private static int shares(Term term) {
        String text = text("shares", term);
        int shares;
        try {
            shares = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SyntaxException("Invalid integer value " + text + " for 'shares'");
        }
        if (shares < ServiceLevelOptions.MIN_SHARES || shares > ServiceLevelOptions.MAX_SHARES) {
            throw new SyntaxException("'SHARES' can only take values of " + ServiceLevelOptions.MIN_SHARES + "-"
                    + ServiceLevelOptions.MAX_SHARES + " (given " + shares + ")");
        }
        return shares;
    }

    private static Duration timeout(Term term) {
        if (term instanceof Term.NullLiteral) return null;
        String text = text("timeout", term);
        if (text.toLowerCase(Locale.ROOT).equals("null")) return null;
        CqlDuration duration;
        try {
            duration = CqlDuration.parse(text);
        } catch (MarshalException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        if (duration.months() != 0 || duration.days() != 0) {
            throw new InvalidRequestException("Timeout values cannot be expressed in days/months");
        }
        if (duration.nanoseconds() % NANOS_PER_MILLI != 0) {
            throw new InvalidRequestException("Timeout values must be expressed in millisecond granularity");
        }
        if (duration.nanoseconds() < 0) throw new InvalidRequestException("Timeout values must be nonnegative");
        return Duration.ofNanos(duration.nanoseconds());
    }

    private static WorkloadType workloadType(Term term) {
        if (term instanceof Term.NullLiteral) return WorkloadType.UNSPECIFIED;
        String text = text("workload_type", term);
        WorkloadType type = WorkloadType.parse(text);
        if (type == null) throw new InvalidRequestException("Invalid workload type: " + text);
        return type;
    }

    /** A property's value as ScyllaDB's property definitions hold it: the literal's text. */
    private static String text(String property, Term term) {
        if (term instanceof Term.Literal literal) return literal.text();
        if (term instanceof Term.Negation(Term.Literal literal)) return "-" + literal.text();
        throw new SyntaxException("Invalid value for property '" + property + "'. It should be a string");
    }
}
