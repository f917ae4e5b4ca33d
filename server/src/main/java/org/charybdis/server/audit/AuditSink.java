package org.charybdis.server.audit;

import java.util.List;

/** Where audit events go; called by the audit log's background thread only, so it may wait for its writes. */
public interface AuditSink extends AutoCloseable {
    /** Writes the events, in order; a failure loses them (the audit log counts and reports it). */
    void write(List<AuditEvent> events) throws Exception;

    @Override
    default void close() {}
}
