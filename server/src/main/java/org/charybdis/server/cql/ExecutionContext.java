package org.charybdis.server.cql;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One execution of a statement: the node's services, the client, the protocol options, and the bound
 * values in marker order (named values already matched to their markers).
 *
 * @param timestampMicros the write timestamp to use when the statement gives none (client's default
 *                        timestamp or the server clock)
 * @param nowInSeconds    the time TTL expiry is judged against
 */
public record ExecutionContext(ServerContext server, ClientState client, QueryOptions options,
                               List<ByteBuffer> values, long timestampMicros, long nowInSeconds) {

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
        return new ExecutionContext(server, client, options, newValues, timestampMicros, nowInSeconds);
    }
}
