package org.charybdis.storage.lsm;

import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.engine.ForwardedUpdate;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.CorruptDataException;
import org.charybdis.storage.serialization.PartitionUpdateSerializer;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One commitlog entry: a shard's share of a mutation, replayed all or nothing.
 * <pre>
 * varint update count
 * per update: 16-byte table id, varint length, the update ({@link PartitionUpdateSerializer})
 * </pre>
 * The length lets replay skip updates of tables dropped since, whose clustering shape it no longer knows.
 */
final class MutationEntry {
    private MutationEntry() {}

    /** One decoded update and the table it belongs to. */
    record TableUpdate(UUID tableId, PartitionUpdate update) {}

    /** {@code forwarded} updates follow the others, under their tables' {@link ForwardedUpdate#logId}. */
    static ByteBuffer serialize(List<TableEngine> engines, List<PartitionUpdate> updates, List<ForwardedUpdate> forwarded, BufferWriter scratch) {
        BufferWriter out = new BufferWriter(256);
        out.writeUnsignedVInt(updates.size() + forwarded.size());
        for (int i = 0; i < updates.size(); i++) write(out, engines.get(i).layout().tableId(), updates.get(i), scratch);
        for (ForwardedUpdate update : forwarded) write(out, ForwardedUpdate.logId(update.tableId()), update.update(), scratch);
        return out.view();
    }

    private static void write(BufferWriter out, UUID tableId, PartitionUpdate update, BufferWriter scratch) {
        scratch.clear();
        PartitionUpdateSerializer.write(update, scratch);
        out.writeUuid(tableId);
        out.writeUnsignedVInt(scratch.position());
        out.writeBytes(scratch.array(), 0, scratch.position());
    }

    /**
     * Decodes an entry; updates of tables {@code clusteringSizeOf} does not know (it answers -1) are skipped.
     * The updates' values are copies, independent of the payload buffer.
     */
    static void deserialize(ByteBuffer payload, Function<UUID, Integer> clusteringSizeOf, java.util.function.Consumer<TableUpdate> sink) {
        BufferReader in = new BufferReader(payload);
        int count = in.readUnsignedVInt();
        for (int i = 0; i < count; i++) {
            UUID table = in.readUuid();
            int length = in.readUnsignedVInt();
            ByteBuffer bytes = in.readBytes(length);
            int clusteringSize = clusteringSizeOf.apply(table);
            if (clusteringSize < 0) continue;
            ByteBuffer copy = ByteBuffer.allocate(length).put(bytes).flip();
            BufferReader updateIn = new BufferReader(copy);
            PartitionUpdate update = PartitionUpdateSerializer.read(updateIn, clusteringSize);
            if (updateIn.hasRemaining()) throw new CorruptDataException("commitlog update of table " + table + " has trailing bytes");
            sink.accept(new TableUpdate(table, update));
        }
        if (in.hasRemaining()) throw new CorruptDataException("commitlog entry has " + in.remaining() + " trailing bytes");
    }
}
