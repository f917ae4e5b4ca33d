package org.charybdis.server.cql.udf.context;

import java.util.Calendar;

/**
 * A CQL {@code date} as a Java UDF sees it, with the methods of Cassandra's UDF {@code LocalDate}: days since
 * 1970-01-01 in the proleptic Gregorian calendar, and the year, month and day of that day.
 */
public final class LocalDate {
    private final int daysSinceEpoch;

    private LocalDate(int daysSinceEpoch) {
        this.daysSinceEpoch = daysSinceEpoch;
    }

    public static LocalDate fromDaysSinceEpoch(int daysSinceEpoch) {
        return new LocalDate(daysSinceEpoch);
    }

    public static LocalDate fromMillisSinceEpoch(long millis) {
        return new LocalDate(Math.toIntExact(Math.floorDiv(millis, 86_400_000L)));
    }

    public static LocalDate fromYearMonthDay(int year, int month, int day) {
        return new LocalDate(Math.toIntExact(java.time.LocalDate.of(year, month, day).toEpochDay()));
    }

    public int getDaysSinceEpoch() {
        return daysSinceEpoch;
    }

    public long getMillisSinceEpoch() {
        return daysSinceEpoch * 86_400_000L;
    }

    public int getYear() {
        return date().getYear();
    }

    /** 1 to 12. */
    public int getMonth() {
        return date().getMonthValue();
    }

    public int getDay() {
        return date().getDayOfMonth();
    }

    /** @param field {@link Calendar#YEAR}, {@link Calendar#MONTH} or {@link Calendar#DAY_OF_MONTH} */
    public LocalDate add(int field, int amount) {
        java.time.LocalDate moved = switch (field) {
            case Calendar.YEAR -> date().plusYears(amount);
            case Calendar.MONTH -> date().plusMonths(amount);
            case Calendar.DAY_OF_MONTH, Calendar.DAY_OF_YEAR, Calendar.DAY_OF_WEEK -> date().plusDays(amount);
            default -> throw new IllegalArgumentException("Unsupported field in LocalDate.add(): " + field);
        };
        return new LocalDate(Math.toIntExact(moved.toEpochDay()));
    }

    private java.time.LocalDate date() {
        return java.time.LocalDate.ofEpochDay(daysSinceEpoch);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalDate other && other.daysSinceEpoch == daysSinceEpoch;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(daysSinceEpoch);
    }

    /** {@code 2024-02-03}. */
    @Override
    public String toString() {
        return date().toString();
    }
}
