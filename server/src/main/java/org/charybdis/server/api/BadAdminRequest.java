package org.charybdis.server.api;

/** An admin request the node cannot act on as asked (unknown keyspace, bad tag): answered with HTTP 400. */
public final class BadAdminRequest extends RuntimeException {
    public BadAdminRequest(String message) {
        super(message, null, false, false);
    }
}
