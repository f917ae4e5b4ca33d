package org.charybdis.storage.lsm;

import org.charybdis.storage.engine.StorageParams;
import org.charybdis.storage.engine.TableLayout;

/**
 * The engine contract on the RocksDB engine, inside the LSM shard that gives it its commitlog: flushes, major
 * compactions and crash-restarts (RocksDB's memtables dropped, the commitlog replayed) at random moments.
 */
class RocksTableEngineModelTest extends LsmTableEngineModelTest {
    @Override
    protected TableLayout stored(TableLayout tableLayout) {
        return tableLayout.withStorageParams(tableLayout.storageParams().withEngine(StorageParams.Engine.ROCKSDB));
    }
}
