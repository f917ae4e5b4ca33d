package org.charybdis.tools.admin;

import java.util.Locale;

/** Sizes as nodetool prints them: {@code 512 bytes}, {@code 92.52 KiB}, {@code 1.5 GiB}. */
final class ByteSize {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};

    private ByteSize() {}

    static String human(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, UNITS[unit]);
    }
}
