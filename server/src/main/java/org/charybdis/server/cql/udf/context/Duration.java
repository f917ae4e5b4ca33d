package org.charybdis.server.cql.udf.context;

import org.charybdis.cql.types.CqlDuration;

/** A CQL {@code duration} as a Java UDF sees it, with the methods of Cassandra's UDF {@code Duration}. */
public final class Duration {
    private final int months;
    private final int days;
    private final long nanoseconds;

    private Duration(int months, int days, long nanoseconds) {
        new CqlDuration(months, days, nanoseconds); // refuses mixed signs, as Cassandra
        this.months = months;
        this.days = days;
        this.nanoseconds = nanoseconds;
    }

    public static Duration newInstance(int months, int days, long nanoseconds) {
        return new Duration(months, days, nanoseconds);
    }

    public int getMonths() {
        return months;
    }

    public int getDays() {
        return days;
    }

    public long getNanoseconds() {
        return nanoseconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Duration d && d.months == months && d.days == days && d.nanoseconds == nanoseconds;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * months + days) + Long.hashCode(nanoseconds);
    }

    /** {@code 1mo2d3h}, as CQL writes it. */
    @Override
    public String toString() {
        return new CqlDuration(months, days, nanoseconds).toString();
    }
}
