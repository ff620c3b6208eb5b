package io.driftwatch.drift;

import io.driftwatch.data.ColumnType;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.profile.CategoricalSketch;
import io.driftwatch.profile.ColumnSketch;
import io.driftwatch.profile.NumericSketch;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.stats.ColumnKind;
import io.driftwatch.stats.FrequencySummary;
import io.driftwatch.stats.QuantileSummary;
import io.driftwatch.stats.SketchSample;
import io.driftwatch.stats.SketchTest;
import io.driftwatch.stats.ScoreKind;
import io.driftwatch.stats.SketchTestResult;
import io.driftwatch.stats.SketchTests;
import io.driftwatch.stats.TestResult;
import io.driftwatch.stats.Verdict;
import io.driftwatch.DriftwatchException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Data drift between two {@link SketchProfile}s: per column, the sketch form of the test Evidently's
 * automatic choice or the monitor names, a three-way verdict, and the dataset verdict. What applies
 * of the exact {@link DriftAnalysis} (docs/sketches.md, "check --sketch"):
 * <ul>
 *   <li>column types: declared types win; otherwise Evidently's rules from the <em>current</em>
 *       profile, as {@code io.driftwatch.io.TypeInference} applies them to a table: a float column is
 *       numerical; an integer column is categorical with at most 10 distinct values (known when its
 *       sketch keeps exact value counts), else numerical; a boolean column categorical; a date column
 *       is not tested; a text column is categorical when its distinct labels are at most half its
 *       non-missing cells, else text (not tested); a text column past the profile's exact label limit,
 *       whose distinct count the sketch does not know, is text unless declared categorical;</li>
 *   <li>the automatic test: {@link TestSelection} on the exact reference count and the distinct values
 *       in the union where both sketches know them exactly (value or label counts); otherwise more
 *       than five distinct values are taken, as a sketch that stopped counting values exactly has
 *       seen more than {@link io.driftwatch.profile.SketchSettings#exactValues()};</li>
 *   <li>methods and thresholds: the monitor's ({@code method}, {@code num_method}, per column…); a
 *       test without a sketch form ({@link SketchTests}) is an error entry for that column;</li>
 *   <li>not applied: multiple-testing correction and PSI binning options (the exact check's);</li>
 *   <li>dataset drift: the share of tested columns whose verdict is {@link Verdict#DRIFT}, against the
 *       monitor's drift share. An {@link Verdict#UNDECIDED} column counts as not drifted (the
 *       verdict an exact check would give cannot be known from the sketches) and is listed.</li>
 * </ul>
 *
 * <p>{@link #run} gives the sketch results as they are (the command line's table and {@code sketch} JSON
 * document); {@link #section} gives them as the drift section of a check (the service's checks on sketch
 * profiles, recorded, rendered and alerted on like any check).
 *
 * <p>Thread-safe: stateless.
 */
public final class SketchDrift {

    /**
     * One column: its type, and its result or the reason it was not tested ({@code result == null}).
     *
     * @param name the column
     * @param type the type it was tested as
     * @param result the sketch test's result, or null
     * @param error why the column could not be tested, or null
     */
    public record Column(String name, ColumnType type, SketchTestResult result, String error) {
        /** Whether the verdict is drift. */
        public boolean drifted() {
            return result != null && result.verdict() == Verdict.DRIFT;
        }

        /** Whether the verdict is undecided. */
        public boolean undecided() {
            return result != null && result.verdict() == Verdict.UNDECIDED;
        }
    }

    /**
     * A check's drift on sketches.
     *
     * @param dataset the dataset verdict (errors: columns that could not be tested)
     * @param columns the tested columns, in the current profile's order
     * @param undecided the number of columns whose verdict is undecided (not counted as drifted)
     * @param notTested the columns left out, with their type (text, datetime, ignored…)
     */
    public record Result(DatasetDrift dataset, List<Column> columns, int undecided, Map<String, String> notTested) {
        public Result {
            columns = List.copyOf(columns);
            notTested = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notTested));
        }
    }

    private SketchDrift() {
    }

    /**
     * Tests every column of {@code current} that is numerical or categorical against
     * {@code reference}.
     *
     * @param declared the monitor's declared types; they win over inference
     * @param ignored columns not to test
     */
    public static Result run(SketchProfile reference, SketchProfile current, Map<String, ColumnType> declared,
            Set<String> ignored, DriftOptions options) {
        Objects.requireNonNull(options, "options");
        List<Column> columns = new ArrayList<>();
        Map<String, String> notTested = new java.util.LinkedHashMap<>();
        for (ColumnSketch cur : current.columns()) {
            String name = cur.name();
            if (ignored.contains(name)) {
                notTested.put(name, "ignored");
                continue;
            }
            ColumnType type = declared.containsKey(name) ? declared.get(name) : infer(cur);
            if (!type.isTested()) {
                notTested.put(name, type.label());
                continue;
            }
            columns.add(test(reference, current, name, type, options));
        }
        int tested = 0;
        int drifted = 0;
        int undecided = 0;
        int errors = 0;
        for (Column c : columns) {
            if (c.result() == null) {
                errors++;
                continue;
            }
            tested++;
            if (c.drifted()) {
                drifted++;
            } else if (c.undecided()) {
                undecided++;
            }
        }
        double share = tested == 0 ? 0 : (double) drifted / tested;
        DatasetDrift dataset = new DatasetDrift(tested > 0 && share >= options.share(), share, options.share(), tested,
                drifted, errors);
        return new Result(dataset, columns, undecided, notTested);
    }

    /**
     * The drift section of a check on sketch profiles: {@link #run} column by column, each column's
     * {@link ColumnDrift} carrying the sketch test's score and threshold and {@code drifted} only for the
     * verdict {@link Verdict#DRIFT} (an undecided column is not drifted, as the dataset share counts it),
     * with the exact cell and missing counts of both sketches and, where both sides count their labels
     * exactly, the categories that came or went; and the {@link SketchDetails} (intervals, error bounds,
     * verdicts). No multiple-testing correction applies to sketches.
     */
    public static DriftResult section(SketchProfile reference, SketchProfile current, Map<String, ColumnType> declared,
            Set<String> ignored, DriftOptions options) {
        Result result = run(reference, current, declared, ignored, options);
        List<ColumnDrift> columns = new ArrayList<>(result.columns().size());
        for (Column c : result.columns()) {
            columns.add(columnDrift(c, reference.column(c.name()).orElse(null), current.column(c.name()).orElseThrow(),
                    options));
        }
        return new DriftResult(result.dataset(), columns, Correction.NONE, new SketchDetails(result,
                reference.settings(), current.settings(), reference.rowCount(), current.rowCount()));
    }

    private static ColumnDrift columnDrift(Column c, ColumnSketch reference, ColumnSketch current,
            DriftOptions options) {
        SketchTestResult s = c.result();
        TestResult r = s == null ? null : new TestResult(s.test(), s.displayName(), s.scoreKind(), s.score(),
                s.threshold(), s.comparison(), s.verdict() == Verdict.DRIFT, s.statistic(), s.method(), s.histogram());
        double adjusted = r != null && r.scoreKind() == ScoreKind.P_VALUE ? r.score() : Double.NaN;
        long refRows = reference == null ? 0 : reference.rows();
        long refMissing = reference == null ? 0 : reference.missing();
        List<String> added = List.of();
        List<String> gone = List.of();
        if (reference instanceof CategoricalSketch ref && current instanceof CategoricalSketch cur && ref.isExact()
                && cur.isExact()) {
            Set<String> refLabels = labels(ref.summary());
            Set<String> curLabels = labels(cur.summary());
            added = difference(curLabels, refLabels);
            gone = difference(refLabels, curLabels);
        }
        boolean missingShareChanged = refRows > 0 && current.rows() > 0 && Math.abs((double) current.missing()
                / current.rows() - (double) refMissing / refRows) >= options.missingShareThreshold();
        return new ColumnDrift(c.name(), c.type(), r, c.error(), adjusted, c.drifted(), cells(refRows),
                cells(current.rows()), cells(refMissing), cells(current.missing()), added, gone, missingShareChanged);
    }

    /** A count of cells as {@link ColumnDrift} holds it: past {@link Integer#MAX_VALUE}, that (the exact count is in the details). */
    private static int cells(long n) {
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    private static Set<String> labels(FrequencySummary s) {
        Set<String> labels = new java.util.LinkedHashSet<>();
        add(labels, s);
        return labels;
    }

    private static List<String> difference(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>();
        for (String x : a) {
            if (!b.contains(x)) {
                out.add(x);
            }
        }
        java.util.Collections.sort(out);
        return out;
    }

    /**
     * The type of each of {@code current}'s columns not in {@code ignored}, in the profile's order: the declared
     * one, else {@link #infer}red. What a report of a check on sketch profiles lists as the columns' types.
     */
    public static Map<String, ColumnType> types(SketchProfile current, Map<String, ColumnType> declared,
            Set<String> ignored) {
        Map<String, ColumnType> types = new java.util.LinkedHashMap<>();
        for (ColumnSketch c : current.columns()) {
            if (!ignored.contains(c.name())) {
                types.put(c.name(), declared.containsKey(c.name()) ? declared.get(c.name()) : infer(c));
            }
        }
        return types;
    }

    /** Evidently's type of a current column from its sketch (see the class comment). */
    public static ColumnType infer(ColumnSketch sketch) {
        if (sketch instanceof NumericSketch n) {
            return switch (n.physicalType()) {
                case INTEGER -> n.keepsValues() && n.summary().size() <= 10 ? ColumnType.CATEGORICAL
                        : ColumnType.NUMERICAL;
                case BOOLEAN -> ColumnType.CATEGORICAL;
                case TIMESTAMP -> ColumnType.DATETIME;
                default -> ColumnType.NUMERICAL;
            };
        }
        CategoricalSketch c = (CategoricalSketch) sketch;
        long nonMissing = c.rows() - c.missing();
        if (nonMissing == 0) {
            return ColumnType.UNSUPPORTED;
        }
        if (!c.isExact()) {
            return ColumnType.TEXT;
        }
        return c.summary().size() > 0.5 * nonMissing ? ColumnType.TEXT : ColumnType.CATEGORICAL;
    }

    private static Column test(SketchProfile reference, SketchProfile current, String name, ColumnType type,
            DriftOptions options) {
        boolean numerical = type == ColumnType.NUMERICAL;
        if (reference.column(name).isEmpty()) {
            return new Column(name, type, null, "the reference has no column '" + name + "'");
        }
        SketchSample sample;
        try {
            sample = reference.sample(name, current);
        } catch (IllegalArgumentException e) {
            return new Column(name, type, null, e.getMessage());
        }
        if (numerical && sample instanceof SketchSample.Categorical) {
            return new Column(name, type, null, "a numerical column must hold numbers on both sides");
        }
        if (sample.referenceSize() == 0 || sample.currentSize() == 0) {
            return new Column(name, type, null, "no values left to test in the "
                    + (sample.referenceSize() == 0 ? "reference" : "current batch")
                    + " after dropping missing and infinite values");
        }
        String method = options.methodFor(name, numerical);
        if (method == null) {
            method = TestSelection.automatic(numerical, sample.referenceSize(), distinctInUnion(sample));
        }
        SketchTest test = SketchTests.byName(method).orElse(null);
        if (test == null) {
            return new Column(name, type, null, "test '" + method + "' has no sketch form; on sketches: "
                    + String.join(", ", SketchTests.names()));
        }
        if (!test.appliesTo(numerical ? ColumnKind.NUMERICAL : ColumnKind.CATEGORICAL)) {
            return new Column(name, type, null, "test '" + method + "' does not apply to " + type.label() + " columns");
        }
        Double threshold = options.thresholdFor(name, numerical);
        try {
            return new Column(name, type, test.test(sample, threshold != null ? threshold : test.defaultThreshold()),
                    null);
        } catch (DriftwatchException e) {
            return new Column(name, type, null, e.getMessage());
        }
    }

    /** Distinct values in the union of both sides where both know them exactly; else 6 (more than five). */
    private static int distinctInUnion(SketchSample sample) {
        if (sample instanceof SketchSample.Numeric n) {
            QuantileSummary r = n.reference();
            QuantileSummary c = n.current();
            if (!r.hasExactValues() || !c.hasExactValues()) {
                return 6;
            }
            int i = 0;
            int j = 0;
            int distinct = 0;
            while (i < r.size() || j < c.size()) {
                double x = i < r.size() ? r.item(i) : Double.POSITIVE_INFINITY;
                double y = j < c.size() ? c.item(j) : Double.POSITIVE_INFINITY;
                distinct++;
                if (x <= y) {
                    i++;
                }
                if (y <= x) {
                    j++;
                }
            }
            return distinct;
        }
        SketchSample.Categorical c = (SketchSample.Categorical) sample;
        if (!c.reference().isExact() || !c.current().isExact()) {
            return 6;
        }
        Set<String> labels = new HashSet<>();
        add(labels, c.reference());
        add(labels, c.current());
        return labels.size();
    }

    private static void add(Set<String> labels, FrequencySummary s) {
        for (int i = 0; i < s.size(); i++) {
            if (s.estimate(i) > 0) {
                labels.add(s.label(i));
            }
        }
    }
}
