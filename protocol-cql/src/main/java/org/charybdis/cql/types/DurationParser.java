package org.charybdis.cql.types;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The three textual duration forms CQL accepts. */
final class DurationParser {
    private static final Pattern STANDARD_UNIT = Pattern.compile("(\\d+)(y|mo|w|d|h|s|ms|us|µs|ns|m)", Pattern.CASE_INSENSITIVE);
    private static final Pattern STANDARD = Pattern.compile("((\\d+)(y|mo|w|d|h|s|ms|us|µs|ns|m))+", Pattern.CASE_INSENSITIVE);
    private static final Pattern ISO = Pattern.compile(
            "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");
    private static final Pattern ISO_WEEKS = Pattern.compile("P(\\d+)W");
    private static final Pattern ISO_ALTERNATIVE = Pattern.compile("P(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})");
    /** Standard-form units, largest first: each may appear once, in this order. */
    private static final String[] UNIT_ORDER = {"y", "mo", "w", "d", "h", "m", "s", "ms", "us", "ns"};
    /** The unit names Cassandra's messages use, in {@link #UNIT_ORDER}'s order. */
    private static final String[] UNIT_NAMES = {"years", "months", "weeks", "days", "hours", "minutes", "seconds",
            "milliseconds", "microseconds", "nanoseconds"};

    private DurationParser() {}

    static CqlDuration parse(String text) {
        boolean negative = text.startsWith("-");
        String body = negative ? text.substring(1) : text;
        Amounts amounts = new Amounts(text);
        Matcher m;
        if ((m = ISO_ALTERNATIVE.matcher(body)).matches()) {
            amounts.addMonths(group(m, 1, text), 12);
            amounts.addMonths(group(m, 2, text), 1);
            amounts.addDays(group(m, 3, text), 1);
            amounts.addNanos(group(m, 4, text), CqlDuration.NANOS_PER_HOUR);
            amounts.addNanos(group(m, 5, text), CqlDuration.NANOS_PER_MINUTE);
            amounts.addNanos(group(m, 6, text), CqlDuration.NANOS_PER_SECOND);
        } else if ((m = ISO_WEEKS.matcher(body)).matches()) {
            amounts.addDays(group(m, 1, text), 7);
        } else if (body.length() > 1 && !body.endsWith("T") && (m = ISO.matcher(body)).matches()) {
            amounts.addMonths(group(m, 1, text), 12);
            amounts.addMonths(group(m, 2, text), 1);
            amounts.addDays(group(m, 3, text), 1);
            amounts.addNanos(group(m, 4, text), CqlDuration.NANOS_PER_HOUR);
            amounts.addNanos(group(m, 5, text), CqlDuration.NANOS_PER_MINUTE);
            amounts.addNanos(group(m, 6, text), CqlDuration.NANOS_PER_SECOND);
        } else if (STANDARD.matcher(body).matches()) {
            parseStandard(body, text, amounts);
        } else {
            throw new MarshalException("Unable to convert '" + text + "' to a duration");
        }
        return amounts.toDuration(negative);
    }

    private static void parseStandard(String body, String text, Amounts amounts) {
        Matcher m = STANDARD_UNIT.matcher(body);
        int lastUnit = -1;
        while (m.find()) {
            String unit = m.group(2).toLowerCase(Locale.ROOT).replace('µ', 'u');
            int index = unitIndex(unit);
            if (index == lastUnit) {
                throw new MarshalException("Invalid duration. The " + UNIT_NAMES[index] + " are specified multiple times");
            }
            if (index < lastUnit) {
                throw new MarshalException("Invalid duration. The " + UNIT_NAMES[lastUnit] + " should be after " + UNIT_NAMES[index]);
            }
            lastUnit = index;
            long amount = number(m.group(1), text);
            switch (unit) {
                case "y" -> amounts.addMonths(amount, 12);
                case "mo" -> amounts.addMonths(amount, 1);
                case "w" -> amounts.addDays(amount, 7);
                case "d" -> amounts.addDays(amount, 1);
                case "h" -> amounts.addNanos(amount, CqlDuration.NANOS_PER_HOUR);
                case "m" -> amounts.addNanos(amount, CqlDuration.NANOS_PER_MINUTE);
                case "s" -> amounts.addNanos(amount, CqlDuration.NANOS_PER_SECOND);
                case "ms" -> amounts.addNanos(amount, CqlDuration.NANOS_PER_MILLI);
                case "us" -> amounts.addNanos(amount, CqlDuration.NANOS_PER_MICRO);
                default -> amounts.addNanos(amount, 1);
            }
        }
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < UNIT_ORDER.length; i++) {
            if (UNIT_ORDER[i].equals(unit)) {
                return i;
            }
        }
        throw new IllegalStateException("unit not in order table: " + unit);
    }

    private static long group(Matcher m, int group, String text) {
        String digits = m.group(group);
        return digits == null ? 0 : number(digits, text);
    }

    private static long number(String digits, String text) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new MarshalException("Invalid duration. The number " + digits + " in '" + text + "' is too large", e);
        }
    }

    /** Running totals, checked against the int/long limits of the three parts. */
    private static final class Amounts {
        private final String text;
        private long months;
        private long days;
        private long nanos;

        Amounts(String text) {
            this.text = text;
        }

        void addMonths(long amount, long unit) {
            months = add(months, amount, unit, Integer.MAX_VALUE, "months");
        }

        void addDays(long amount, long unit) {
            days = add(days, amount, unit, Integer.MAX_VALUE, "days");
        }

        void addNanos(long amount, long unit) {
            nanos = add(nanos, amount, unit, Long.MAX_VALUE, "nanoseconds");
        }

        private long add(long total, long amount, long unit, long max, String what) {
            try {
                long sum = Math.addExact(total, Math.multiplyExact(amount, unit));
                if (sum <= max) {
                    return sum;
                }
            } catch (ArithmeticException e) {
                // reported below
            }
            // Cassandra names the int limit whichever part overflows
            throw new MarshalException("Invalid duration. The total number of " + what + " must be less or equal to "
                    + Integer.MAX_VALUE);
        }

        CqlDuration toDuration(boolean negative) {
            return negative ? new CqlDuration((int) -months, (int) -days, -nanos)
                    : new CqlDuration((int) months, (int) days, nanos);
        }
    }
}
