package io.driftwatch.report;

/**
 * A tiny bar chart for the column table: one bar per bin or category, drawn as a single SVG path in
 * a {@code 0 0 width 24} view box stretched to the cell.
 *
 * <p>Thread-safe: immutable.
 *
 * @param width the view box width (four units per bar)
 * @param path the bars
 */
record Sparkline(int width, String path) {
    static final double HEIGHT = 24;

    /**
     * Bars for {@code shares}, scaled so that {@code max} fills the height; a non-zero share shows at
     * least a sliver. Each bar is one vertical stroke three units wide ({@code M1.5 24V12}), the
     * shortest SVG for a bar.
     */
    static Sparkline bars(double[] shares, double max) {
        StringBuilder d = new StringBuilder(shares.length * 12);
        for (int k = 0; k < shares.length; k++) {
            if (shares[k] <= 0 || max <= 0) {
                continue;
            }
            double h = Math.max(0.8, (HEIGHT - 1) * shares[k] / max);
            d.append('M');
            DisplayNumbers.coordinate(d, 4 * k + 1.5);
            d.append(" 24V");
            DisplayNumbers.coordinate(d, HEIGHT - h);
        }
        return new Sparkline(Math.max(4 * shares.length, 32), d.toString());
    }
}
