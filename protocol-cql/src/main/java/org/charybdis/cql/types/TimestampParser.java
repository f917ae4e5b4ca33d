package org.charybdis.cql.types;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the string forms Cassandra accepts for a timestamp: epoch milliseconds, or
 * {@code yyyy-mm-dd[( |T)hh:mm[:ss[.fff]]][ ][zone]} where the zone is {@code Z}, an offset
 * ({@code +hh}, {@code +hhmm}, {@code +hh:mm}) or a zone name. Without a zone the time is UTC.
 */
final class TimestampParser {
    private static final Pattern MILLIS = Pattern.compile("-?\\d+");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4,9})-(\\d{1,2})-(\\d{1,2})"
                    + "(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
                    + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?|[A-Za-z][A-Za-z0-9/_+-]*)?");

    private TimestampParser() {}

    static long parseMillis(String text) {
        String source = text.strip();
        if (MILLIS.matcher(source).matches()) {
            try {
                return Long.parseLong(source);
            } catch (NumberFormatException e) {
                throw new MarshalException("Unable to make long (for date) from: '" + text + "'", e);
            }
        }
        Matcher m = DATE_TIME.matcher(source);
        if (!m.matches()) {
            throw unparseable(text, null);
        }
        try {
            LocalDate date = date(number(m, 1), number(m, 2), number(m, 3));
            LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
                    : LocalTime.of(number(m, 4), number(m, 5), number(m, 6), fractionNanos(m.group(7)));
            ZoneId zone = zone(m.group(8));
            return LocalDateTime.of(date, time).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw unparseable(text, e);
        }
    }

    /** Days 29 to 31 past the end of a month mean its last day (Cassandra reads '2011-02-30' as February 28th). */
    private static LocalDate date(int year, int month, int day) {
        LocalDate first = LocalDate.of(year, month, 1);
        if (day < 1 || day > 31) throw new DateTimeException("Invalid day of month: " + day);
        return first.withDayOfMonth(Math.min(day, first.lengthOfMonth()));
    }

    private static int number(Matcher m, int group) {
        String digits = m.group(group);
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    private static int fractionNanos(String fraction) {
        return fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    }

    private static ZoneId zone(String zone) {
        if (zone == null || zone.equals("Z")) {
            return ZoneOffset.UTC;
        }
        char first = zone.charAt(0);
        if (first == '+' || first == '-') {
            String digits = zone.replace(":", "");
            int hours = Integer.parseInt(digits.substring(1, 3));
            int minutes = digits.length() > 3 ? Integer.parseInt(digits.substring(3)) : 0;
            int sign = first == '-' ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        return ZoneId.of(zone, ZoneId.SHORT_IDS);
    }

    private static MarshalException unparseable(String text, Exception cause) {
        return new MarshalException("Unable to parse a date/time from '" + text + "'", cause);
    }
}
