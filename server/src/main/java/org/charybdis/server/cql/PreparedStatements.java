package org.charybdis.server.cql;

import org.charybdis.cql.syntax.Statement;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepared statements, one cache per shard (each touched only by its shard's thread). A PREPARE
 * puts the statement on every shard, so an EXECUTE on any connection finds it, as in ScyllaDB.
 */
public final class PreparedStatements {
    /**
     * A prepared statement: the parse tree (to recompile after schema changes), the compiled form for the
     * schema version it was compiled against, and the ids the client knows it by.
     */
    public record Prepared(String query, String keyspace, Statement ast, CqlStatement statement, long schemaVersion,
                           byte[] id, byte[] resultMetadataId) {
        public Prepared recompiled(CqlStatement newStatement, long newSchemaVersion, byte[] newResultMetadataId) {
            return new Prepared(query, keyspace, ast, newStatement, newSchemaVersion, id, newResultMetadataId);
        }
    }

    private final Map<ByteBuffer, Prepared>[] shards;

    @SuppressWarnings("unchecked")
    public PreparedStatements(int shardCount) {
        shards = new Map[shardCount];
        for (int i = 0; i < shardCount; i++) shards[i] = new HashMap<>();
    }

    public Prepared get(int shard, byte[] id) {
        return shards[shard].get(ByteBuffer.wrap(id));
    }

    public void put(int shard, Prepared prepared) {
        shards[shard].put(ByteBuffer.wrap(prepared.id()), prepared);
    }

    /** Cassandra's statement id: MD5 of the keyspace (if any) and the query text. */
    public static byte[] idOf(String keyspace, String query) {
        return md5((keyspace == null ? "" : keyspace) + query);
    }

    static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
