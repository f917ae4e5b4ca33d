package org.charybdis.tools.stress;

/** Makes the request streams of a workload: one per in-flight slot, so a scan slot can keep its paging position. */
interface RequestSource {
    RequestStream newStream();

    /** Whether one stream may be shared by many requests in flight (no per-stream state): needed by the open loop. */
    boolean shareable();
}
