package org.charybdis.storage.engine;

/**
 * Where a traced request records what it does (Cassandra's and ScyllaDB's query tracing): each layer it passes through
 * adds an event. An untraced request carries {@link #NONE}, and callers build an event's text only after
 * {@link #enabled()} says someone will read it, so tracing costs nothing when it is off.
 */
public interface RequestTrace {
    /** The trace of a request nobody traces: records nothing. */
    RequestTrace NONE = new RequestTrace() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void event(String activity) {}
    };

    /** True when events are recorded; check it before building an event's text. */
    boolean enabled();

    /** Records that the request got to {@code activity} now, on the calling thread (any shard may call). */
    void event(String activity);
}
