package io.driftwatch.report;

import io.driftwatch.analysis.MetricCondition;
import io.driftwatch.analysis.MetricCondition.Op;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.Section;
import io.driftwatch.analysis.Sections;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.Table;
import io.driftwatch.integrity.DataSummary;
import io.driftwatch.integrity.DataSummary.CategoricalStats;
import io.driftwatch.integrity.DataSummary.ColumnCounts;
import io.driftwatch.integrity.DataSummary.NumericStats;
import io.driftwatch.integrity.IntegrityFinding;
import io.driftwatch.integrity.IntegrityOptions.Tests;
import io.driftwatch.integrity.IntegrityResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Integrity sections written out by hand (the summary of a small batch of hourly bike rentals and of
 * its reference, Evidently's tests on them, reference-derived findings) and check reports carrying
 * them, with or without a drift section and a reference.
 */
final class IntegrityFixtures {
    static final String SCRIPT_VALUE = "<script>alert(3)</script>";
    static final String SCRIPT_COLUMN = "<img src=x onerror=alert(4)>";

    private IntegrityFixtures() {
    }

    static DataSummary reference() {
        return new DataSummary(672, new ColumnCounts(6, 3, 2, 1, 0), 0, 0, 0, 0, 0, 0, 0, 0, List.of(
                new CategoricalStats("weathersit", 672, 0, List.of("Clear", "Mist", "Light snow"), new long[] {417, 175, 80}),
                new CategoricalStats("holiday", 672, 0, List.of("0", "1"), new long[] {648, 24}),
                new NumericStats("temp", 672, 0, 0.02, 0.46, 0.2, 0.07, 0.15, 0.2, 0.25),
                new NumericStats("hum", 672, 0, 0.1, 1.0, 0.58, 0.16, 0.47, 0.58, 0.69),
                new NumericStats("cnt", 672, 0, 1, 412, 96.5, 80.1, 25, 78, 150)));
    }

    /** February: warmer, a weather category never seen, humidity missing in a few hours, rows duplicated. */
    static DataSummary current() {
        return new DataSummary(700, new ColumnCounts(6, 3, 2, 1, 0), 28, 0, 0, 1, 0, 0, 0, 31, List.of(
                new CategoricalStats("weathersit", 700, 0, List.of("Clear", "Mist", "Light snow", "Heavy rain"),
                        new long[] {430, 180, 70, 20}),
                new CategoricalStats("holiday", 700, 0, List.of("0"), new long[] {700}),
                new NumericStats("temp", 700, 0, 0.05, 0.71, 0.31, 0.09, 0.25, 0.31, 0.37),
                new NumericStats("hum", 700, 31, 0.12, 1.0, 0.57, 0.15, 0.47, 0.57, 0.68),
                new NumericStats("cnt", 700, 0, 2, 611, 140.2, 117.3, 36, 113, 218)));
    }

    /** Evidently's tests of {@link #current()} against {@link #reference()}: some pass, some fail. */
    static List<MetricTest> evidentlyTests() {
        List<MetricTest> tests = new ArrayList<>();
        tests.add(MetricTest.critical("row_count", null, "value", MetricCondition.reference(Op.EQ, 672, 0.1), 700));
        tests.add(MetricTest.critical("column_count", null, "value", MetricCondition.reference(Op.EQ, 6), 6));
        tests.add(MetricTest.critical("duplicated_row_count", null, "value", MetricCondition.reference(Op.EQ, 0, 0.1), 28));
        tests.add(MetricTest.critical("almost_constant_columns_count", null, "value",
                MetricCondition.reference(Op.LTE, 0), 1));
        tests.add(MetricTest.critical("dataset_missing_value_count", null, "count",
                MetricCondition.reference(Op.EQ, 0, 0.1), 31));
        tests.add(MetricTest.critical("missing_value_count", "hum", "count", MetricCondition.reference(Op.EQ, 0, 0.1), 31));
        tests.add(MetricTest.critical("missing_value_count", "hum", "share", MetricCondition.reference(Op.EQ, 0, 0.1),
                31 / 700.0));
        tests.add(MetricTest.critical("missing_value_count", "temp", "count", MetricCondition.reference(Op.EQ, 0, 0.1), 0));
        tests.add(MetricTest.critical("max", "temp", "value", MetricCondition.reference(Op.EQ, 0.46, 0.1), 0.71));
        tests.add(MetricTest.critical("mean", "temp", "value", MetricCondition.reference(Op.EQ, 0.2, 0.1), 0.31));
        tests.add(MetricTest.critical("min", "cnt", "value", MetricCondition.reference(Op.EQ, 1, 0.1), 2));
        tests.add(MetricTest.critical("std", "cnt", "value", MetricCondition.reference(Op.EQ, 80.1, 0.1), Double.NaN));
        return tests;
    }

    static IntegrityResult evidently() {
        return new IntegrityResult(Tests.EVIDENTLY, current(), reference(), evidentlyTests(), List.of(), List.of());
    }

    /** Evidently's no-reference tests of {@link #current()}. */
    static IntegrityResult withoutReference() {
        List<MetricTest> tests = List.of(
                MetricTest.critical("row_count", null, "value", MetricCondition.constant(Op.GT, 0), 700),
                MetricTest.critical("duplicated_row_count", null, "value", MetricCondition.constant(Op.EQ, 0), 28),
                MetricTest.critical("missing_value_count", "hum", "count", MetricCondition.constant(Op.EQ, 0), 31));
        return new IntegrityResult(Tests.EVIDENTLY, current(), null, tests, List.of(), List.of());
    }

    /** The reference-derived findings on {@link #current()}, one example value a script tag. */
    static IntegrityResult findings() {
        List<IntegrityFinding> findings = List.of(
                new IntegrityFinding(IntegrityFinding.Condition.OUT_OF_RANGE, "temp", "values in [0.02, 0.46]",
                        "41 values above 0.46, up to 0.71", 41, List.of("0.71", "0.69", "0.52")),
                new IntegrityFinding(IntegrityFinding.Condition.NEW_CATEGORY, "weathersit",
                        "the 3 categories of the reference", "1 new category in 20 rows", 20,
                        List.of("Heavy rain", SCRIPT_VALUE)),
                new IntegrityFinding(IntegrityFinding.Condition.BECAME_CONSTANT, "holiday", "2 distinct values",
                        "a single value, 0", 0, List.of("0")),
                new IntegrityFinding(IntegrityFinding.Condition.DUPLICATED_ROWS, null, "at most 5% duplicated rows",
                        "28 duplicated rows (4%)", 28, List.of()),
                new IntegrityFinding(IntegrityFinding.Condition.COLUMN_NEW, SCRIPT_COLUMN, "no such column",
                        "a column the reference does not have", 0, List.of()));
        return new IntegrityResult(Tests.REFERENCE, current(), reference(), List.of(), findings,
                List.of("almost duplicated columns: not computed past 1,000 columns"));
    }

    /**
     * The bike-sharing example (January 2011 against January 2012, examples/bike-sharing) with an
     * incident injected into the current batch, checked by the real drift and integrity analyses with
     * the example monitor's column mapping: the humidity sensor dropped out for a day (24 hours of
     * {@code hum} empty) and a loader replayed 12 hours (12 rows duplicated).
     */
    static CheckReport bikeSharingIncident() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Path.of("target/bike-sharing-incident.csv");
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("examples/bike-sharing/current.csv"));
        List<String> out = new ArrayList<>(lines);
        for (int i = 200; i < 224; i++) {
            String[] cells = lines.get(i).split(",", -1);
            cells[12] = ""; // hum
            out.set(i, String.join(",", cells));
        }
        out.addAll(lines.subList(500, 512));
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.write(file, out);

        io.driftwatch.io.Datasets.Dataset ref = io.driftwatch.io.Datasets.read(
                java.nio.file.Path.of("examples/bike-sharing/reference.csv"));
        io.driftwatch.io.Datasets.Dataset cur = io.driftwatch.io.Datasets.read(file);
        Map<String, ColumnType> declared = new LinkedHashMap<>();
        for (String c : List.of("temp", "atemp", "hum", "windspeed", "casual", "registered")) {
            declared.put(c, ColumnType.NUMERICAL);
        }
        for (String c : List.of("season", "weathersit", "holiday", "workingday", "weekday", "hr")) {
            declared.put(c, ColumnType.CATEGORICAL);
        }
        declared.put("dteday", ColumnType.DATETIME);
        java.util.Set<String> ignored = java.util.Set.of("instant", "yr", "mnth");
        Map<String, ColumnType> types = new LinkedHashMap<>();
        io.driftwatch.io.TypeInference.infer(cur.table(), declared).forEach((name, type) -> {
            if (!ignored.contains(name)) {
                types.put(name, type);
            }
        });
        io.driftwatch.profile.ReferenceProfile profile = io.driftwatch.profile.ReferenceProfile.of(ref.table(), ignored,
                Runnable::run);
        io.driftwatch.analysis.CheckData data = new io.driftwatch.analysis.CheckData(java.util.Optional.of(profile),
                cur.table(), types);
        Section drift = io.driftwatch.drift.DriftAnalysis.sequential().run(data);
        Section integrity = io.driftwatch.integrity.IntegrityAnalysis.sequential().run(data);
        return new CheckReport("bike-sharing", Sections.of(drift, integrity), profile, cur.table(), types,
                new ColumnRoles("cnt", null, "dteday"),
                new BatchInfo("examples/bike-sharing/reference.csv", "csv", ref.table().rowCount(), ref.sha256()),
                new BatchInfo("current.csv", "csv", cur.table().rowCount(), cur.sha256()), new Timings(21, 9, 30),
                HtmlReportFixtures.CREATED, "0.1.0");
    }

    /** A report with these sections, on tables of a single column (the charts of the drift view need none). */
    static CheckReport report(Section... sections) {
        boolean withReference = false;
        for (Section s : sections) {
            withReference |= !(s instanceof IntegrityResult i) || i.reference() != null;
        }
        Table table = Table.of(List.of(CategoricalColumn.of("weathersit", new String[] {"Clear", "Mist"})));
        Map<String, ColumnType> types = new LinkedHashMap<>();
        types.put("weathersit", ColumnType.CATEGORICAL);
        return new CheckReport("bike-sharing", Sections.of(sections),
                withReference ? io.driftwatch.profile.ReferenceProfile.of(table) : null, table, types,
                ColumnRoles.none(), withReference ? new BatchInfo("reference.csv", "csv", 672, "a".repeat(64)) : null,
                new BatchInfo("current.csv", "csv", 700, "b".repeat(64)), new Timings(12, 3, 15),
                HtmlReportFixtures.CREATED, "0.1.0-test");
    }
}
