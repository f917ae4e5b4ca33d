package org.charybdis.server.cql.statements.describe;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * A {@code speculative_retry} / {@code additional_write_policy} value in Cassandra's canonical form, as
 * it prints them back: {@code 99PERCENTILE} and {@code 99.0p} become {@code 99p}, {@code 50MS} becomes
 * {@code 50ms}, {@code none} becomes {@code NEVER}, and a hybrid lists its percentile before its fixed
 * bound: {@code min(50ms, 99p)} becomes {@code MIN(99p,50ms)}.
 */
final class RetryPolicyText {
    private RetryPolicyText() {}

    static String canonical(String value) {
        String text = value.trim();
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.equals("NONE") || upper.equals("NEVER")) return "NEVER";
        if (upper.equals("ALWAYS")) return "ALWAYS";
        if (upper.startsWith("MIN(") || upper.startsWith("MAX(")) return hybrid(upper.substring(0, 3), text, value);
        if (upper.endsWith("PERCENTILE")) return percentile(text.substring(0, text.length() - "PERCENTILE".length()), value);
        if (upper.endsWith("MS")) return fixed(text.substring(0, text.length() - 2), value);
        if (upper.endsWith("P")) return percentile(text.substring(0, text.length() - 1), value);
        return value;
    }

    private static String hybrid(String function, String text, String original) {
        if (!text.endsWith(")")) return original;
        String inner = text.substring(4, text.length() - 1);
        int comma = inner.indexOf(',');
        if (comma < 0) return original;
        String first = canonical(inner.substring(0, comma));
        String second = canonical(inner.substring(comma + 1));
        // Cassandra keeps the percentile bound first whatever the order written
        boolean swap = first.endsWith("ms") && second.endsWith("p");
        return function + "(" + (swap ? second : first) + "," + (swap ? first : second) + ")";
    }

    private static String percentile(String number, String original) {
        try {
            DecimalFormat format = new DecimalFormat("#.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
            format.setRoundingMode(RoundingMode.HALF_EVEN);
            return format.format(Double.parseDouble(number.trim())) + "p";
        } catch (NumberFormatException e) {
            return original;
        }
    }

    private static String fixed(String number, String original) {
        try {
            return (long) Double.parseDouble(number.trim()) + "ms";
        } catch (NumberFormatException e) {
            return original;
        }
    }
}
