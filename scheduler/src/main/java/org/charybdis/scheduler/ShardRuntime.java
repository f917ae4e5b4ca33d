package org.charybdis.scheduler;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.IoClasses;
import org.charybdis.scheduler.io.IoTimer;
import org.charybdis.scheduler.io.SharedDisk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** All shards of one process: their reactor threads, scheduling groups, Netty loops and stall detector. */
public final class ShardRuntime implements AutoCloseable {
    public static final String STATEMENT = "statement";
    public static final String MEMTABLE_FLUSH = "memtable_flush";
    public static final String COMPACTION = "compaction";
    public static final String COMMITLOG = "commitlog";
    public static final String MAINTENANCE = "maintenance";

    private static final Logger LOG = LoggerFactory.getLogger(ShardRuntime.class);
    private static final long START_TIMEOUT_SECONDS = 30;
    private static final long JOIN_TIMEOUT_MILLIS = 10_000;

    private final NettyTransport transport;
    private final ShardEventLoopGroup eventLoopGroup = new ShardEventLoopGroup(this, false);
    private final ShardEventLoopGroup shardAwareEventLoopGroup = new ShardEventLoopGroup(this, true);
    private final List<Shard> shards;
    private final Map<String, SchedulingGroup> groupsByName = new ConcurrentHashMap<>();
    private final Object groupLock = new Object();
    private volatile List<SchedulingGroup> groups;
    private final IoClasses ioClasses = new IoClasses();
    private final StallDetector stallDetector;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Promise<Void> termination = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);
    private final ExecutorService ioThreads;
    private final ScheduledExecutorService ioTimer;
    private final SharedDisk disk;

    /**
     * Starts one reactor thread per shard on the configured IO transport; a transport that fails to start
     * is logged and the next simpler one (io_uring, epoll, nio) is tried.
     */
    public static ShardRuntime start(ShardRuntimeConfig config) {
        return start(config, NettyTransport.candidates(config.transport()));
    }

    /** Starts on the first of the transports that works. */
    static ShardRuntime start(ShardRuntimeConfig config, List<NettyTransport> candidates) {
        RuntimeException lastFailure = null;
        for (NettyTransport transport : candidates) {
            try {
                ShardRuntime runtime = new ShardRuntime(config, transport);
                runtime.startThreads();
                LOG.info("Started {} shards on the {} IO transport", config.shards(), transport.name());
                return runtime;
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("IO transport {} failed to start, trying the next one", transport.name(), e);
                lastFailure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no IO transport could start", lastFailure);
    }

    private ShardRuntime(ShardRuntimeConfig config, NettyTransport transport) {
        this.transport = transport;
        this.ioThreads = Executors.newFixedThreadPool(Math.max(4, 2 * config.shards()), Thread.ofPlatform().daemon().name("charybdis-io-", 0).factory());
        this.ioTimer = IoTimer.newTimerThread("charybdis-io-timer");
        this.disk = new SharedDisk(config.ioCapacity(), IoTimer.on(ioTimer));
        List<SchedulingGroup> builtIn = List.of(
                new SchedulingGroup(0, STATEMENT, 1000),
                new SchedulingGroup(1, MEMTABLE_FLUSH, 1000),
                new SchedulingGroup(2, COMPACTION, 1000),
                new SchedulingGroup(3, COMMITLOG, 1000),
                new SchedulingGroup(4, MAINTENANCE, 200));
        for (SchedulingGroup group : builtIn) groupsByName.put(group.name(), group);
        this.groups = builtIn;
        long quotaNanos = config.taskQuota().toNanos();
        List<Shard> created = new ArrayList<>(config.shards());
        try {
            for (int id = 0; id < config.shards(); id++) {
                created.add(new Shard(id, this, eventLoopGroup, transport.handlerFactory().get(), builtIn, quotaNanos,
                        builtIn.getFirst()));
            }
        } catch (RuntimeException | LinkageError e) {
            stopAndJoin(created, true);
            ioThreads.shutdownNow();
            ioTimer.shutdownNow();
            throw e;
        }
        this.shards = List.copyOf(created);
        List<ShardEventLoop> loops = shards.stream().map(shard -> shard.reactor().loop).toList();
        eventLoopGroup.setLoops(loops);
        shardAwareEventLoopGroup.setLoops(loops);
        this.stallDetector = new StallDetector(shards, config.stallThreshold().toNanos());
    }

    public int shardCount() { return shards.size(); }

    public Shard shard(int id) { return shards.get(id); }

    public List<Shard> shards() { return shards; }

    /** A group by name (the five built-in ones always exist), or null if there is none of that name. */
    public SchedulingGroup group(String name) { return groupsByName.get(name); }

    public List<SchedulingGroup> groups() { return groups; }

    /**
     * Creates a group on every shard (e.g. for a service level), with an IO class of the same name and shares on
     * every shard's IO queue; the name must be new. Groups cannot be deleted: retire one by renaming it and
     * reuse it later (as ScyllaDB does with its {@code sl_deleted:} groups).
     */
    public SchedulingGroup createGroup(String name, int shares) {
        synchronized (groupLock) {
            if (groupsByName.containsKey(name)) throw new IllegalArgumentException("scheduling group exists: " + name);
            IoClass ioClass = ioClasses.register(name, shares);
            for (Shard shard : shards) shard.io().addClass(ioClass, shares);
            List<SchedulingGroup> grown = new ArrayList<>(groups);
            SchedulingGroup group = new SchedulingGroup(grown.size(), name, shares, ioClass);
            for (Shard shard : shards) shard.reactor().addGroup(group);
            grown.add(group);
            groups = List.copyOf(grown);
            groupsByName.put(name, group);
            return group;
        }
    }

    /** Renames a group created at run time, and its IO class; the new name must be unused. */
    public void renameGroup(SchedulingGroup group, String name) {
        synchronized (groupLock) {
            if (group.ioClass() == null || groupsByName.get(group.name()) != group) {
                throw new IllegalArgumentException("not a run-time group of this runtime: " + group);
            }
            if (group.name().equals(name)) return;
            if (groupsByName.containsKey(name)) throw new IllegalArgumentException("scheduling group exists: " + name);
            ioClasses.rename(group.ioClass(), name);
            groupsByName.remove(group.name());
            group.rename(name);
            groupsByName.put(name, group);
        }
    }

    /**
     * Changes a group's CPU shares and, for a group with its own IO class, its disk shares on every shard. A shard
     * that set shares of its own for the group ({@link Shard#setShares}) keeps them.
     */
    public void setShares(SchedulingGroup group, int shares) {
        group.setShares(shares);
        if (group.ioClass() != null) {
            for (Shard shard : shards) shard.io().setShares(group.ioClass(), shares);
        }
    }

    /** The IO classes every shard's queue knows: the built-in ones and those of groups created at run time. */
    public List<IoClass> ioClasses() { return ioClasses.all(); }

    /** All shards' event loops as one Netty group (next() round-robins), for client bootstraps. */
    public IoEventLoopGroup eventLoopGroup() { return eventLoopGroup; }

    /**
     * Like {@link #eventLoopGroup()}, but a connected channel registered through it lands on shard
     * {@code clientPort % shardCount}: the child group of ScyllaDB's shard-aware port, which lets a driver pick
     * the shard by choosing its local port. Channels without a remote address round-robin.
     */
    public IoEventLoopGroup shardAwareEventLoopGroup() { return shardAwareEventLoopGroup; }

    /** The server/client socket channel classes matching the chosen IO transport. */
    public Class<? extends ServerChannel> serverChannelClass() { return transport.serverChannelClass(); }

    public Class<? extends SocketChannel> socketChannelClass() { return transport.socketChannelClass(); }

    /** Name of the IO transport in use: io_uring, epoll or nio. */
    public String transportName() { return transport.name(); }

    /** Stalls seen by the stall detector since start. */
    public long stallCount() { return stallDetector.stallCount(); }

    /** Stalls of one shard's reactor seen by the stall detector since start. */
    public long stallCount(int shard) { return stallDetector.stallCount(shard); }

    /**
     * Stops every reactor (queued tasks are dropped; pending submitTo futures and timers fail with
     * RejectedExecutionException), closes their channels and joins their threads. Idempotent. Called on a shard
     * thread it cannot join itself, so it then returns at once and the shutdown finishes in the background.
     */
    @Override
    public void close() {
        boolean first = closing.compareAndSet(false, true);
        boolean onOwnShard = Shard.current() != null && Shard.current().runtime() == this;
        if (first && !onOwnShard) {
            shutDown();
        } else if (first) {
            shutDownInBackground();
        } else if (!onOwnShard) {
            termination.awaitUninterruptibly(JOIN_TIMEOUT_MILLIS * 2);
        }
    }

    boolean isClosing() { return closing.get(); }

    /** Threads that run the shards' blocking file operations, shared by every shard's IO queue. */
    Executor ioThreads() { return ioThreads; }

    /** The data disk every shard's IO queue draws on: capacity, token bucket, wake-up timer. */
    SharedDisk disk() { return disk; }

    Future<Void> terminationFuture() { return termination; }

    void closeAsync() {
        if (closing.compareAndSet(false, true)) shutDownInBackground();
    }

    private void startThreads() {
        for (Shard shard : shards) shard.reactor().thread.start();
        try {
            for (Shard shard : shards) shard.reactor().started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            closing.set(true);
            stopAndJoin(shards, false);
            ioThreads.shutdownNow();
            ioTimer.shutdownNow();
            throw new IllegalStateException("shard reactors failed to start on " + transport.name(),
                    e instanceof ExecutionException ? e.getCause() : e);
        }
        stallDetector.start();
    }

    private void shutDownInBackground() {
        Thread thread = new Thread(this::shutDown, "charybdis-shutdown");
        thread.setDaemon(true);
        thread.start();
    }

    private void shutDown() {
        stallDetector.stop();
        stopAndJoin(shards, false);
        for (Shard shard : shards) shard.io().close(); // waiting requests fail now; running ones finish
        ioThreads.shutdown();
        ioTimer.shutdownNow();
        termination.trySuccess(null);
    }

    /** Stops the reactors and waits for their threads; unstarted ones are run just to release their loops. */
    private static void stopAndJoin(List<Shard> targets, boolean startFirst) {
        for (Shard shard : targets) {
            if (startFirst) shard.reactor().thread.start(); // its loop must initialize before it can shut down
            shard.reactor().requestStop();
        }
        for (Shard shard : targets) {
            Thread thread = shard.reactor().thread;
            if (thread == Thread.currentThread()) continue;
            try {
                thread.join(JOIN_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) LOG.warn("Reactor thread {} did not stop within {} ms", thread.getName(), JOIN_TIMEOUT_MILLIS);
        }
    }
}
