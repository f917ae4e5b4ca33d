package org.charybdis.server.trigger;

import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.PartitionUpdate;

/** One partition update a trigger added to a write, with the table it goes to (the server's side of a {@link TriggerMutation}). */
public record TriggeredUpdate(TableMetadata table, PartitionUpdate update) {}
