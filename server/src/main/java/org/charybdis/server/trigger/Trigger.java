package org.charybdis.server.trigger;

import java.util.List;

/**
 * Charybdis's trigger interface: a class named by {@code CREATE TRIGGER name ON table USING 'class'}, loaded from a jar
 * in the triggers directory, sees every write to its table, one partition at a time, and returns more mutations (on
 * any tables) to apply with it. The base write and the extra mutations apply atomically: all of them or none, as
 * Cassandra applies a trigger's mutations in a logged batch with the write.
 *
 * <p>An instance is created once per class (public no-argument constructor) and called from every shard's thread at
 * once: it must be thread-safe, fast and must not block (no IO, no locks held long). An exception fails the write
 * (nothing of it is applied) and reaches the client as a server error. Mutations a trigger returns do not fire
 * triggers themselves. Cassandra's {@code ITrigger} works on Cassandra's internal classes, so its jars do not run here;
 * see docs/triggers.md for porting one.
 */
public interface Trigger {

    /** The mutations to apply with {@code write}; an empty list (or null) for none. */
    List<TriggerMutation> augment(PartitionWrite write);
}
