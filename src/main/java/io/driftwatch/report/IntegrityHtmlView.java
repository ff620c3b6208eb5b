package io.driftwatch.report;

import io.driftwatch.analysis.MetricTest;
import io.driftwatch.integrity.DataSummary;
import io.driftwatch.integrity.DataSummary.CategoricalStats;
import io.driftwatch.integrity.DataSummary.NumericStats;
import io.driftwatch.integrity.DataSummary.ValueStats;
import io.driftwatch.integrity.IntegrityFinding;
import io.driftwatch.integrity.IntegrityResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the integrity section of the report lays out ({@code integrity.ftlh}), all formatted: the
 * verdict, the dataset summary with the reference beside it and each row's tests, the columns (those
 * with a failed test or a finding first) with their missing shares, ranges or category shares drawn
 * for both sides, and the findings with their example values. Strings from the data (column names,
 * labels, example values) are left raw: the template escapes them.
 *
 * <p>Thread-safe: immutable.
 *
 * @param failed whether a test failed or a finding was made
 * @param verdict the verdict in a few words
 * @param summary one sentence on what was tested against what
 * @param withReference whether the check had a reference (the reference columns are shown)
 * @param dataset the dataset summary's rows
 * @param datasetChecks the dataset table's column of tests or findings: its heading ({@code Test},
 *     {@code Condition}), or null when no row has one
 * @param columns the columns, failed first
 * @param findings the reference-derived findings, most severe first
 * @param errors what could not be computed
 * @param passed how many tests passed
 * @param failedTests how many tests failed
 */
record IntegrityHtmlView(
        boolean failed,
        String verdict,
        String summary,
        boolean withReference,
        List<DatasetRow> dataset,
        String datasetChecks,
        List<ColumnRow> columns,
        List<FindingRow> findings,
        List<String> errors,
        int passed,
        int failedTests) {

    /** Categories drawn in a column's share bar before the rest are lumped as "other". */
    static final int CATEGORIES_DRAWN = 6;
    /** The width of the range and share bars' view box; the missing bar's is 100 (percent). */
    static final double BAR_WIDTH = 200;

    /**
     * One test's outcome on a row ({@code pass} or {@code fail}, and its condition in words), or a
     * finding on it (its severity, {@code warning} or {@code critical}, and what was seen).
     */
    record Check(String status, String text) {
        static Check of(IntegrityFinding f) {
            return new Check(f.condition().severity().label(), f.seen() + "; expected " + f.expected());
        }

        static Check of(MetricTest t) {
            String slot = t.slot().equals("value") || t.slot().equals("count") || t.slot().equals("total") ? ""
                    : t.slot() + ": ";
            return new Check(t.status().failed() ? "fail" : "pass", slot + IntegrityView.condition(t.condition()));
        }
    }

    /** One row of the dataset summary: the metric, each side's value, the tests of the row. */
    record DatasetRow(String label, String note, String reference, String current, List<Check> checks,
            boolean failed) {
    }

    /** The missing share of a column on each side, as bar widths in a 0–100 view box (null: no side). */
    record MissingBar(String reference, String current, String label) {
    }

    /**
     * One side's range: whiskers from min to max, the box from the first to the third quartile (its
     * x and width), the median; view-box coordinates.
     */
    record Box(String min, String max, String boxX, String boxWidth, String median) {
    }

    /** A numerical column's ranges on one scale: {@code lo} and {@code hi} label its ends. */
    record Ranges(String lo, String hi, Box reference, Box current, String label) {
    }

    /** One category's segment of a share bar, with its tooltip. */
    record Segment(String x, String width, String cls, String title) {
    }

    /**
     * A category in the share bar's legend with its current share; {@code tag} is {@code new} for one
     * the reference lacks, {@code gone} for one the current batch lacks.
     */
    record Legend(String cls, String label, String share, String tag) {
    }

    /** A categorical column's shares on each side, the most frequent categories coloured alike. */
    record Shares(List<Segment> reference, List<Segment> current, List<Legend> legend, int more, String label) {
    }

    /** One statistic of a column: each side's value and the tests on it. */
    record StatRow(String label, String reference, String current, List<Check> checks, boolean failed) {
    }

    /** A problem of a column: a failed test or a finding, with its severity class and words. */
    record Problem(String severity, String text) {
    }

    /** One column of the summary. */
    record ColumnRow(String id, String name, String type, boolean failed, String missingReference,
            String missingCurrent, MissingBar missing, Ranges ranges, Shares shares, List<Problem> problems,
            int passed, List<StatRow> stats) {
    }

    /**
     * One finding, with up to {@link IntegrityFinding#MAX_EXAMPLES} example values ({@code seen} says
     * how many rows, in the analysis's words).
     */
    record FindingRow(String severity, String condition, String column, String expected, String seen,
            List<String> examples) {
    }

    static IntegrityHtmlView of(IntegrityResult section) {
        DataSummary cur = section.current();
        DataSummary ref = section.reference();
        Map<String, List<MetricTest>> datasetTests = new LinkedHashMap<>();
        Map<String, List<MetricTest>> columnTests = new HashMap<>();
        int failedTests = 0;
        for (MetricTest t : section.metricTests()) {
            failedTests += t.status().failed() ? 1 : 0;
            if (t.column() == null) {
                datasetTests.computeIfAbsent(t.metric(), k -> new ArrayList<>()).add(t);
            } else {
                columnTests.computeIfAbsent(t.column(), k -> new ArrayList<>()).add(t);
            }
        }
        Map<String, List<IntegrityFinding>> columnFindings = new HashMap<>();
        List<IntegrityFinding> datasetFindings = new ArrayList<>();
        for (IntegrityFinding f : section.findings()) {
            if (f.column() != null) {
                columnFindings.computeIfAbsent(f.column(), k -> new ArrayList<>()).add(f);
            } else {
                datasetFindings.add(f);
            }
        }

        List<DatasetRow> dataset = dataset(cur, ref, datasetTests, datasetFindings);
        String datasetChecks = null;
        for (DatasetRow row : dataset) {
            if (!row.checks().isEmpty()) {
                datasetChecks = section.metricTests().isEmpty() ? "Condition" : "Test";
            }
        }
        Map<String, ValueStats> refColumns = new HashMap<>();
        if (ref != null) {
            for (ValueStats v : ref.columns()) {
                refColumns.put(v.column(), v);
            }
        }
        List<ColumnRow> columns = new ArrayList<>();
        for (ValueStats v : cur.columns()) {
            columns.add(column("q" + columns.size(), v, refColumns.get(v.column()),
                    columnTests.getOrDefault(v.column(), List.of()), columnFindings.getOrDefault(v.column(), List.of()),
                    ref != null));
        }
        columns.sort(Comparator.comparingInt((ColumnRow c) -> c.failed() ? 0 : 1));

        List<IntegrityFinding> sorted = new ArrayList<>(section.findings());
        sorted.sort(Comparator.comparingInt((IntegrityFinding f) -> f.condition().severity().ordinal()).reversed());
        List<FindingRow> findings = new ArrayList<>();
        for (IntegrityFinding f : sorted) {
            findings.add(new FindingRow(f.condition().severity().label(), conditionWords(f.condition()), f.column(),
                    f.expected(), f.seen(), f.examples()));
        }
        int passed = section.metricTests().size() - failedTests;
        return new IntegrityHtmlView(section.failed(), IntegrityView.verdict(section), summary(section, ref != null),
                ref != null, dataset, datasetChecks, columns, findings, section.errors(), passed, failedTests);
    }

    private static String summary(IntegrityResult section, boolean withReference) {
        return switch (section.tests()) {
            case EVIDENTLY -> withReference
                    ? "Evidently's data-summary tests, each against the reference's value of the same metric."
                    : "Evidently's data-summary tests without a reference: no duplicated, empty, constant or missing"
                            + " data expected.";
            case REFERENCE -> "Conditions learnt from the reference: ranges, categories, missing and duplicated"
                    + " shares (one-sided, with a confidence bound), constant, empty, changed and missing columns.";
            case NONE -> "The data summary only; the monitor runs no data-quality tests (integrity.tests: none).";
        };
    }

    /** A condition's label as words: {@code out_of_range} → {@code Out of range}. */
    static String conditionWords(IntegrityFinding.Condition condition) {
        String words = condition.label().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static List<DatasetRow> dataset(DataSummary cur, DataSummary ref, Map<String, List<MetricTest>> tests,
            List<IntegrityFinding> findings) {
        List<DatasetRow> rows = new ArrayList<>();
        DataSummary.ColumnCounts cc = cur.columnCounts();
        String note = cc.numerical() + " numerical, " + cc.categorical() + " categorical, " + cc.datetime()
                + " datetime, " + cc.text() + " text";
        rows.add(row("Rows", null, ref == null ? null : count(ref.rows()), count(cur.rows()), tests.get("row_count")));
        rows.add(row("Columns", note, ref == null ? null : count(ref.columnCounts().total()),
                count(cc.total()), tests.get("column_count")));
        DatasetRow duplicated = row("Duplicated rows", null, ref == null ? null : count(ref.duplicatedRows()),
                count(cur.duplicatedRows()), tests.get("duplicated_row_count"));
        for (IntegrityFinding f : findings) {
            if (f.condition() == IntegrityFinding.Condition.DUPLICATED_ROWS) {
                List<Check> checks = new ArrayList<>(duplicated.checks());
                checks.add(Check.of(f));
                duplicated = new DatasetRow(duplicated.label(), duplicated.note(), duplicated.reference(),
                        duplicated.current(), checks, true);
            }
        }
        rows.add(duplicated);
        rows.add(row("Empty rows", null, ref == null ? null : count(ref.emptyRows()), count(cur.emptyRows()),
                tests.get("empty_rows_count")));
        rows.add(row("Missing cells", "per row, as Evidently counts the share",
                ref == null ? null : perRow(ref.missingCells(), ref.missingShare()),
                perRow(cur.missingCells(), cur.missingShare()), tests.get("dataset_missing_value_count")));
        rows.add(row("Empty columns", null, ref == null ? null : count(ref.emptyColumns()),
                count(cur.emptyColumns()), tests.get("empty_columns_count")));
        rows.add(row("Constant columns", "empty columns count too", ref == null ? null : count(ref.constantColumns()),
                count(cur.constantColumns()), tests.get("constant_columns_count")));
        rows.add(row("Almost constant columns", "one value in 95% of the rows or more",
                ref == null ? null : count(ref.almostConstantColumns()), count(cur.almostConstantColumns()),
                tests.get("almost_constant_columns_count")));
        rows.add(row("Duplicated column pairs", null, ref == null ? null : count(ref.duplicatedColumns()),
                count(cur.duplicatedColumns()), tests.get("duplicated_columns_count")));
        rows.add(row("Almost duplicated column pairs", "equal in 95% of the rows or more",
                ref == null ? null : count(ref.almostDuplicatedColumns()), count(cur.almostDuplicatedColumns()),
                tests.get("almost_duplicated_columns_count")));
        return rows;
    }

    private static DatasetRow row(String label, String note, String reference, String current, List<MetricTest> tests) {
        List<Check> checks = new ArrayList<>();
        boolean failed = false;
        if (tests != null) {
            for (MetricTest t : tests) {
                checks.add(Check.of(t));
                failed |= t.status().failed();
            }
        }
        return new DatasetRow(label, note, reference, current, checks, failed);
    }

    private static ColumnRow column(String id, ValueStats cur, ValueStats ref, List<MetricTest> tests,
            List<IntegrityFinding> findings, boolean withReference) {
        List<Problem> problems = new ArrayList<>();
        int passed = 0;
        for (MetricTest t : tests) {
            if (t.status().failed()) {
                problems.add(new Problem("fail", IntegrityView.metricName(t.metric())
                        + (t.slot().equals("value") || t.slot().equals("count") ? "" : " (" + t.slot() + ")") + " "
                        + statValue(t) + ", expected " + IntegrityView.condition(t.condition())));
            } else {
                passed++;
            }
        }
        for (IntegrityFinding f : findings) {
            problems.add(new Problem(f.condition().severity().label(), conditionWords(f.condition()) + ": " + f.seen()));
        }
        String type = cur instanceof NumericStats ? "numerical" : "categorical";
        MissingBar missing = new MissingBar(ref == null ? null : width(ref.missingShare(), 100),
                width(cur.missingShare(), 100), "Missing values: " + (ref == null ? ""
                        : "reference " + DisplayNumbers.percent(ref.missingShare()) + ", ") + "current "
                        + DisplayNumbers.percent(cur.missingShare()));
        Ranges ranges = null;
        Shares shares = null;
        List<StatRow> stats = new ArrayList<>();
        stats.add(stat("Missing", ref == null ? null : countAndShare(ref.missing(), ref.missingShare()),
                countAndShare(cur.missing(), cur.missingShare()), tests, "missing_value_count"));
        if (cur instanceof NumericStats n) {
            NumericStats r = ref instanceof NumericStats numbers ? numbers : null;
            ranges = ranges(r, n);
            stats.add(stat("Min", r == null ? null : DisplayNumbers.score(r.min()), DisplayNumbers.score(n.min()),
                    tests, "min"));
            stats.add(stat("25th percentile", r == null ? null : DisplayNumbers.score(r.quantile25()),
                    DisplayNumbers.score(n.quantile25()), tests, "quantile_25"));
            stats.add(stat("Median", r == null ? null : DisplayNumbers.score(r.quantile50()),
                    DisplayNumbers.score(n.quantile50()), tests, "quantile_50"));
            stats.add(stat("75th percentile", r == null ? null : DisplayNumbers.score(r.quantile75()),
                    DisplayNumbers.score(n.quantile75()), tests, "quantile_75"));
            stats.add(stat("Max", r == null ? null : DisplayNumbers.score(r.max()), DisplayNumbers.score(n.max()),
                    tests, "max"));
            stats.add(stat("Mean", r == null ? null : DisplayNumbers.score(r.mean()), DisplayNumbers.score(n.mean()),
                    tests, "mean"));
            stats.add(stat("Std dev", r == null ? null : DisplayNumbers.score(r.std()), DisplayNumbers.score(n.std()),
                    tests, "std"));
        } else if (cur instanceof CategoricalStats c) {
            CategoricalStats r = ref instanceof CategoricalStats labels ? labels : null;
            shares = shares(r, c, withReference);
            stats.add(stat("Distinct values", r == null ? null : count(r.distinct()), count(c.distinct()), tests,
                    "unique_value_count"));
        }
        boolean failed = !problems.isEmpty();
        String missingReference = ref == null ? null : DisplayNumbers.percent(ref.missingShare());
        return new ColumnRow(id, cur.column(), type, failed, missingReference,
                DisplayNumbers.percent(cur.missingShare()), missing, ranges, shares, problems, passed, stats);
    }

    private static String statValue(MetricTest t) {
        return "share".equals(t.slot()) ? DisplayNumbers.percent(t.value()) : DisplayNumbers.score(t.value());
    }

    private static StatRow stat(String label, String reference, String current, List<MetricTest> tests,
            String metric) {
        List<Check> checks = new ArrayList<>();
        boolean failed = false;
        for (MetricTest t : tests) {
            if (t.metric().equals(metric)) {
                checks.add(Check.of(t));
                failed |= t.status().failed();
            }
        }
        return new StatRow(label, reference, current, checks, failed);
    }

    /** Both sides' min, quartiles and max on one scale spanning both (widened when it is a single point). */
    static Ranges ranges(NumericStats reference, NumericStats current) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (NumericStats s : new NumericStats[] {reference, current}) {
            if (s != null && Double.isFinite(s.min()) && Double.isFinite(s.max())) {
                lo = Math.min(lo, s.min());
                hi = Math.max(hi, s.max());
            }
        }
        if (!(lo <= hi)) {
            return null;
        }
        double scaleLo = lo;
        double scaleHi = hi;
        if (scaleHi == scaleLo) {
            double pad = scaleLo == 0 ? 1 : Math.abs(scaleLo) * 0.1;
            scaleLo -= pad;
            scaleHi += pad;
        }
        Box r = box(reference, scaleLo, scaleHi);
        Box c = box(current, scaleLo, scaleHi);
        String label = "Range of values: " + (reference == null ? ""
                : "reference " + DisplayNumbers.score(reference.min()) + " to " + DisplayNumbers.score(reference.max())
                        + ", ") + "current " + DisplayNumbers.score(current.min()) + " to "
                + DisplayNumbers.score(current.max());
        return new Ranges(DisplayNumbers.axis(lo), DisplayNumbers.axis(hi), r, c, label);
    }

    private static Box box(NumericStats s, double lo, double hi) {
        if (s == null || !Double.isFinite(s.min()) || !Double.isFinite(s.max())) {
            return null;
        }
        double q1 = x(orMin(s.quantile25(), s), lo, hi);
        double q3 = x(orMin(s.quantile75(), s), lo, hi);
        return new Box(DisplayNumbers.coordinate(x(s.min(), lo, hi)), DisplayNumbers.coordinate(x(s.max(), lo, hi)),
                DisplayNumbers.coordinate(q1), DisplayNumbers.coordinate(Math.max(1, q3 - q1)),
                DisplayNumbers.coordinate(x(orMin(s.quantile50(), s), lo, hi)));
    }

    private static double orMin(double v, NumericStats s) {
        return Double.isFinite(v) ? v : s.min();
    }

    private static double x(double v, double lo, double hi) {
        double inset = 4;
        return inset + (BAR_WIDTH - 2 * inset) * (v - lo) / (hi - lo);
    }

    /**
     * The shares of the categories of both sides in one bar per side: the {@value #CATEGORIES_DRAWN} most
     * frequent (on either side) in colours of their own, the rest as "other"; what is left of the bar
     * is missing.
     */
    static Shares shares(CategoricalStats reference, CategoricalStats current, boolean withReference) {
        Map<String, long[]> byLabel = new LinkedHashMap<>();
        addCounts(byLabel, current, 1);
        addCounts(byLabel, reference, 0);
        int curRows = current.rows();
        int refRows = reference == null ? 0 : reference.rows();
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(byLabel.entrySet());
        entries.sort(Comparator.comparingDouble((Map.Entry<String, long[]> e) -> -Math.max(
                shareOf(e.getValue()[0], refRows), shareOf(e.getValue()[1], curRows))));
        // One category left over is drawn in a colour of its own rather than called "other".
        int drawn = entries.size() <= CATEGORIES_DRAWN + 1 ? entries.size() : CATEGORIES_DRAWN;
        List<Legend> legend = new ArrayList<>();
        double[] refShares = new double[drawn + 1];
        double[] curShares = new double[drawn + 1];
        String[] titles = new String[drawn + 1];
        for (int k = 0; k < entries.size(); k++) {
            long[] counts = entries.get(k).getValue();
            int slot = Math.min(k, drawn);
            refShares[slot] += shareOf(counts[0], refRows);
            curShares[slot] += shareOf(counts[1], curRows);
            if (k < drawn) {
                String label = entries.get(k).getKey();
                titles[k] = label;
                boolean isNew = withReference && reference != null && counts[0] == 0;
                boolean isGone = withReference && reference != null && counts[1] == 0;
                legend.add(new Legend("k" + k, CategoryBars.shorten(label), DisplayNumbers.percent(shareOf(counts[1],
                        curRows)), isNew ? "new" : isGone ? "gone" : null));
            }
        }
        titles[drawn] = (entries.size() - drawn) + " other " + IntegrityView.plural(entries.size() - drawn, "value",
                "values");
        return new Shares(reference == null ? null : segments("reference", refShares, titles, drawn),
                segments("current", curShares, titles, drawn), legend, entries.size() - drawn, (reference == null ? "" : "Reference and current")
                        + " shares of the most frequent values");
    }

    private static void addCounts(Map<String, long[]> byLabel, CategoricalStats side, int index) {
        if (side == null) {
            return;
        }
        List<String> labels = side.labels();
        long[] counts = side.counts();
        for (int i = 0; i < counts.length; i++) {
            byLabel.computeIfAbsent(labels.get(i), k -> new long[2])[index] += counts[i];
        }
    }

    private static List<Segment> segments(String side, double[] shares, String[] titles, int drawn) {
        List<Segment> out = new ArrayList<>();
        double at = 0;
        for (int k = 0; k < shares.length; k++) {
            if (shares[k] <= 0) {
                continue;
            }
            double w = BAR_WIDTH * shares[k];
            out.add(new Segment(DisplayNumbers.coordinate(at), DisplayNumbers.coordinate(Math.max(w, 0.6)),
                    k < drawn ? "k" + k : "ko", side + ": " + titles[k] + ", " + DisplayNumbers.percent(shares[k])));
            at += w;
        }
        return out;
    }

    private static double shareOf(long count, int rows) {
        return rows == 0 ? 0 : (double) count / rows;
    }

    private static String width(double share, double full) {
        if (!(share > 0)) {
            return "0";
        }
        return DisplayNumbers.coordinate(Math.max(0.8, full * Math.min(1, share)));
    }

    private static String count(long n) {
        return DisplayNumbers.count(n);
    }

    private static String countAndShare(long count, double share) {
        return DisplayNumbers.count(count) + " (" + DisplayNumbers.percent(share) + ")";
    }

    private static String perRow(long count, double share) {
        return DisplayNumbers.count(count) + " (" + DisplayNumbers.score(share) + " per row)";
    }
}
