package org.charybdis.tools.stress;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a workload sends. */
enum Operation {
    /** The profile's insert, one key index after the other (or uniformly chosen). */
    WRITE,
    /** The profile's read of one key index, uniformly chosen by default. */
    READ,
    /** Reads and writes in a weighted ratio. */
    MIXED,
    /** Full-table scans: the token ring cut into ranges, each paged through. */
    SCAN;

    static Operation parse(String text) {
        for (Operation op : values()) {
            if (op.label().equals(text.toLowerCase(Locale.ROOT))) return op;
        }
        throw new IllegalArgumentException("op must be one of " + Arrays.stream(values()).map(Operation::label).collect(Collectors.joining(", "))
                + ": '" + text + "'");
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
