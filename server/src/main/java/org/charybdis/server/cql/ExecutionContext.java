package org.charybdis.server.cql;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.WriteType;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.server.auth.Access;
import org.charybdis.server.service.ClientWarnings;
import org.charybdis.server.service.Deadline;
import org.charybdis.storage.engine.RequestTrace;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * One execution of a statement: the node's services, the client, the protocol options, and the bound
 * values in marker order (named values already matched to their markers).
 *
 * @param timestampMicros the write timestamp to use when the statement gives none (client's default
 *                        timestamp or the server clock)
 * @param nowInSeconds    the time TTL expiry is judged against
 * @param timing          when the request arrived and its service level's timeout
 * @param access          what the client's role may do, as the authorizer decided for this request
 * @param trace           where a traced request records its steps ({@link RequestTrace#NONE} when not traced)
 * @param warnings        what the response warns the client of ({@link ClientWarnings#NONE} when no client waits)
 */
public record ExecutionContext(ServerContext server, ClientState client, QueryOptions options,
                               List<ByteBuffer> values, long timestampMicros, long nowInSeconds, RequestTiming timing, Access access,
                               RequestTrace trace, ClientWarnings warnings) {

    /** An internal execution: no deadline, every permission. */
    public ExecutionContext(ServerContext server, ClientState client, QueryOptions options, List<ByteBuffer> values,
                            long timestampMicros, long nowInSeconds) {
        this(server, client, options, values, timestampMicros, nowInSeconds, RequestTiming.INTERNAL, Access.INTERNAL, RequestTrace.NONE,
                ClientWarnings.NONE);
    }

    public ByteBuffer value(int index) {
        if (index >= values.size()) {
            throw new InvalidRequestException("There were " + values.size() + " markers(?) in CQL but " + (index + 1) + " or more are needed");
        }
        return values.get(index);
    }

    public int pageSize() {
        return options.pageSize();
    }

    public ExecutionContext withValues(List<ByteBuffer> newValues) {
        return new ExecutionContext(server, client, options, newValues, timestampMicros, nowInSeconds, timing, access, trace, warnings);
    }

    public ExecutionContext withTimestamp(long newTimestampMicros) {
        return new ExecutionContext(server, client, options, values, newTimestampMicros, nowInSeconds, timing, access, trace, warnings);
    }

    /**
     * The request's deadline, as ScyllaDB decides it: the statement's {@code USING TIMEOUT} if it has one, else its
     * role's service level timeout, else the configured timeout of the kind of request.
     *
     * @param statementTimeout the bound {@code USING TIMEOUT}, or null
     */
    public Deadline deadline(Deadline.Kind kind, Duration statementTimeout, WriteType writeType) {
        if (!timing.bounded() && statementTimeout == null) return Deadline.NONE;
        Duration timeout = statementTimeout != null ? statementTimeout : timing.serviceLevelTimeout();
        long start = timing.bounded() ? timing.startNanos() : System.nanoTime();
        return server.timeouts().deadline(start, timeout, kind, options.consistency(), writeType);
    }
}
