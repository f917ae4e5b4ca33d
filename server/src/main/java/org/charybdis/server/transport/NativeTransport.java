package org.charybdis.server.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CQL listeners as operators switch them ({@code nodetool disablebinary}, {@code enablebinary},
 * {@code statusbinary}): stopping closes the listeners and every client connection; starting binds the same ports
 * again. The node keeps running either way. Switches block (binding, closing): call them off the event loops.
 */
public final class NativeTransport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NativeTransport.class);

    /** Binds the listeners; the ports are fixed in the configuration, so each start binds the same ones. */
    public interface Listeners {
        CqlServer bind() throws InterruptedException;
    }

    private final Listeners listeners;
    /** The listeners last bound: their ports stay known while stopped. */
    private volatile CqlServer server;
    private volatile boolean running;

    /** Not listening yet: the node {@link #start}s it once every other endpoint is up. */
    public NativeTransport(Listeners listeners) {
        this.listeners = listeners;
    }

    /** The listeners last bound (closed while the transport is stopped), null before the first start. */
    public CqlServer server() {
        return server;
    }

    public boolean isRunning() {
        return running;
    }

    /** Binds the CQL ports (again); nothing to do when running. */
    public synchronized void start() {
        if (running) return;
        boolean restart = server != null;
        try {
            server = listeners.bind();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the CQL ports", e);
        } catch (Exception e) { // Netty's bind rethrows the BindException of a port taken meanwhile
            throw new IllegalStateException("Cannot listen for CQL clients: " + e.getMessage(), e);
        }
        running = true;
        if (restart) log.info("Native transport started: accepting CQL clients again");
    }

    /** Closes the CQL listeners and every client connection; nothing to do when stopped. */
    public synchronized void stop() {
        if (!running) return;
        running = false;
        server.disconnectClients();
        log.info("Native transport stopped: CQL clients are refused until it is started again");
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
