package org.charybdis.server.tls;

import io.netty.handler.ssl.SslContext;
import org.charybdis.server.config.EncryptionOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The SSL context of one encryption section, rebuilt when its files change (modification time or size, polled),
 * as certificates are rotated without a restart. Only new connections take the new context: a live connection
 * keeps the session it negotiated. A file that no longer loads keeps the old context and logs an error, once
 * per change of the files.
 */
public final class ReloadingSslContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReloadingSslContext.class);

    private final EncryptionOptions options;
    private final List<Path> files;
    private volatile SslContext current;
    private List<Object> seen;
    private ScheduledFuture<?> poll;

    /** Builds the first context: a bad file stops start-up with a {@link ConfigException}. */
    public ReloadingSslContext(EncryptionOptions options) {
        this.options = options;
        this.files = ServerSslContexts.files(options);
        this.seen = fingerprint();
        this.current = ServerSslContexts.build(options);
        log.info("{}: TLS with {}, key from {}{}", options.section(), ServerSslContexts.providerName(),
                options.pem() ? options.certificate() : options.keystore(),
                options.requireClientAuth() == EncryptionOptions.ClientAuth.NONE ? "" : ", client certificates checked against " + options.truststore());
    }

    /** The context new connections use. */
    public SslContext current() {
        return current;
    }

    /** Checks the files every intervalMillis on the executor (not a shard: the check reads files). */
    public void watch(ScheduledExecutorService executor, long intervalMillis) {
        if (intervalMillis <= 0) return;
        poll = executor.scheduleWithFixedDelay(this::reloadIfChanged, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Rebuilds the context if a file changed since the last look; true when a new context was installed. */
    public boolean reloadIfChanged() {
        List<Object> now = fingerprint();
        if (now.equals(seen)) return false;
        seen = now;
        try {
            current = ServerSslContexts.build(options);
            log.info("{}: reloaded the TLS certificates and keys from {}; new connections use them", options.section(), files);
            return true;
        } catch (RuntimeException e) { // a ConfigException naming the file, or a bug in a library
            log.error("{}: the changed TLS files do not load, keeping the previous certificates: {}", options.section(), e.getMessage());
            return false;
        }
    }

    /** Each file's modification time and size (null for a missing file). */
    private List<Object> fingerprint() {
        List<Object> marks = new ArrayList<>();
        for (Path file : files) {
            try {
                marks.add(Files.getLastModifiedTime(file).toMillis());
                marks.add(Files.size(file));
            } catch (IOException e) {
                marks.add(null);
                marks.add(null);
            }
        }
        return marks;
    }

    @Override
    public void close() {
        if (poll != null) poll.cancel(false);
    }
}
