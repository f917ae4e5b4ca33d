package org.charybdis.storage.memory;

import org.charybdis.storage.engine.StorageEngineFactory;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;

/** Creates {@link MemoryTableEngine}s; nothing to clean up on drop. */
public final class MemoryEngineFactory implements StorageEngineFactory {
    @Override
    public TableEngine create(int shardId, TableLayout layout) {
        return new MemoryTableEngine(layout);
    }
}
