package org.charybdis.server.monitoring;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The metric families of a Prometheus text exposition ({@code # TYPE} lines), to tell whether a name a query
 * selects has series: a family's own name, except a histogram's, whose series are {@code _bucket}, {@code _sum} and
 * {@code _count}; a summary has {@code _sum} and {@code _count} beside its quantiles.
 */
public final class MetricFamilies {
    private final Map<String, String> typeByFamily;

    private MetricFamilies(Map<String, String> typeByFamily) {
        this.typeByFamily = typeByFamily;
    }

    public static MetricFamilies parse(String exposition) {
        Map<String, String> types = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (!line.startsWith("# TYPE ")) continue;
            String[] parts = line.trim().split(" ");
            if (parts.length != 4) throw new IllegalArgumentException("not a TYPE line: " + line);
            types.put(parts[2], parts[3]);
        }
        return new MetricFamilies(types);
    }

    /** The family whose series {@code name} selects, or null when the exposition has no such series. */
    public String familyOf(String name) {
        String type = typeByFamily.get(name);
        if (type != null && !type.equals("histogram")) return name;
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (!name.endsWith(suffix)) continue;
            String base = name.substring(0, name.length() - suffix.length());
            String baseType = typeByFamily.getOrDefault(base, "");
            if (baseType.equals("histogram") || (baseType.equals("summary") && !suffix.equals("_bucket"))) return base;
        }
        return null;
    }

    /** The TYPE of a family ({@code counter}, {@code gauge}, {@code histogram}, {@code summary}...), or null. */
    public String typeOf(String family) {
        return typeByFamily.get(family);
    }

    public Set<String> names() {
        return typeByFamily.keySet();
    }
}
