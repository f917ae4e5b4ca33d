package org.charybdis.server.trigger;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TriggerMetadata;
import org.charybdis.storage.data.PartitionUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The node's triggers: their classes, loaded from the triggers directory ({@link TriggerJars}), one instance per class
 * shared by every shard, and the extra partition updates they add to a write of their table.
 */
public final class Triggers {
    private static final Logger LOG = LoggerFactory.getLogger(Triggers.class);

    private final TriggerJars jars;
    private final Supplier<Schema> schema;
    private final ConcurrentHashMap<String, Trigger> instances = new ConcurrentHashMap<>();

    public Triggers(Path directory, Supplier<Schema> schema) {
        this.jars = new TriggerJars(directory, Triggers.class.getClassLoader());
        this.schema = schema;
    }

    /** CREATE TRIGGER's check, with Cassandra's message for a class that cannot be loaded. */
    public void check(String className) {
        instance(className);
    }

    /**
     * The updates the table's triggers add to {@code update}, in trigger name order; none when the table has no
     * trigger. Mutations that choose no timestamp take the write's newest.
     */
    public List<TriggeredUpdate> augment(TableMetadata table, PartitionUpdate update, long nowInSeconds) {
        if (table.triggers().isEmpty()) return List.of();
        PartitionWrite write = TriggerInput.of(table, update);
        Schema current = schema.get();
        List<TriggeredUpdate> extra = new ArrayList<>();
        for (TriggerMetadata trigger : table.triggers().values()) {
            List<TriggerMutation> mutations = run(instance(trigger.className()), write);
            if (mutations == null) continue;
            for (TriggerMutation mutation : mutations) extra.add(TriggerOutput.of(mutation, current, write.timestamp(), nowInSeconds));
        }
        return extra;
    }

    /** Start-up: loads the classes of the schema's triggers off the shards; one that fails is logged, and fails its writes. */
    public void loadAll() {
        for (var keyspace : schema.get().keyspaces().values()) {
            for (TableMetadata table : keyspace.tables().values()) {
                for (TriggerMetadata trigger : table.triggers().values()) {
                    try {
                        instance(trigger.className());
                    } catch (InvalidRequestException e) {
                        LOG.warn("Trigger {} of {}: {}; writes to the table fail until its jar is in {}", trigger.name(), table, e.getMessage(), jars.directory());
                    }
                }
            }
        }
    }

    /** Calls the trigger with its own class loader as the thread's context loader, as Cassandra does (ServiceLoader, resources). */
    private static List<TriggerMutation> run(Trigger trigger, PartitionWrite write) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(trigger.getClass().getClassLoader());
        try {
            return trigger.augment(write);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Trigger instance(String className) {
        Trigger cached = instances.get(className);
        if (cached != null) return cached;
        Trigger created = create(className);
        Trigger raced = instances.putIfAbsent(className, created);
        return raced != null ? raced : created;
    }

    private Trigger create(String className) {
        Class<?> type;
        try {
            type = jars.load(className);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidRequestException("Trigger class '" + className + "' couldn't be loaded");
        }
        if (!Trigger.class.isAssignableFrom(type)) {
            throw new InvalidRequestException("Trigger class '" + className + "' doesn't implement " + Trigger.class.getName()
                    + " (Cassandra's ITrigger classes do not run on Charybdis: see docs/triggers.md)");
        }
        try {
            return (Trigger) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new InvalidRequestException("Trigger class '" + className + "' couldn't be loaded: it needs a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new InvalidRequestException("Trigger class '" + className + "' couldn't be loaded: its constructor failed: " + e.getCause());
        }
    }
}
