package org.charybdis.tools.stress;

import java.util.concurrent.CompletionStage;

/** Sends the requests of one workload. Closed-loop slots each own a stream; the open loop shares one. */
interface RequestStream {
    /**
     * Sends the next request: completes with the rows it read (0 for writes), or null when there is nothing left to
     * send (a scan's passes are done).
     */
    CompletionStage<Integer> send();
}
