package io.driftwatch.api.dashboard;

import io.driftwatch.api.Links;
import io.driftwatch.monitor.checks.Check;
import io.driftwatch.monitor.checks.CheckHistory;
import io.driftwatch.stats.DriftTest;
import io.driftwatch.stats.DriftTests;
import io.driftwatch.stats.ScoreKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitor page's heat map of per-column drift across checks: one row per column, one column
 * per check (oldest on the left), each cell coloured by what that check found for that column.
 *
 * <p>The encoding, which the page's legend repeats: the <em>hue</em> is the check's own verdict for
 * the column (orange: drifted, blue: not drifted, purple: not tested, grey: score undefined), so a
 * correction such as Bonferroni that changes a verdict shows as it was decided. The <em>shade</em>
 * is how far the score is from the threshold on the test's own scale, the same "strength" the report
 * sorts by: {@code distance / threshold} for distances, {@code log p / log threshold} for p-values,
 * so 1 is the threshold for every test, 2 is twice the distance threshold or {@code p = t²}. Shades
 * are four bins on each side: not drifted below 0.25, 0.5, 0.75 and up to 1; drifted below 2, 4, 8
 * and beyond.
 *
 * <p>Rows are ordered by how many of the shown checks each column drifted in, most first (ties in
 * the latest check's column order), and capped at {@value #MAX_ROWS}.
 *
 * <p>Thread-safe: immutable.
 *
 * @param width the SVG's width in CSS pixels (cells keep their size; a wide map scrolls)
 * @param height the SVG's height
 * @param labelWidth where the cells start
 * @param cellWidth a cell's width
 * @param rows the columns
 * @param checks the checks, with their x position and report link
 * @param xLabels time labels under some of the checks
 * @param axisY where those labels go
 * @param hiddenRows columns left out past {@value #MAX_ROWS}
 */
public record HeatMap(int width, int height, int labelWidth, int cellWidth, List<Row> rows, List<CheckColumn> checks,
        List<Label> xLabels, int axisY, int hiddenRows) {
    static final int MAX_ROWS = 60;
    static final int CELL_HEIGHT = 22;
    private static final int TOP = 2;
    static final int LABEL_WIDTH = 176;
    private static final int TARGET_WIDTH = 880;
    private static final int MIN_CELL = 16;
    private static final int MAX_CELL = 56;
    private static final int MAX_LABEL = 24;
    private static final int MAX_X_LABELS = 7;

    public HeatMap {
        rows = List.copyOf(rows);
        checks = List.copyOf(checks);
        xLabels = List.copyOf(xLabels);
    }

    /** A column's row: where it is, its label (shortened), its full name, and in how many shown checks it drifted. */
    public record Row(int y, int textY, String label, String name, int driftedChecks) {
    }

    /** A check's column of cells, linking to its report. */
    public record CheckColumn(int x, String href, String title, List<Cell> cells) {
        public CheckColumn {
            cells = List.copyOf(cells);
        }
    }

    /**
     * A cell: its y position, its colour class ({@code d1}…{@code d4}, {@code n1}…{@code n4},
     * {@code e}, {@code u}) and tooltip.
     */
    public record Cell(int y, String level, String title) {
    }

    /** A label under the map. */
    public record Label(int x, String text) {
    }

    /** The heat map of {@code checks} (oldest first) with their per-column results; null when there are none. */
    static HeatMap of(List<Check> checks, Map<String, List<CheckHistory.Column>> columns) {
        if (checks.isEmpty()) {
            return null;
        }
        int n = checks.size();
        int cell = Math.max(MIN_CELL, Math.min(MAX_CELL, TARGET_WIDTH / n));
        Map<String, Integer> driftCounts = new LinkedHashMap<>();
        for (CheckHistory.Column c : columns.getOrDefault(checks.get(n - 1).id(), List.of())) {
            driftCounts.put(c.name(), 0);
        }
        List<Map<String, CheckHistory.Column>> byName = new ArrayList<>(n);
        for (Check check : checks) {
            Map<String, CheckHistory.Column> m = new LinkedHashMap<>();
            for (CheckHistory.Column c : columns.getOrDefault(check.id(), List.of())) {
                m.put(c.name(), c);
                driftCounts.merge(c.name(), c.drifted() ? 1 : 0, Integer::sum);
            }
            byName.add(m);
        }
        List<String> names = new ArrayList<>(driftCounts.keySet());
        names.sort((a, b) -> Integer.compare(driftCounts.get(b), driftCounts.get(a)));
        int hidden = Math.max(0, names.size() - MAX_ROWS);
        names = names.subList(0, names.size() - hidden);

        List<Row> rows = new ArrayList<>(names.size());
        for (int r = 0; r < names.size(); r++) {
            String name = names.get(r);
            int y = TOP + r * CELL_HEIGHT;
            rows.add(new Row(y, y + CELL_HEIGHT / 2, shorten(name), name, driftCounts.get(name)));
        }
        List<CheckColumn> checkColumns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Check check = checks.get(i);
            List<Cell> cells = new ArrayList<>(names.size());
            for (Row row : rows) {
                CheckHistory.Column c = byName.get(i).get(row.name());
                if (c != null) {
                    cells.add(new Cell(row.y(), level(c), title(check, c)));
                }
            }
            checkColumns.add(new CheckColumn(LABEL_WIDTH + i * cell, Links.ofCheck(check.id(), check.monitorId())
                    .report(), DashboardText.time(check.observedAt()) + (check.driftDetected() ? ": dataset drift"
                            : ": no dataset drift"), cells));
        }
        int axisY = TOP + names.size() * CELL_HEIGHT + 14;
        return new HeatMap(LABEL_WIDTH + n * cell + 4, axisY + 8, LABEL_WIDTH, cell, rows, checkColumns,
                labels(checks, cell), axisY, hidden);
    }

    /**
     * The colour class of one result: hue from the verdict, shade from the strength (see the class
     * comment).
     */
    static String level(CheckHistory.Column c) {
        if (c.error() != null) {
            return "e";
        }
        if (c.score() == null || c.test() == null) {
            return "u";
        }
        double s = strength(c);
        if (c.drifted()) {
            return Double.isNaN(s) || s < 2 ? "d1" : s < 4 ? "d2" : s < 8 ? "d3" : "d4";
        }
        return Double.isNaN(s) || s < 0.25 ? "n1" : s < 0.5 ? "n2" : s < 0.75 ? "n3" : "n4";
    }

    /**
     * How far the score is from the threshold: the one strength every view uses
     * ({@code ColumnDrift.strength()}: {@code log p / log t} for p-values, {@code d / t} for distances,
     * after any multiple-testing correction; 1 at the threshold, larger is more drift), as the check
     * stored it. For a check recorded before strengths were stored, derived from the stored raw score
     * and the test's kind of score; NaN for a test this version does not know.
     */
    static double strength(CheckHistory.Column c) {
        if (!c.storedBeforeStrengths()) {
            return c.strength() == null ? Double.NaN : c.strength();
        }
        DriftTest test = DriftTests.byName(c.test()).orElse(null);
        if (test == null) {
            return Double.NaN;
        }
        double threshold = c.threshold() == null ? test.defaultThreshold() : c.threshold();
        return test.scoreKind().strength(c.score(), threshold);
    }

    private static String title(Check check, CheckHistory.Column c) {
        StringBuilder t = new StringBuilder(120).append(c.name()).append(" · ")
                .append(DashboardText.time(check.observedAt())).append('\n');
        if (c.error() != null) {
            return t.append("Not tested: ").append(c.error()).toString();
        }
        t.append(c.drifted() ? "Drift" : "No drift");
        if (c.test() == null) {
            return t.toString();
        }
        String displayName = c.displayName();
        String comparison = c.comparison();
        boolean pValue = ScoreKind.P_VALUE.label().equals(c.scoreKind());
        if (c.storedBeforeStrengths()) {
            DriftTest test = DriftTests.byName(c.test()).orElse(null);
            displayName = test == null ? c.test() : test.displayName();
            comparison = test == null ? null : test.comparison().symbol();
            pValue = test != null && test.scoreKind() == ScoreKind.P_VALUE;
        }
        t.append(" · ").append(displayName).append(' ')
                .append(c.score() == null ? "n/a" : DashboardText.score(c.score()));
        if (comparison != null && c.threshold() != null) {
            t.append(", drift if ").append(pValue ? "p " : "score ").append(symbol(comparison)).append(' ')
                    .append(DashboardText.score(c.threshold()));
        }
        return t.toString();
    }

    /** Time labels under about every k-th check, as short as the span of the checks allows. */
    private static List<Label> labels(List<Check> checks, int cell) {
        int n = checks.size();
        int minGap = 64;
        int every = Math.max(1, (int) Math.ceil(minGap / (double) cell));
        every = Math.max(every, (int) Math.ceil(n / (double) MAX_X_LABELS));
        Duration span = Duration.between(checks.get(0).observedAt(), checks.get(n - 1).observedAt());
        boolean days = span.compareTo(Duration.ofDays(2)) >= 0;
        boolean minutes = span.compareTo(Duration.ofMinutes(10)) >= 0;
        List<Label> labels = new ArrayList<>();
        for (int i = n - 1; i >= 0; i -= every) {
            Check c = checks.get(i);
            String text = days ? DashboardText.day(c.observedAt())
                    : minutes ? DashboardText.clock(c.observedAt()) : DashboardText.clockWithSeconds(c.observedAt());
            labels.add(0, new Label(LABEL_WIDTH + i * cell + cell / 2, text));
        }
        return labels;
    }

    private static String shorten(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LABEL) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, MAX_LABEL - 1)) + "…";
    }

    /** A stored comparison ({@code <=}) as the page prints it ({@code ≤}). */
    private static String symbol(String comparison) {
        return switch (comparison) {
            case "<=" -> "≤";
            case ">=" -> "≥";
            default -> comparison;
        };
    }
}
