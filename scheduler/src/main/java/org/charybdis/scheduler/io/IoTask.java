package org.charybdis.scheduler.io;

import java.io.IOException;

/** A blocking file operation run by the IO queue off the shard thread (open, truncate, rename, delete...). */
@FunctionalInterface
public interface IoTask<T> {
    T run() throws IOException;
}
