package org.charybdis.server.index;

import org.charybdis.storage.vector.VectorIndex;
import org.charybdis.storage.engine.TableEngine;

import java.util.concurrent.CompletableFuture;

/**
 * One index on one shard: its definition, the engine of its hidden table, whether its entries are complete
 * (built), and for a vector index what the base table's storage engine keeps of it. Owned by the shard's thread.
 */
public final class LocalIndex {
    enum State { WAITING, BUILDING, BUILT, DROPPED }

    private IndexedColumn definition;
    private final TableEngine engine;
    private final VectorIndex vectors;
    private State state = State.WAITING;
    private final CompletableFuture<Void> buildEnded = new CompletableFuture<>();

    LocalIndex(IndexedColumn definition, TableEngine engine, VectorIndex vectors) {
        this.definition = definition;
        this.engine = engine;
        this.vectors = vectors;
    }

    public IndexedColumn definition() { return definition; }

    public TableEngine engine() { return engine; }

    /** The vector index the base table's engine keeps (vectors, graphs), null for other indexes. */
    public VectorIndex vectors() { return vectors; }

    /** True once every base row written before the index existed has its entries. */
    public boolean isBuilt() { return state == State.BUILT; }

    State state() { return state; }

    void state(State next) {
        if (state != State.DROPPED) state = next;
        if (next == State.BUILT || next == State.DROPPED) buildEnded.complete(null);
    }

    /** Completes (on the shard) when the build ends: built, dropped, or failed. */
    CompletableFuture<Void> buildEnded() { return buildEnded; }

    void buildFailed() { buildEnded.complete(null); }

    boolean isDropped() { return state == State.DROPPED; }

    /** The table was altered: same index, new column ids or options. */
    void definition(IndexedColumn next) { definition = next; }
}
