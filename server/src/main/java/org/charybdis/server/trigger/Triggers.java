package org.charybdis.server.trigger;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TriggerMetadata;
import org.charybdis.storage.data.PartitionUpdate;

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
     * trigger. {@code baseTimestamp}: what mutations that choose none are written at.
     */
    public List<TriggeredUpdate> augment(TableMetadata table, PartitionUpdate update, long nowInSeconds) {
        if (table.triggers().isEmpty()) return List.of();
        PartitionWrite write = TriggerInput.of(table, update);
        Schema current = schema.get();
        List<TriggeredUpdate> extra = new ArrayList<>();
        for (TriggerMetadata trigger : table.triggers().values()) {
            List<TriggerMutation> mutations = instance(trigger.className()).augment(write);
            if (mutations == null) continue;
            for (TriggerMutation mutation : mutations) extra.add(TriggerOutput.of(mutation, current, write.timestamp(), nowInSeconds));
        }
        return extra;
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
