package io.driftwatch.drift;

import io.driftwatch.DriftwatchException;
import io.driftwatch.analysis.Analysis;
import io.driftwatch.analysis.CheckData;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Parallelism;
import io.driftwatch.data.Table;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.ColumnProfile;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.stats.BinnedTest;
import io.driftwatch.stats.BinningStrategy;
import io.driftwatch.stats.CategoryCounts;
import io.driftwatch.stats.ColumnKind;
import io.driftwatch.stats.ColumnSample;
import io.driftwatch.stats.DriftTest;
import io.driftwatch.stats.DriftTests;
import io.driftwatch.stats.NumericSamples;
import io.driftwatch.stats.ScoreKind;
import io.driftwatch.stats.TestResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs a check: every numerical and categorical column of the current batch against the reference
 * profile, in parallel on the given executor, then the multiple-testing correction and the dataset
 * verdict. Per column, as Evidently does (oracle README, section 4): drop missing values and ±∞ on
 * each side, choose the test (overrides or {@link TestSelection}), take the threshold, run the test.
 * A column that cannot be tested (empty after cleaning, a test that does not apply, too few values)
 * becomes an error entry; the others are still tested.
 *
 * <p>Thread-safe: immutable; one instance can run many checks at once.
 */
public final class DriftAnalysis implements Analysis {
    private final Executor executor;
    private final boolean sequential;
    private final DriftOptions options;

    private DriftAnalysis(Executor executor, boolean sequential, DriftOptions options) {
        this.executor = executor;
        this.sequential = sequential;
        this.options = options;
    }

    /** Columns tested in parallel on {@code executor} (size it to the cores), with Evidently's defaults. */
    public static DriftAnalysis on(Executor executor) {
        return new DriftAnalysis(executor, false, DriftOptions.defaults());
    }

    /** Columns tested one after another on the calling thread, with Evidently's defaults. */
    public static DriftAnalysis sequential() {
        return new DriftAnalysis(Runnable::run, true, DriftOptions.defaults());
    }

    /** This analysis with a monitor's tests, thresholds, correction and drift share. */
    public DriftAnalysis with(DriftOptions newOptions) {
        return new DriftAnalysis(executor, sequential, Objects.requireNonNull(newOptions, "options"));
    }

    /** Checks {@code data.current()} against {@code data.reference()} with this analysis's options. */
    @Override
    public DriftResult run(CheckData data) {
        ReferenceProfile reference = data.reference().orElseThrow(
                () -> new IllegalArgumentException("a drift analysis needs a reference"));
        return run(reference, data.current(), data.types(), options);
    }

    /**
     * Checks {@code current} against {@code reference}.
     *
     * @param types the type of each current column to consider; only numerical and categorical ones
     *     are tested, in {@code current}'s column order
     */
    public DriftResult run(ReferenceProfile reference, Table current, Map<String, ColumnType> types,
            DriftOptions options) {
        List<CompletableFuture<ColumnDrift>> futures = new ArrayList<>();
        int tested = 0;
        for (Column column : current.columns()) {
            ColumnType type = types.get(column.name());
            if (type != null && type.isTested()) {
                tested++;
            }
        }
        // Columns already run in parallel: a column's sort then stays on its own thread.
        Parallelism sort = tested > 1 && !sequential ? Parallelism.SINGLE_THREAD : Parallelism.ALL_CORES;
        SortBuffers buffers = new SortBuffers();
        for (Column column : current.columns()) {
            ColumnType type = types.get(column.name());
            if (type == null || !type.isTested()) {
                continue;
            }
            ColumnProfile profile = reference.column(column.name()).orElse(null);
            futures.add(CompletableFuture.supplyAsync(() -> analyse(profile, column, type, options, sort, buffers),
                    executor));
        }
        List<ColumnDrift> columns = new ArrayList<>(futures.size());
        for (CompletableFuture<ColumnDrift> f : futures) {
            try {
                columns.add(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        columns = correct(columns, options.correction());
        return new DriftResult(dataset(columns, options.share()), columns, options.correction());
    }

    /** A numeric column's sorted values in an array of {@code buffers}, given back once it is tested. */
    private static ColumnDrift analyse(ColumnProfile reference, Column current, ColumnType type, DriftOptions options,
            Parallelism sort, SortBuffers buffers) {
        if (reference instanceof NumericProfile && current instanceof NumericColumn numbers) {
            double[] sorted = numbers.sortedFiniteValues(buffers.take(numbers.finiteCount()), sort);
            try {
                return analyse(reference, current, type, options, sorted);
            } finally {
                buffers.giveBack(sorted);
            }
        }
        return analyse(reference, current, type, options, null);
    }

    /**
     * One column's drift.
     *
     * @param sortedCurrent the current column's finite values sorted, when both sides hold numbers
     */
    private static ColumnDrift analyse(ColumnProfile reference, Column current, ColumnType type, DriftOptions options,
            double[] sortedCurrent) {
        boolean numerical = type == ColumnType.NUMERICAL;
        int refRows = reference == null ? 0 : reference.rows();
        int refMissing = reference == null ? 0 : reference.missing();
        if (reference == null) {
            return error(current, type, refRows, refMissing, "the reference has no column '" + current.name() + "'", options);
        }
        ColumnSample sample;
        if (reference instanceof NumericProfile refNumbers && current instanceof NumericColumn) {
            NumericSamples numbers = NumericSamples.ofSorted(refNumbers.sortedValues(), sortedCurrent);
            sample = numerical ? numbers : numbers.toCategoryCounts();
        } else if (!numerical && reference instanceof CategoricalProfile refLabels
                && current instanceof CategoricalColumn curLabels) {
            sample = countLabels(refLabels, curLabels);
        } else if (numerical) {
            return error(current, type, refRows, refMissing, "a numerical column must hold numbers on both sides", options);
        } else {
            return error(current, type, refRows, refMissing,
                    "the categories are numbers on one side and text on the other", options);
        }
        List<String> added = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        if (sample instanceof CategoryCounts counts) {
            for (int i = 0; i < counts.size(); i++) {
                if (counts.referenceCount(i) == 0) {
                    added.add(counts.label(i));
                } else if (counts.currentCount(i) == 0) {
                    gone.add(counts.label(i));
                }
            }
        }
        if (sample.referenceSize() == 0 || sample.currentSize() == 0) {
            String side = sample.referenceSize() == 0 ? "reference" : "current batch";
            return error(current, type, refRows, refMissing,
                    "no values left to test in the " + side + " after dropping missing and infinite values", options);
        }
        String name = options.methodFor(current.name(), numerical);
        if (name == null) {
            int distinct = sample instanceof CategoryCounts counts ? counts.size()
                    : NumericSamples.countDistinctUnion(((NumericSamples) sample).reference(),
                            ((NumericSamples) sample).current(), TestSelection.DISTINCT_THAT_MATTER);
            name = TestSelection.automatic(numerical, sample.referenceSize(), distinct);
        }
        DriftTest test = DriftTests.byName(name).map(t -> withBinning(t, options)).orElse(null);
        if (test == null) {
            return error(current, type, refRows, refMissing, "unknown test '" + name + "'", options);
        }
        ColumnKind kind = numerical ? ColumnKind.NUMERICAL : ColumnKind.CATEGORICAL;
        if (!test.appliesTo(kind)) {
            return error(current, type, refRows, refMissing,
                    "test '" + name + "' does not apply to " + type.label() + " columns", options);
        }
        Double threshold = options.thresholdFor(current.name(), numerical);
        try {
            TestResult result = test.test(sample, threshold != null ? threshold : test.defaultThreshold());
            double adjusted = result.scoreKind() == ScoreKind.P_VALUE ? result.score() : Double.NaN;
            return new ColumnDrift(current.name(), type, result, null, adjusted, result.drifted(), refRows,
                    current.length(), refMissing, current.missingCount(), added, gone,
                    missingShareChanged(refRows, refMissing, current, options));
        } catch (DriftwatchException e) {
            return new ColumnDrift(current.name(), type, null, e.getMessage(), Double.NaN, false, refRows,
                    current.length(), refMissing, current.missingCount(), added, gone,
                    missingShareChanged(refRows, refMissing, current, options));
        }
    }

    private static ColumnDrift error(Column current, ColumnType type, int refRows, int refMissing, String reason,
            DriftOptions options) {
        return new ColumnDrift(current.name(), type, null, reason, Double.NaN, false, refRows, current.length(),
                refMissing, current.missingCount(), List.of(), List.of(),
                missingShareChanged(refRows, refMissing, current, options));
    }

    /** The binned tests configured with the check's binning; other tests as registered. */
    private static DriftTest withBinning(DriftTest test, DriftOptions options) {
        if (options.binning() == BinningStrategy.EVIDENTLY) {
            return test;
        }
        return test instanceof BinnedTest binned ? binned.binnedWith(options.binning(), options.binCount()) : test;
    }

    private static boolean missingShareChanged(int refRows, int refMissing, Column current, DriftOptions options) {
        if (refRows == 0 || current.length() == 0) {
            return false;
        }
        double delta = Math.abs((double) current.missingCount() / current.length() - (double) refMissing / refRows);
        return delta >= options.missingShareThreshold();
    }

    private static CategoryCounts countLabels(CategoricalProfile reference, CategoricalColumn current) {
        Map<String, Integer> index = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < reference.size(); i++) {
            index.put(reference.label(i), keys.size());
            keys.add(reference.label(i));
        }
        long[] byCode = current.countsByCode();
        int[] codeToKey = new int[byCode.length];
        for (int code = 0; code < byCode.length; code++) {
            String label = current.label(code);
            Integer k = index.get(label);
            if (k == null) {
                k = keys.size();
                index.put(label, k);
                keys.add(label);
            }
            codeToKey[code] = k;
        }
        long[] ref = new long[keys.size()];
        long[] cur = new long[keys.size()];
        for (int i = 0; i < reference.size(); i++) {
            ref[i] = reference.count(i);
        }
        for (int code = 0; code < byCode.length; code++) {
            cur[codeToKey[code]] += byCode[code];
        }
        // Keep only keys seen on at least one side (a dictionary may hold labels of no row).
        int n = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (ref[i] > 0 || cur[i] > 0) {
                keys.set(n, keys.get(i));
                ref[n] = ref[i];
                cur[n] = cur[i];
                n++;
            }
        }
        return CategoryCounts.ofLabels(keys.subList(0, n).toArray(new String[0]), Arrays.copyOf(ref, n),
                Arrays.copyOf(cur, n));
    }

    private static List<ColumnDrift> correct(List<ColumnDrift> columns, Correction correction) {
        if (correction == Correction.NONE) {
            return columns;
        }
        List<Integer> pIndex = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnDrift c = columns.get(i);
            if (c.tested() && c.result().scoreKind() == ScoreKind.P_VALUE && !Double.isNaN(c.result().score())) {
                pIndex.add(i);
            }
        }
        int m = pIndex.size();
        double[] p = new double[m];
        for (int j = 0; j < m; j++) {
            p[j] = columns.get(pIndex.get(j)).result().score();
        }
        double[] adjusted = correction == Correction.BONFERRONI ? bonferroni(p) : benjaminiHochberg(p);
        List<ColumnDrift> out = new ArrayList<>(columns);
        for (int j = 0; j < m; j++) {
            ColumnDrift c = columns.get(pIndex.get(j));
            TestResult r = c.result();
            boolean drifted = r.comparison().drifted(adjusted[j], r.threshold());
            out.set(pIndex.get(j), new ColumnDrift(c.name(), c.type(), r, null, adjusted[j], drifted, c.referenceRows(),
                    c.currentRows(), c.referenceMissing(), c.currentMissing(), c.newCategories(), c.goneCategories(),
                    c.missingShareChanged()));
        }
        return out;
    }

    /** {@code min(1, p·m)}. */
    static double[] bonferroni(double[] p) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Math.min(1.0, p[i] * p.length);
        }
        return out;
    }

    /**
     * Benjamini-Hochberg adjusted p-values: for the i-th smallest of m, {@code min over j >= i of
     * p(j)·m/j}, capped at 1 (as R's {@code p.adjust(method = "BH")}).
     */
    static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] out = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i] * m / rank);
            out[i] = running;
        }
        return out;
    }

    private static DatasetDrift dataset(List<ColumnDrift> columns, double share) {
        int tested = 0;
        int drifted = 0;
        int errors = 0;
        for (ColumnDrift c : columns) {
            if (c.tested()) {
                tested++;
                if (c.drifted()) {
                    drifted++;
                }
            } else {
                errors++;
            }
        }
        double s = tested == 0 ? 0 : (double) drifted / tested;
        return new DatasetDrift(tested > 0 && s >= share, s, share, tested, drifted, errors);
    }
}
