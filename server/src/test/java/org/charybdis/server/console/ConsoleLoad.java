package org.charybdis.server.console;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A write and read load through the Java driver with a flush every second and a major compaction every few, run in
 * the background while a console test watches: commitlog, memtable_flush, query and compaction IO all happen.
 */
final class ConsoleLoad implements AutoCloseable {
    private static final int KEYS = 5000;

    private final CharybdisServerExtension server;
    private final Thread thread;
    private final AtomicLong rowsRead = new AtomicLong();
    private volatile boolean stopped;
    private volatile Throwable failure;

    ConsoleLoad(CharybdisServerExtension server) {
        this.server = server;
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS console WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS console.kv (id int PRIMARY KEY, v text)");
        thread = Thread.ofPlatform().name("console-load").daemon().start(() -> run(session));
    }

    /** Rows the reads found so far. */
    long rowsRead() { return rowsRead.get(); }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(TimeUnit.SECONDS.toMillis(30));
        if (failure != null) throw new AssertionError("the console test's load failed", failure);
    }

    private void run(CqlSession session) {
        try {
            PreparedStatement insert = session.prepare("INSERT INTO console.kv (id, v) VALUES (?, ?)");
            PreparedStatement select = session.prepare("SELECT v FROM console.kv WHERE id = ?");
            String[] values = randomValues(); // incompressible, so flushes write SSTables of many requests
            long nextFlush = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            int flushes = 0;
            while (!stopped) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 100; i++) session.execute(insert.bind(random.nextInt(KEYS), values[random.nextInt(values.length)]));
                for (int i = 0; i < 100; i++) rowsRead.addAndGet(session.execute(select.bind(random.nextInt(KEYS))).all().size());
                if (System.nanoTime() > nextFlush) {
                    HttpPost.body(server.apiPort(), "/storage/flush?keyspace=console");
                    if (++flushes % 4 == 0) HttpPost.body(server.apiPort(), "/storage/compact?keyspace=console&table=kv");
                    nextFlush = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private static String[] randomValues() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String[] values = new String[256];
        for (int i = 0; i < values.length; i++) {
            StringBuilder value = new StringBuilder();
            for (int c = 0; c < 1000; c++) value.append((char) ('!' + random.nextInt(90)));
            values[i] = value.toString();
        }
        return values;
    }
}
