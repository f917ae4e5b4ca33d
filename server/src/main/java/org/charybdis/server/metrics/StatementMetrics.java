package org.charybdis.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.charybdis.cql.syntax.AuthStatement;
import org.charybdis.cql.syntax.BatchStatement;
import org.charybdis.cql.syntax.DeleteStatement;
import org.charybdis.cql.syntax.DescribeStatement;
import org.charybdis.cql.syntax.InsertStatement;
import org.charybdis.cql.syntax.SchemaStatement;
import org.charybdis.cql.syntax.SelectStatement;
import org.charybdis.cql.syntax.ServiceLevelStatement;
import org.charybdis.cql.syntax.Statement;
import org.charybdis.cql.syntax.TruncateStatement;
import org.charybdis.cql.syntax.UpdateStatement;
import org.charybdis.cql.syntax.UseStatement;
import org.charybdis.scheduler.Shard;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Client statements run, by kind and keyspace, per shard: {@code charybdis_cql_statements_total} (labels
 * {@code shard}, {@code kind}, {@code keyspace}; {@code keyspace=""} for statements on none, such as role statements).
 * A protocol BATCH counts once, as {@code batch}, under its first statement's keyspace. Each shard's counters are
 * created the first time it runs a statement on a keyspace and found again by a map lookup, with no allocation.
 */
public final class StatementMetrics {
    /** The kinds counted apart. */
    public enum Kind {
        SELECT, INSERT, UPDATE, DELETE, BATCH, USE, TRUNCATE, DDL, DCL, OTHER;

        private final String label = name().toLowerCase(Locale.ROOT);

        /** The kind of a parsed statement: DDL are schema statements, DCL role and permission ones, OTHER the rest. */
        public static Kind of(Statement statement) {
            return switch (statement) {
                case SelectStatement ignored -> SELECT;
                case InsertStatement ignored -> INSERT;
                case UpdateStatement ignored -> UPDATE;
                case DeleteStatement ignored -> DELETE;
                case BatchStatement ignored -> BATCH;
                case UseStatement ignored -> USE;
                case TruncateStatement ignored -> TRUNCATE;
                case SchemaStatement ignored -> DDL;
                case AuthStatement ignored -> DCL;
                case ServiceLevelStatement ignored -> OTHER;
                case DescribeStatement ignored -> OTHER;
            };
        }
    }

    private static final Kind[] KINDS = Kind.values();

    private final MeterRegistry registry;
    /** Per shard, touched only by its thread: keyspace to counters by kind. */
    private final Map<String, Counter[]>[] byShard;

    @SuppressWarnings("unchecked")
    StatementMetrics(MeterRegistry registry, int shards) {
        this.registry = registry;
        byShard = new Map[shards];
        for (int i = 0; i < shards; i++) byShard[i] = new HashMap<>();
    }

    /** Counts a statement run by a client on the calling shard; {@code keyspace} null for none. Off the shards: ignored. */
    public void executed(Kind kind, String keyspace) {
        Shard shard = Shard.current();
        if (shard == null) return;
        String label = keyspace == null ? "" : keyspace;
        Counter[] counters = byShard[shard.id()].get(label);
        if (counters == null) {
            counters = register(shard.id(), label);
            byShard[shard.id()].put(label, counters);
        }
        counters[kind.ordinal()].increment();
    }

    private Counter[] register(int shard, String keyspace) {
        Counter[] counters = new Counter[KINDS.length];
        for (Kind kind : KINDS) {
            counters[kind.ordinal()] = Counter.builder("charybdis.cql.statements")
                    .tags("shard", Integer.toString(shard), "kind", kind.label, "keyspace", keyspace)
                    .description("CQL statements run by clients, by kind and keyspace").register(registry);
        }
        return counters;
    }
}
