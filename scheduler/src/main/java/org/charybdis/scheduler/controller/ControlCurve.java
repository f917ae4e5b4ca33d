package org.charybdis.scheduler.controller;

import org.charybdis.scheduler.SchedulingGroup;

import java.util.List;

/**
 * A backlog controller's transfer function: shares as a piecewise-linear function of the backlog through control
 * points sorted by backlog, flat before the first point and after the last, as in ScyllaDB's backlog controllers.
 * Backlogs that grow near a limit get steeper segments there, so the controller answers sluggishly where the backlog
 * usually sits and hard where it must not go. One point makes a constant: static shares.
 */
public final class ControlCurve {
    private final double[] backlogs;
    private final double[] shares;

    /** One control point; shares may be 0 there (the result is never below {@link SchedulingGroup#MIN_SHARES}). */
    public record Point(double backlog, double shares) {
        public Point {
            if (!Double.isFinite(backlog)) throw new IllegalArgumentException("control point backlog must be finite: " + backlog);
            if (!(shares >= 0 && shares <= SchedulingGroup.MAX_SHARES)) {
                throw new IllegalArgumentException("control point shares must be in [0, " + SchedulingGroup.MAX_SHARES + "]: " + shares);
            }
        }
    }

    private ControlCurve(List<Point> points) {
        if (points.isEmpty()) throw new IllegalArgumentException("a control curve needs at least one point");
        backlogs = new double[points.size()];
        shares = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            backlogs[i] = points.get(i).backlog();
            shares[i] = points.get(i).shares();
            if (i > 0 && backlogs[i] <= backlogs[i - 1]) {
                throw new IllegalArgumentException("control points must have increasing backlogs: " + points);
            }
        }
    }

    public static ControlCurve through(Point... points) {
        return new ControlCurve(List.of(points));
    }

    public static Point point(double backlog, double shares) {
        return new Point(backlog, shares);
    }

    /** The same shares whatever the backlog (a {@code *_static_shares} setting). */
    public static ControlCurve constant(int shares) {
        return through(point(0, SchedulingGroup.checkShares(shares)));
    }

    /**
     * The shares for a backlog, rounded and kept within the scheduler's range. An infinite backlog gets the last
     * point's shares; a NaN one (a measurement that failed) the first point's.
     */
    public int sharesAt(double backlog) {
        int last = backlogs.length - 1;
        double result;
        if (Double.isNaN(backlog) || backlog <= backlogs[0]) {
            result = shares[0];
        } else if (backlog >= backlogs[last]) {
            result = shares[last];
        } else {
            int next = 1;
            while (backlogs[next] < backlog) next++;
            double fraction = (backlog - backlogs[next - 1]) / (backlogs[next] - backlogs[next - 1]);
            result = shares[next - 1] + fraction * (shares[next] - shares[next - 1]);
        }
        return Math.clamp(Math.round(result), SchedulingGroup.MIN_SHARES, SchedulingGroup.MAX_SHARES);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("ControlCurve[");
        for (int i = 0; i < backlogs.length; i++) {
            if (i > 0) out.append(", ");
            out.append(backlogs[i]).append(" -> ").append(shares[i]);
        }
        return out.append(']').toString();
    }
}
