package org.charybdis.server.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a Prometheus text exposition (the node's {@code /metrics}) in tests. */
public final class PrometheusText {
    private PrometheusText() {}

    /** The node's current exposition. */
    public static String scrape(CharybdisServerExtension server) {
        return HttpGet.body(server.prometheusPort(), "/metrics");
    }

    /** Sums the samples of a metric whose labels contain {@code labelPart} ("" for all of them). */
    public static double sum(String scrape, String metric, String labelPart) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains(labelPart)) total += Double.parseDouble(m.group(2));
        }
        return total;
    }
}
