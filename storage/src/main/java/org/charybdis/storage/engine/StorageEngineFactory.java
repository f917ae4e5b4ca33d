package org.charybdis.storage.engine;

/** Creates the engines of one shard; one factory per engine kind (memory, LSM, ...). */
public interface StorageEngineFactory {
    /** A new, empty engine for the table on this shard. */
    TableEngine create(int shardId, TableLayout layout);

    /** The shard's write log; engines without one apply writes directly. */
    default WriteLog writeLog(int shardId) {
        return WriteLog.NONE;
    }

    /** Removes whatever the table's engine left behind (files, ...) after it was closed by a DROP TABLE. */
    default void destroy(int shardId, TableLayout layout) {}
}
