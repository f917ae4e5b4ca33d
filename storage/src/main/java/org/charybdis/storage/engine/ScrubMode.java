package org.charybdis.storage.engine;

import java.util.Locale;

/**
 * How {@code charybdis admin scrub} treats an SSTable (ScyllaDB's modes).
 * <ul>
 *   <li>{@link #SKIP}, the default: rewrites each SSTable with every partition that still reads; an SSTable
 *       that had unreadable partitions is quarantined rather than deleted, so nothing is thrown away.</li>
 *   <li>{@link #ABORT}: rewrites each SSTable, and stops at the first corrupt partition, changing nothing of
 *       that SSTable.</li>
 *   <li>{@link #VALIDATE}: reads every SSTable without rewriting; a corrupt one is quarantined.</li>
 * </ul>
 */
public enum ScrubMode {
    SKIP, ABORT, VALIDATE;

    public static ScrubMode ofName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
