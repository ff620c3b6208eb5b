package io.driftwatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Axis arithmetic shared by the detail charts: round maxima and tick positions.
 *
 * <p>Thread-safe: stateless.
 */
final class Axis {
    private Axis() {
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k that is {@code >= x}; 1 for a non-positive x. */
    static double niceCeiling(double x) {
        if (!(x > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(x)));
        double f = x / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** Three horizontal ticks (0, half, max) labelled as percentages. */
    static List<HtmlColumnView.Tick> shareTicks(double yMax, double top, double bottom) {
        List<HtmlColumnView.Tick> ticks = new ArrayList<>(3);
        for (int t = 0; t <= 2; t++) {
            double share = yMax * t / 2;
            ticks.add(new HtmlColumnView.Tick(DisplayNumbers.coordinate(bottom - (bottom - top) * t / 2),
                    DisplayNumbers.percent(share)));
        }
        return ticks;
    }

    /**
     * Horizontal ticks at round values (steps of 1, 2, 2.5 or 5 × 10^k, three to seven of them)
     * inside {@code [lo, hi]}, which the plot spans from {@code bottom} to {@code top}.
     */
    static List<HtmlColumnView.Tick> valueTicks(double lo, double hi, double top, double bottom) {
        return valueTicks(lo, hi, top, bottom, DisplayNumbers::axis);
    }

    /** {@link #valueTicks(double, double, double, double)} with the values printed by {@code label}. */
    static List<HtmlColumnView.Tick> valueTicks(double lo, double hi, double top, double bottom,
            DoubleFunction<String> label) {
        double step = niceCeiling((hi - lo) / 6);
        List<HtmlColumnView.Tick> ticks = new ArrayList<>(6);
        for (long i = (long) Math.ceil(lo / step); i * step <= hi && ticks.size() < 8; i++) {
            double value = i * step;
            double y = bottom - (bottom - top) * (value - lo) / (hi - lo);
            ticks.add(new HtmlColumnView.Tick(DisplayNumbers.coordinate(y), label.apply(value)));
        }
        return ticks;
    }

    /** A short axis label: {@code 250}, {@code 12.5k}, {@code 3M}, {@code 1.2G} (at most four significant digits). */
    static String compact(double x) {
        double abs = Math.abs(x);
        if (abs >= 1e9 && abs < 1e12) {
            return DisplayNumbers.axis(x / 1e9) + "G";
        }
        if (abs >= 1e6 && abs < 1e9) {
            return DisplayNumbers.axis(x / 1e6) + "M";
        }
        if (abs >= 1e4 && abs < 1e6) {
            return DisplayNumbers.axis(x / 1e3) + "k";
        }
        return DisplayNumbers.axis(x);
    }
}
