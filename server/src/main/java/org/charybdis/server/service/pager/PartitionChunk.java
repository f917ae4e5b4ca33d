package org.charybdis.server.service.pager;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The result rows one shard built from one partition: each row's values and its clustering (null for
 * a static-only row), and whether the partition is finished (or stopped only because the read's row
 * budget ran out).
 */
public record PartitionChunk(DecoratedKey key, List<ByteBuffer[]> rows, List<Clustering> clusterings, boolean partitionDone) {}
