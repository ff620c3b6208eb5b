package io.driftwatch.api.dashboard;

import io.driftwatch.monitor.checks.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * The home page's small chart of a monitor's drift share over its recent checks (oldest on the
 * left, one step per check, 0 at the bottom and 100 % at the top), with the drift-share threshold
 * as a dashed line and the checks that found dataset drift marked. Coordinates are in a
 * {@value #WIDTH} × {@value #HEIGHT} view box.
 *
 * <p>Thread-safe: immutable.
 *
 * @param line the polyline's points ({@code x,y x,y …}); one point when there is one check
 * @param threshold the threshold line's path (a step line if the policy changed between checks)
 * @param points every check's point, drifted or not, the last one drawn larger
 * @param label what the chart says, for screen readers
 */
public record ShareTrend(String line, String threshold, List<Point> points, String label) {
    static final int WIDTH = 160;
    static final int HEIGHT = 36;
    private static final double TOP = 3;
    private static final double BOTTOM = HEIGHT - 3;
    private static final double LEFT = 3;
    private static final double RIGHT = WIDTH - 4;

    public ShareTrend {
        points = List.copyOf(points);
    }

    /** A check's point: where, whether it drifted, and whether it is the latest. */
    public record Point(String x, String y, boolean drifted, boolean last) {
    }

    /** The sparkline of {@code checks}, oldest first; null when there are none. */
    static ShareTrend of(List<Check> checks) {
        if (checks.isEmpty()) {
            return null;
        }
        int n = checks.size();
        StringBuilder line = new StringBuilder(n * 10);
        StringBuilder threshold = new StringBuilder(32);
        List<Point> points = new ArrayList<>(n);
        int drifted = 0;
        double previousThreshold = Double.NaN;
        for (int i = 0; i < n; i++) {
            Check c = checks.get(i);
            double x = n == 1 ? (LEFT + RIGHT) / 2 : LEFT + (RIGHT - LEFT) * i / (n - 1);
            String xs = DashboardText.coordinate(x);
            String ys = DashboardText.coordinate(y(c.driftShare()));
            line.append(i == 0 ? "" : " ").append(xs).append(',').append(ys);
            points.add(new Point(xs, ys, c.driftDetected(), i == n - 1));
            String ty = DashboardText.coordinate(y(c.shareThreshold()));
            if (i == 0) {
                threshold.append('M').append(DashboardText.coordinate(0)).append(' ').append(ty);
            } else if (c.shareThreshold() != previousThreshold) {
                threshold.append('H').append(xs).append('V').append(ty);
            }
            previousThreshold = c.shareThreshold();
            drifted += c.driftDetected() ? 1 : 0;
        }
        threshold.append('H').append(WIDTH);
        Check last = checks.get(n - 1);
        String label = "Drift share of the last " + n + (n == 1 ? " check" : " checks") + ": " + drifted
                + " found dataset drift; latest " + DashboardText.percent(last.driftShare()) + " against a threshold of "
                + DashboardText.percent(last.shareThreshold());
        return new ShareTrend(line.toString(), threshold.toString(), points, label);
    }

    private static double y(double share) {
        double s = Double.isNaN(share) ? 0 : Math.max(0, Math.min(1, share));
        return BOTTOM - (BOTTOM - TOP) * s;
    }
}
