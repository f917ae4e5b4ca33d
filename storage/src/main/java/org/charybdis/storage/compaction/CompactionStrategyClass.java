package org.charybdis.storage.compaction;

/**
 * The compaction classes a table may name in {@code WITH compaction = {'class': ...}}. Charybdis runs
 * UCS for all of them: the legacy ones are mapped onto UCS equivalents by {@link CompactionOptions}.
 */
public enum CompactionStrategyClass {
    UNIFIED("UnifiedCompactionStrategy"),
    SIZE_TIERED("SizeTieredCompactionStrategy"),
    LEVELED("LeveledCompactionStrategy");

    private static final String CASSANDRA_PACKAGE = "org.apache.cassandra.db.compaction.";

    private final String simpleName;

    CompactionStrategyClass(String simpleName) {
        this.simpleName = simpleName;
    }

    public String simpleName() { return simpleName; }

    /** The fully qualified name Cassandra shows in schema tables and DESCRIBE output. */
    public String qualifiedName() { return CASSANDRA_PACKAGE + simpleName; }

    /** Resolves a short or fully qualified class name, as Cassandra does (case-sensitive). */
    public static CompactionStrategyClass resolve(String className) {
        String qualified = className.contains(".") ? className : CASSANDRA_PACKAGE + className;
        for (CompactionStrategyClass c : values()) {
            if (c.qualifiedName().equals(qualified)) return c;
        }
        if (qualified.equals(CASSANDRA_PACKAGE + "TimeWindowCompactionStrategy")) {
            throw new IllegalArgumentException("TimeWindowCompactionStrategy is not supported by Charybdis: use"
                    + " 'UnifiedCompactionStrategy' with a tiered scaling parameter instead, for example"
                    + " {'class': 'UnifiedCompactionStrategy', 'scaling_parameters': 'T8',"
                    + " 'expired_sstable_check_frequency_seconds': '300'}");
        }
        throw new IllegalArgumentException("Unable to find compaction strategy class '" + qualified + "'");
    }
}
