package org.charybdis.server.api;

import org.charybdis.server.transport.NativeTransport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code /storage_service/native_transport}, as ScyllaDB's: GET answers whether CQL clients are served (true or
 * false), POST starts the listeners, DELETE stops them and drops every client connection ({@code enablebinary},
 * {@code disablebinary}, {@code statusbinary}).
 */
public final class NativeTransportRoutes {
    private static final String PATH = "/storage_service/native_transport";

    private final NativeTransport transport;

    public NativeTransportRoutes(NativeTransport transport) {
        this.transport = transport;
    }

    public AdminApi registerOn(AdminApi api) {
        return api.get(PATH, transport::isRunning)
                .post(PATH, request -> switched(transport::start))
                .delete(PATH, request -> switched(transport::stop));
    }

    /** Binding and closing block: on a thread of their own, never the operator loop. */
    private CompletionStage<Boolean> switched(Runnable change) {
        return CompletableFuture.runAsync(change, task -> Thread.ofPlatform().name("native-transport-switch").start(task))
                .thenApply(done -> transport.isRunning());
    }
}
