package io.driftwatch.report;

import io.driftwatch.report.HtmlColumnView.Tick;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a per-chunk chart ({@code estimate.ftlh}, {@code multivariate.ftlh}): one value per
 * chunk as a line with a dot per chunk (alerting chunks marked), its band (the sampling-error band)
 * as a shaded area, the thresholds as dashed lines, and a second line (the realized value) when known.
 * Plot box x {@value #LEFT}–{@value #RIGHT}, y {@value #TOP}–{@value #BOTTOM} in a {@code 0 0 600 220}
 * view box (the template's numbers).
 *
 * <p>Thread-safe: stateless.
 */
final class ChunkCharts {
    static final double LEFT = 56;
    static final double RIGHT = 588;
    static final double TOP = 10;
    static final double BOTTOM = 180;

    private ChunkCharts() {
    }

    /** One chunk's point: x, y and whether it alerts; {@code title} is the tooltip. */
    record Dot(String x, String y, boolean alert, String title) {
    }

    /**
     * A chart.
     *
     * @param aria what it shows
     * @param band the band's polygon, or null
     * @param line the value's line
     * @param dots one per chunk with a value
     * @param realized the realized value's line, or null
     * @param realizedDots its points
     * @param lower the lower threshold's y, or null
     * @param upper the upper threshold's y, or null
     * @param yTicks the value axis
     * @param xTicks chunk numbers
     */
    record Chart(String aria, String band, String line, List<Dot> dots, String realized, List<Dot> realizedDots,
            String lower, String upper, List<Tick> yTicks, List<Tick> xTicks) {
    }

    /**
     * The chart of {@code values} over chunks (NaN: no point), with the band {@code [low, high]} (null
     * arrays: none), the thresholds (NaN: none) and the {@code realized} values (null: none).
     */
    static Chart chart(String aria, double[] values, double[] low, double[] high, double lower, double upper,
            boolean[] alerts, double[] realized, String[] titles) {
        int n = values.length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] series : new double[][] {values, low, high, realized, {lower, upper}}) {
            if (series == null) {
                continue;
            }
            for (double v : series) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!Double.isFinite(min)) {
            min = 0;
            max = 1;
        }
        if (max - min < 1e-9) {
            double pad = Math.max(Math.abs(max) * 0.05, 0.01);
            min -= pad;
            max += pad;
        } else {
            double pad = (max - min) * 0.06;
            min -= pad;
            max += pad;
        }
        Scale s = new Scale(n, min, max);
        StringBuilder band = null;
        if (low != null && high != null) {
            StringBuilder top = new StringBuilder();
            StringBuilder bottom = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (Double.isFinite(low[i]) && Double.isFinite(high[i])) {
                    top.append(top.isEmpty() ? 'M' : 'L').append(DisplayNumbers.coordinate(s.x(i))).append(' ')
                            .append(DisplayNumbers.coordinate(s.y(high[i])));
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                if (Double.isFinite(low[i]) && Double.isFinite(high[i])) {
                    bottom.append('L').append(DisplayNumbers.coordinate(s.x(i))).append(' ')
                            .append(DisplayNumbers.coordinate(s.y(low[i])));
                }
            }
            if (!top.isEmpty()) {
                band = top.append(bottom).append('Z');
            }
        }
        List<Dot> dots = new ArrayList<>();
        String line = line(values, s, alerts, titles, dots);
        List<Dot> realizedDots = new ArrayList<>();
        String realizedLine = realized == null ? null : line(realized, s, null, null, realizedDots);
        if (realizedLine != null && realizedLine.isEmpty()) {
            realizedLine = null;
        }
        List<Tick> yTicks = new ArrayList<>();
        double step = niceStep((max - min) / 4);
        for (double t = Math.ceil(min / step) * step; t <= max + 1e-12; t += step) {
            yTicks.add(new Tick(DisplayNumbers.coordinate(s.y(t)), DisplayNumbers.axis(Math.abs(t) < step * 1e-9 ? 0 : t)));
        }
        List<Tick> xTicks = new ArrayList<>();
        int every = Math.max(1, (int) Math.ceil(n / 12.0));
        for (int i = 0; i < n; i += every) {
            xTicks.add(new Tick(DisplayNumbers.coordinate(s.x(i)), Integer.toString(i + 1)));
        }
        return new Chart(aria, band == null ? null : band.toString(), line, dots, realizedLine, realizedDots,
                Double.isFinite(lower) ? DisplayNumbers.coordinate(s.y(lower)) : null,
                Double.isFinite(upper) ? DisplayNumbers.coordinate(s.y(upper)) : null, yTicks, xTicks);
    }

    private static String line(double[] values, Scale s, boolean[] alerts, String[] titles, List<Dot> dots) {
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                pen = false;
                continue;
            }
            String x = DisplayNumbers.coordinate(s.x(i));
            String y = DisplayNumbers.coordinate(s.y(values[i]));
            path.append(pen ? 'L' : 'M').append(x).append(' ').append(y);
            pen = true;
            dots.add(new Dot(x, y, alerts != null && alerts[i], titles == null ? DisplayNumbers.score(values[i])
                    : titles[i]));
        }
        return path.toString();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private record Scale(int n, double min, double max) {
        double x(int i) {
            return n <= 1 ? (LEFT + RIGHT) / 2 : LEFT + (RIGHT - LEFT) * i / (n - 1);
        }

        double y(double v) {
            return BOTTOM - (BOTTOM - TOP) * (v - min) / (max - min);
        }
    }
}
