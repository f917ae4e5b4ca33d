package org.charybdis.tools.stress;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** How a workload picks the key index of each request, in {@code [0, keys)}. */
enum KeyDistribution {
    /** 0, 1, 2, ... wrapping at the key count: writes fill the table in order. */
    SEQ,
    /** Uniformly random: reads hit the populated keys evenly. */
    UNIFORM,
    /** Zipfian (exponent 0.99, as YCSB): a few hot keys take most requests, the rest form a long tail. */
    ZIPF;

    static KeyDistribution parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "seq", "sequence" -> SEQ;
            case "uniform" -> UNIFORM;
            case "zipf", "zipfian" -> ZIPF;
            default -> throw new IllegalArgumentException("dist must be seq, uniform or zipf: '" + text + "'");
        };
    }

    /** A thread-safe source of key indexes; a sequence starts at 0 for every new chooser. */
    LongSupplier chooser(long keys) {
        if (keys <= 0) throw new IllegalArgumentException("the key count must be positive: " + keys);
        if (this == UNIFORM) return () -> ThreadLocalRandom.current().nextLong(keys);
        if (this == ZIPF) return new ZipfianKeys(keys, ZipfianKeys.DEFAULT_EXPONENT);
        AtomicLong next = new AtomicLong();
        return () -> Math.floorMod(next.getAndIncrement(), keys);
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
