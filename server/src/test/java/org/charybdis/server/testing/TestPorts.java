package org.charybdis.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for servers that bind later than the test chooses them: a child JVM (which a crash test kills and restarts on
 * the same ports), the peer Cassandra (a minute to start), or a port where nobody must answer. A port the kernel picks
 * ({@code bind} to port 0, the local end of an outgoing connection) could go to another test JVM running beside this
 * one before the server binds it. These come from below the kernel's ephemeral range, which it never picks, walking
 * up from a random start in each JVM so that two JVMs rarely try the same ones.
 *
 * <p>In-process servers need none of this: they bind port 0 themselves and report what they got.
 */
public final class TestPorts {
    private static final int LOWEST = 10_000;
    private static final int CEILING = ephemeralRangeStart();
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(LOWEST, CEILING));

    private TestPorts() {
    }

    /** A port no socket is bound to now, which this JVM has not handed out before (until it wraps around). */
    public static int free() {
        for (int attempt = 0; attempt < CEILING - LOWEST; attempt++) {
            int port = NEXT.getAndUpdate(p -> p + 1 < CEILING ? p + 1 : LOWEST);
            if (isFree(port)) return port;
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + CEILING);
    }

    private static boolean isFree(int port) {
        try {
            new ServerSocket(port).close();
            return true;
        } catch (IOException bound) {
            return false;
        }
    }

    /** The lowest port the kernel picks by itself (Linux's ip_local_port_range); 32768, its default, elsewhere. */
    private static int ephemeralRangeStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            int start = Files.isReadable(range) ? Integer.parseInt(Files.readString(range).trim().split("\\s+")[0]) : 32_768;
            return start > LOWEST + 1_000 ? start : 32_768; // a range opened wide leaves nothing safe: stay below the default
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
