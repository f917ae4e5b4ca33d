package org.charybdis.server.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The warnings one request gives its client (the response's WARNING flag, protocol v4 and later, shown by drivers as
 * the execution's warnings): any layer serving the request adds to it, the transport sends them with the response.
 * Parts of a request may run on other shards, hence the synchronization; warnings are rare, so it costs nothing.
 */
public final class ClientWarnings {
    /** For executions no client waits on (internal statements): what is added is dropped. */
    public static final ClientWarnings NONE = new ClientWarnings(false);

    private final boolean kept;
    private List<String> warnings;

    /** A new request's warnings, none yet. */
    public ClientWarnings() {
        this(true);
    }

    private ClientWarnings(boolean kept) {
        this.kept = kept;
    }

    /** Adds a warning once: the same text twice (a statement run per row of a batch, say) is sent once. */
    public synchronized void add(String warning) {
        if (!kept) return;
        if (warnings == null) warnings = new ArrayList<>(2);
        if (!warnings.contains(warning)) warnings.add(warning);
    }

    /** The warnings in the order they were added; null when there are none (the response then carries no WARNING flag). */
    public synchronized List<String> list() {
        return warnings == null ? null : List.copyOf(warnings);
    }
}
