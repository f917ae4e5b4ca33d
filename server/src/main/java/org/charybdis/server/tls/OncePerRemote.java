package org.charybdis.server.tls;

import io.netty.channel.Channel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which client hosts were already warned about, so a client retrying in a loop logs one line, not
 * thousands. Bounded: past {@link #LIMIT} hosts it forgets them all and starts over.
 */
public final class OncePerRemote {
    private static final int LIMIT = 10_000;
    private final Set<InetAddress> seen = ConcurrentHashMap.newKeySet();

    /** True the first time the channel's remote host is seen. */
    public boolean first(Channel channel) {
        if (!(channel.remoteAddress() instanceof InetSocketAddress remote)) return true;
        if (seen.size() >= LIMIT) seen.clear();
        return seen.add(remote.getAddress());
    }
}
