package org.charybdis.scheduler.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The IO classes of one runtime: the built-in ones plus those registered at run time, each with an id unique in
 * the runtime. Registering only names the class; the runtime then adds it to every shard's {@link IoQueue}.
 */
public final class IoClasses {
    private final Object lock = new Object();
    private volatile List<IoClass> all = IoClass.builtIn();

    /** A new class; its name must be unused. Any thread. */
    public IoClass register(String name, int shares) {
        Objects.requireNonNull(name, "name");
        synchronized (lock) {
            if (byName(name) != null) throw new IllegalArgumentException("IO class exists: " + name);
            List<IoClass> grown = new ArrayList<>(all);
            IoClass created = new IoClass(grown.size(), name, shares);
            grown.add(created);
            all = List.copyOf(grown);
            return created;
        }
    }

    /** Gives a registered class a new, unused name (a retired class taken back into use). */
    public void rename(IoClass ioClass, String name) {
        synchronized (lock) {
            if (all.get(ioClass.id()) != ioClass) throw new IllegalArgumentException("unknown IO class " + ioClass);
            IoClass holder = byName(name);
            if (holder != null && holder != ioClass) throw new IllegalArgumentException("IO class exists: " + name);
            ioClass.rename(name);
        }
    }

    /** Every class, by id. */
    public List<IoClass> all() { return all; }

    public IoClass byName(String name) {
        for (IoClass ioClass : all) if (ioClass.label().equals(name)) return ioClass;
        return null;
    }
}
