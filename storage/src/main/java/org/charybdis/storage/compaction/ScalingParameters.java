package org.charybdis.storage.compaction;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UCS's per-level scaling parameters W, as written in {@code 'scaling_parameters'}: {@code 'T4'},
 * {@code 'L10'}, {@code 'N'}, a plain integer W, or a comma-separated list of those (one per level,
 * the last repeating for all higher levels).
 * <p>
 * W &lt; 0 is leveled with fan factor f = 2 - W and threshold t = 2 (L10 is W = -8); W &gt; 0 is tiered
 * with f = t = 2 + W (T4 is W = 2); W = 0 is N, where both meet at f = t = 2.
 */
public final class ScalingParameters {
    /** Keeps fan factors in a range where level arithmetic cannot overflow. */
    static final int MAX_ABS_W = 1_000_000;

    private static final Pattern ONE_PARAMETER = Pattern.compile("(N)|L(\\d+)|T(\\d+)|([+-]?\\d+)");

    private final int[] ws;

    private ScalingParameters(int[] ws) {
        this.ws = ws;
    }

    /** Parses the option's text; throws {@link IllegalArgumentException} naming the bad element. */
    public static ScalingParameters parse(String text) {
        String[] parts = text.split(",", -1);
        int[] ws = new int[parts.length];
        for (int i = 0; i < parts.length; i++) ws[i] = parseOne(parts[i].trim());
        return new ScalingParameters(ws);
    }

    public static ScalingParameters of(int... ws) {
        if (ws.length == 0) throw new IllegalArgumentException("At least one scaling parameter is needed");
        for (int w : ws) checkRange(w, Integer.toString(w));
        return new ScalingParameters(ws.clone());
    }

    /** W for a level; levels past the list use its last element. */
    public int scalingParameter(int level) {
        if (level < 0) throw new IllegalArgumentException("Level should be >= 0: " + level);
        return ws[Math.min(level, ws.length - 1)];
    }

    public int fanout(int level) { return fanoutOf(scalingParameter(level)); }

    public int threshold(int level) { return thresholdOf(scalingParameter(level)); }

    public int count() { return ws.length; }

    /** Fan factor f of a scaling parameter W. */
    public static int fanoutOf(int w) { return w < 0 ? 2 - w : 2 + w; }

    /** Threshold t (overlapping SSTables that trigger a compaction) of a scaling parameter W. */
    public static int thresholdOf(int w) { return w <= 0 ? 2 : 2 + w; }

    /** The canonical spelling of one W: {@code L10}, {@code T4} or {@code N}. */
    public static String format(int w) {
        if (w < 0) return "L" + (2 - w);
        if (w > 0) return "T" + (2 + w);
        return "N";
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ws.length; i++) {
            if (i > 0) out.append(',');
            out.append(format(ws[i]));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScalingParameters other && Arrays.equals(ws, other.ws);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(ws); }

    private static int parseOne(String value) {
        Matcher m = ONE_PARAMETER.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid scaling parameter '" + value
                    + "': each comma-separated element must be N, L<fan factor>, T<fan factor> or an integer W"
                    + " (for example 'T4', 'L10', 'N', '-8' or 'T4,T4,L10')");
        }
        if (m.group(1) != null) return 0;
        if (m.group(2) != null) return checkRange(2 - fanFactor(m.group(2), value), value);
        if (m.group(3) != null) return checkRange(fanFactor(m.group(3), value) - 2, value);
        return checkRange(parseW(m.group(4), value), value);
    }

    private static int fanFactor(String digits, String value) {
        int f = parseW(digits, value);
        if (f < 2) throw new IllegalArgumentException("Fan factor cannot be lower than 2 in scaling parameter '" + value + "'");
        return f;
    }

    private static int parseW(String digits, String value) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid scaling parameter '" + value + "': the number is too large");
        }
    }

    private static int checkRange(int w, String value) {
        if (w < -MAX_ABS_W || w > MAX_ABS_W) {
            throw new IllegalArgumentException("Invalid scaling parameter '" + value + "': W must be between "
                    + -MAX_ABS_W + " and " + MAX_ABS_W);
        }
        return w;
    }
}
