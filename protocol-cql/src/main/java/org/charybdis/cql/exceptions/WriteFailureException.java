package org.charybdis.cql.exceptions;

import java.net.InetAddress;
import java.util.Map;
import org.charybdis.cql.messages.ConsistencyLevel;

/**
 * Replicas failed (not timed out) during a write. v5 sends the per-replica reason codes; v4 sends
 * only their count; v3 has no such error and gets a WRITE_TIMEOUT instead.
 */
public class WriteFailureException extends CqlException {
    private final ConsistencyLevel consistency;
    private final int received;
    private final int blockFor;
    private final Map<InetAddress, Integer> reasonByReplica;
    private final WriteType writeType;

    public WriteFailureException(String message, ConsistencyLevel consistency, int received, int blockFor,
                                 Map<InetAddress, Integer> reasonByReplica, WriteType writeType) {
        super(ErrorCode.WRITE_FAILURE, message);
        this.consistency = consistency;
        this.received = received;
        this.blockFor = blockFor;
        this.reasonByReplica = Map.copyOf(reasonByReplica);
        this.writeType = writeType;
    }

    public ConsistencyLevel consistency() { return consistency; }
    public int received() { return received; }
    public int blockFor() { return blockFor; }
    public Map<InetAddress, Integer> reasonByReplica() { return reasonByReplica; }
    public WriteType writeType() { return writeType; }
}
