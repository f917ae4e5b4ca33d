package org.charybdis.cql.exceptions;

import java.net.InetAddress;
import java.util.Map;
import org.charybdis.cql.messages.ConsistencyLevel;

/**
 * Replicas failed (not timed out) during a read. v5 sends the per-replica reason codes; v4 sends
 * only their count; v3 has no such error and gets a READ_TIMEOUT instead.
 */
public class ReadFailureException extends CqlException {
    private final ConsistencyLevel consistency;
    private final int received;
    private final int blockFor;
    private final Map<InetAddress, Integer> reasonByReplica;
    private final boolean dataPresent;

    public ReadFailureException(String message, ConsistencyLevel consistency, int received, int blockFor,
                                Map<InetAddress, Integer> reasonByReplica, boolean dataPresent) {
        super(ErrorCode.READ_FAILURE, message);
        this.consistency = consistency;
        this.received = received;
        this.blockFor = blockFor;
        this.reasonByReplica = Map.copyOf(reasonByReplica);
        this.dataPresent = dataPresent;
    }

    public ConsistencyLevel consistency() { return consistency; }
    public int received() { return received; }
    public int blockFor() { return blockFor; }
    public Map<InetAddress, Integer> reasonByReplica() { return reasonByReplica; }
    public boolean dataPresent() { return dataPresent; }
}
