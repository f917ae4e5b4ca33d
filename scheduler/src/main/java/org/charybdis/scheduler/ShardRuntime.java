package org.charybdis.scheduler;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;

import java.util.List;

/** API stub: implemented by the scheduler work. All shards of one process. */
public final class ShardRuntime implements AutoCloseable {
    public static final String STATEMENT = "statement";
    public static final String MEMTABLE_FLUSH = "memtable_flush";
    public static final String COMPACTION = "compaction";
    public static final String COMMITLOG = "commitlog";
    public static final String MAINTENANCE = "maintenance";

    public static ShardRuntime start(ShardRuntimeConfig config) { throw new UnsupportedOperationException("stub"); }

    public int shardCount() { throw new UnsupportedOperationException("stub"); }

    public Shard shard(int id) { throw new UnsupportedOperationException("stub"); }

    public List<Shard> shards() { throw new UnsupportedOperationException("stub"); }

    /** A group by name (the five built-in ones always exist). */
    public SchedulingGroup group(String name) { throw new UnsupportedOperationException("stub"); }

    public List<SchedulingGroup> groups() { throw new UnsupportedOperationException("stub"); }

    /** Creates a group on every shard (e.g. for a service level). */
    public SchedulingGroup createGroup(String name, int shares) { throw new UnsupportedOperationException("stub"); }

    /** All shards' event loops as one Netty group (next() round-robins), for client bootstraps. */
    public IoEventLoopGroup eventLoopGroup() { throw new UnsupportedOperationException("stub"); }

    /** The server/client socket channel classes matching the chosen IO transport. */
    public Class<? extends ServerChannel> serverChannelClass() { throw new UnsupportedOperationException("stub"); }

    public Class<? extends SocketChannel> socketChannelClass() { throw new UnsupportedOperationException("stub"); }

    /** Name of the IO transport in use: io_uring, epoll or nio. */
    public String transportName() { throw new UnsupportedOperationException("stub"); }

    /** Stalls seen by the stall detector since start. */
    public long stallCount() { throw new UnsupportedOperationException("stub"); }

    @Override
    public void close() { throw new UnsupportedOperationException("stub"); }
}
