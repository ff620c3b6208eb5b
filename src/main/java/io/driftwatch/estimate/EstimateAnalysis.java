package io.driftwatch.estimate;

import io.driftwatch.DriftwatchException;
import io.driftwatch.analysis.Analysis;
import io.driftwatch.analysis.CheckData;
import io.driftwatch.analysis.Chunking;
import io.driftwatch.analysis.ClassLabel;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.analysis.ModelTask;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Chunks;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The label-free performance analysis of a check ({@code estimate}): the current batch and the
 * reference's rows (those of the model's columns, and for DLE the features, which the reference
 * profile keeps) are split into chunks with the monitor's rule; CBPE (a classifier with probabilities)
 * or DLE (a regression) is fitted on the reference and estimates each current chunk. Labels in the
 * current batch, where present, give the realized value beside the estimate. What cannot run
 * (no reference, no probabilities, too few rows for the chunks) is an error entry of the section.
 *
 * <p>Label semantics: a binary row is positive when its label equals {@code pos_label} (Python's
 * {@code ==}: a number matches the same number written in text); a multiclass row's class is the
 * {@code probabilities:} key it equals, classes in NannyML's order (sorted: numbers by value, else
 * text by code point). A missing target is an unknown label; reference rows without one are left out
 * of the fit.
 *
 * <p>Thread-safe: immutable; one instance can run many checks at once.
 */
public final class EstimateAnalysis implements Analysis {
    private final ModelSpec spec;
    private final EstimateOptions options;

    private EstimateAnalysis(ModelSpec spec, EstimateOptions options) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The estimate analysis of the model {@code spec} describes, with a monitor's {@code estimate:} options. */
    public static EstimateAnalysis of(ModelSpec spec, EstimateOptions options) {
        return new EstimateAnalysis(spec, options);
    }

    /**
     * The columns whose reference rows this analysis reads, beyond the model's own: for a regression
     * (DLE) the candidate features {@code candidates}, and the timestamp column of period chunks.
     */
    public static List<String> referenceColumns(ModelSpec spec, EstimateOptions options, List<String> candidates) {
        List<String> out = new ArrayList<>(spec.columns());
        if (spec.task() == ModelTask.REGRESSION) {
            out.addAll(candidates);
        }
        if (options.chunks().kind() == Chunking.Kind.PERIOD) {
            out.add(options.chunks().column());
        }
        return List.copyOf(out);
    }

    @Override
    public EstimateResult run(CheckData data) {
        ModelTask task = spec.task();
        long seed = task == ModelTask.REGRESSION ? Dle.DEFAULT_SEED : Cbpe.DEFAULT_SEED;
        Chunking chunking = options.chunks();
        Optional<ReferenceProfile> profile = data.reference();
        if (profile.isEmpty()) {
            return EstimateResult.failed(task, chunking, seed, "estimating performance needs a reference to fit"
                    + " the estimator on and derive the thresholds from; this check has none");
        }
        Optional<Table> kept = profile.get().rows();
        List<String> needed = new ArrayList<>(spec.columns());
        if (chunking.kind() == Chunking.Kind.PERIOD) {
            needed.add(chunking.column());
        }
        List<String> lacking = new ArrayList<>();
        for (String c : needed) {
            if (kept.isEmpty() || kept.get().column(c).isEmpty()) {
                lacking.add(c);
            }
        }
        if (!lacking.isEmpty()) {
            return EstimateResult.failed(task, chunking, seed, "the reference profile keeps no rows of "
                    + (lacking.size() == 1 ? "column '" : "columns '") + String.join("', '", lacking)
                    + "': profile the reference again with this monitor");
        }
        try {
            return task == ModelTask.REGRESSION ? dle(data, kept.get())
                    : cbpe(data.current(), kept.get());
        } catch (DriftwatchException | IllegalArgumentException e) {
            return EstimateResult.failed(task, chunking, seed, e.getMessage());
        }
    }

    /**
     * Each estimated metric realized on the rows of {@code table} whose target is known, as one chunk
     * with NannyML's definitions (those of the realized values beside the estimates): what the labels
     * of a batch, or of a window's predictions labelled later, say the estimates should have been.
     * NaN where a metric is undefined on those rows (a single class, no labelled row); empty when
     * {@code table} has no target column.
     *
     * @param table the model's columns (target, prediction, probabilities) under their names
     * @throws InvalidModelOutputException when a label, prediction or probability is not what the
     *     model's task takes (naming the row)
     */
    public Map<String, Double> realized(Table table) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        if (table.column(spec.target()).isEmpty()) {
            return out;
        }
        String side = "labelled";
        ModelTask task = spec.task();
        double[] values;
        if (task == ModelTask.REGRESSION) {
            double[] actual = values(table, spec.target(), side, false);
            double[] predicted = values(table, spec.prediction(), side, true);
            int[] rows = new int[actual.length];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            values = FittedDle.realized(rows, actual, predicted);
            for (String name : metricNames()) {
                for (DleMetric m : DleMetric.values()) {
                    if (m.key().equals(name)) {
                        out.put(name, values[m.ordinal()]);
                    }
                }
            }
            return out;
        }
        if (!spec.hasProbabilities()) {
            return out;
        }
        if (task == ModelTask.BINARY_CLASSIFICATION) {
            int[] actual = binaryCodes(table, spec.target(), side, true);
            double[] probability = probabilities(table, spec.probability(), side);
            int[] predicted = binaryPredicted(table, probability, side);
            int m = 0;
            for (int a : actual) {
                m += a == Cbpe.UNKNOWN ? 0 : 1;
            }
            int[] a = new int[m];
            int[] p = new int[m];
            double[] s = new double[m];
            for (int i = 0, j = 0; i < actual.length; i++) {
                if (actual[i] != Cbpe.UNKNOWN) {
                    a[j] = actual[i];
                    p[j] = predicted[i];
                    s[j++] = probability[i];
                }
            }
            values = m == 0 ? BinaryCbpe.nans() : CbpeMath.binaryRealized(a, p, s, m);
        } else {
            List<String> classes = sortedClasses(spec.classProbabilities().keySet());
            double[][] probabilities = classProbabilities(table, classes, side);
            int[] actual = classCodes(table, spec.target(), classes, side);
            int[] predicted = classPredicted(table, probabilities, classes, side);
            int[] rows = new int[actual.length];
            int m = 0;
            for (int i = 0; i < actual.length; i++) {
                if (actual[i] != Cbpe.UNKNOWN) {
                    rows[m++] = i;
                }
            }
            values = MulticlassCbpe.realized(rows, m, actual, predicted, probabilities, classes.size());
        }
        for (String name : metricNames()) {
            for (CbpeMetric m : CbpeMetric.values()) {
                if (EstimateOptions.key(m).equals(name)) {
                    out.put(name, values[m.ordinal()]);
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // CBPE

    private EstimateResult cbpe(Table current, Table referenceRows) {
        ModelTask task = spec.task();
        if (!spec.hasProbabilities()) {
            throw new IllegalArgumentException("CBPE estimates a classifier's performance from its probabilities,"
                    + " and the model names none: add model.probabilities");
        }
        Table reference = labelled(referenceRows, spec.target());
        if (reference.rowCount() == 0) {
            throw new IllegalArgumentException("the reference has no row with a known '" + spec.target()
                    + "': CBPE is fitted on labelled rows");
        }
        List<? extends Chunks.Chunk> referenceChunks = options.chunks().split(reference);
        List<? extends Chunks.Chunk> chunks = options.chunks().split(current);
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("the current batch has no chunk to estimate on (no rows"
                    + (options.chunks().kind() == Chunking.Kind.PERIOD ? " with a time in '" + options.chunks().column()
                    + "'" : "") + ")");
        }
        Cbpe cbpe = Cbpe.withDefaults().withCalibration(options.calibration());
        boolean labelled = current.column(spec.target()).isPresent();
        CbpeResult result;
        if (task == ModelTask.BINARY_CLASSIFICATION) {
            int[] refActual = binaryCodes(reference, spec.target(), "reference", true);
            double[] refProbability = probabilities(reference, spec.probability(), "reference");
            int[] refPredicted = binaryPredicted(reference, refProbability, "reference");
            BinaryCbpe fitted = cbpe.fitBinary(refActual, refPredicted, refProbability, referenceChunks);
            double[] probability = probabilities(current, spec.probability(), "current");
            int[] predicted = binaryPredicted(current, probability, "current");
            int[] actual = labelled ? binaryCodes(current, spec.target(), "current", true) : null;
            result = fitted.estimate(predicted, probability, actual, chunks);
        } else {
            List<String> classes = sortedClasses(spec.classProbabilities().keySet());
            double[][] refProbabilities = classProbabilities(reference, classes, "reference");
            int[] refActual = classCodes(reference, spec.target(), classes, "reference");
            int[] refPredicted = classPredicted(reference, refProbabilities, classes, "reference");
            MulticlassCbpe fitted = cbpe.fitMulticlass(refActual, refPredicted, refProbabilities, referenceChunks);
            double[][] probabilities = classProbabilities(current, classes, "current");
            int[] predicted = classPredicted(current, probabilities, classes, "current");
            int[] actual = labelled ? classCodes(current, spec.target(), classes, "current") : null;
            result = fitted.estimate(predicted, probabilities, actual, chunks);
        }
        List<MetricEstimates> metrics = new ArrayList<>();
        for (String name : metricNames()) {
            for (CbpeMetric m : CbpeMetric.values()) {
                if (EstimateOptions.key(m).equals(name)) {
                    MetricEstimates e = result.metric(m);
                    metrics.add(new MetricEstimates(name, e.thresholds(), e.chunks()));
                }
            }
        }
        return new EstimateResult(task, "cbpe", options.chunks(), Chunking.windows(chunks), referenceChunks.size(),
                metrics, result.calibration(), List.of(), result.seed(), List.of());
    }

    private List<String> metricNames() {
        return options.metrics().isEmpty() ? EstimateOptions.metricNames(spec.task()) : options.metrics();
    }

    /** The rows of {@code table} whose {@code target} is known. */
    private static Table labelled(Table table, String target) {
        Column column = table.column(target).orElseThrow();
        if (column.missingCount() == 0) {
            return table;
        }
        int[] rows = new int[table.rowCount() - column.missingCount()];
        int k = 0;
        for (int i = 0; i < table.rowCount(); i++) {
            if (!column.isMissing(i)) {
                rows[k++] = i;
            }
        }
        return Chunks.select(table, rows);
    }

    private Column column(Table table, String name, String side) {
        return table.column(name).orElseThrow(() -> new IllegalArgumentException("the " + side
                + " batch has no column '" + name + "'"));
    }

    /** 1 where the label equals pos_label, 0 where it does not, {@link Cbpe#UNKNOWN} where it is missing. */
    private int[] binaryCodes(Table table, String name, String side, boolean missingIsUnknown) {
        Column column = column(table, name, side);
        ClassLabel pos = spec.effectivePosLabel();
        int n = table.rowCount();
        int[] out = new int[n];
        if (column instanceof NumericColumn num) {
            for (int i = 0; i < n; i++) {
                if (num.isMissing(i)) {
                    out[i] = missing(missingIsUnknown, side, name, i);
                } else {
                    out[i] = pos.kind().isNumeric() && num.value(i) == pos.number() ? 1 : 0;
                }
            }
        } else {
            CategoricalColumn cat = (CategoricalColumn) column;
            String[] dictionary = cat.dictionary();
            int[] positive = new int[dictionary.length];
            for (int d = 0; d < dictionary.length; d++) {
                positive[d] = matches(dictionary[d], pos) ? 1 : 0;
            }
            for (int i = 0; i < n; i++) {
                int code = cat.code(i);
                out[i] = code == CategoricalColumn.MISSING ? missing(missingIsUnknown, side, name, i) : positive[code];
            }
        }
        return out;
    }

    private static int missing(boolean allowed, String side, String name, int row) {
        if (!allowed) {
            throw new InvalidModelOutputException(side + ": '" + name + "' has no value at row " + (row + 1));
        }
        return Cbpe.UNKNOWN;
    }

    /** Python's {@code ==} of a text cell and a label: text by its characters, a number by its value. */
    private static boolean matches(String text, ClassLabel label) {
        if (!label.kind().isNumeric()) {
            return text.equals(label.text());
        }
        try {
            return Double.parseDouble(text.trim()) == label.number();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private int[] binaryPredicted(Table table, double[] probability, String side) {
        if (spec.prediction() != null) {
            return binaryCodes(table, spec.prediction(), side, false);
        }
        double threshold = spec.probasThreshold().orElse(0.5);
        int[] out = new int[probability.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = probability[i] >= threshold ? 1 : 0;
        }
        return out;
    }

    private double[] probabilities(Table table, String name, String side) {
        Column column = column(table, name, side);
        if (!(column instanceof NumericColumn num)) {
            throw new InvalidModelOutputException(side + ": '" + name + "' holds text, not probabilities");
        }
        double[] out = new double[num.length()];
        num.copyValues(out, 0);
        for (int i = 0; i < out.length; i++) {
            if (num.isMissing(i)) {
                throw new InvalidModelOutputException(side + ": '" + name + "' has no probability at row " + (i + 1));
            }
        }
        return out;
    }

    /** The classes in NannyML's order: numbers by value when every class is one, else by code point. */
    static List<String> sortedClasses(Set<String> classes) {
        List<String> out = new ArrayList<>(classes);
        boolean numeric = true;
        for (String c : out) {
            try {
                Double.parseDouble(c);
            } catch (NumberFormatException e) {
                numeric = false;
            }
        }
        if (numeric) {
            out.sort(Comparator.comparingDouble(Double::parseDouble));
        } else {
            out.sort(Comparator.comparing(ClassLabel::ofText)); // Python's order: by code point
        }
        return out;
    }

    private double[][] classProbabilities(Table table, List<String> classes, String side) {
        double[][] out = new double[classes.size()][];
        for (int k = 0; k < classes.size(); k++) {
            out[k] = probabilities(table, spec.classProbabilities().get(classes.get(k)), side);
        }
        return out;
    }

    /** Each row's class code (its index in {@code classes}); a missing label is unknown. */
    private int[] classCodes(Table table, String name, List<String> classes, String side) {
        return classCodes(table, name, classes, side, true);
    }

    private int[] classCodes(Table table, String name, List<String> classes, String side, boolean missingIsUnknown) {
        Column column = column(table, name, side);
        int n = table.rowCount();
        int[] out = new int[n];
        Map<Double, Integer> byNumber = new HashMap<>();
        Map<String, Integer> byText = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            byText.put(classes.get(k), k);
            try {
                byNumber.putIfAbsent(Double.parseDouble(classes.get(k)) + 0.0, k);
            } catch (NumberFormatException e) {
                // a text class matches text cells only
            }
        }
        if (column instanceof NumericColumn num) {
            for (int i = 0; i < n; i++) {
                if (num.isMissing(i)) {
                    out[i] = missing(missingIsUnknown, side, name, i);
                    continue;
                }
                Integer k = byNumber.get(num.value(i) + 0.0);
                if (k == null) {
                    throw notAClass(side, name, i, String.valueOf(num.value(i)), classes);
                }
                out[i] = k;
            }
        } else {
            CategoricalColumn cat = (CategoricalColumn) column;
            String[] dictionary = cat.dictionary();
            int[] remap = new int[dictionary.length];
            for (int d = 0; d < dictionary.length; d++) {
                Integer k = byText.get(dictionary[d]);
                remap[d] = k == null ? -1 : k;
            }
            for (int i = 0; i < n; i++) {
                int code = cat.code(i);
                if (code == CategoricalColumn.MISSING) {
                    out[i] = missing(missingIsUnknown, side, name, i);
                } else if (remap[code] < 0) {
                    throw notAClass(side, name, i, dictionary[code], classes);
                } else {
                    out[i] = remap[code];
                }
            }
        }
        return out;
    }

    private static InvalidModelOutputException notAClass(String side, String name, int row, String value,
            List<String> classes) {
        return new InvalidModelOutputException(side + ": '" + name + "' holds '" + value + "' at row " + (row + 1)
                + ", which is none of the classes model.probabilities names (" + String.join(", ", classes) + ")");
    }

    private int[] classPredicted(Table table, double[][] probabilities, List<String> classes, String side) {
        if (spec.prediction() != null) {
            return classCodes(table, spec.prediction(), classes, side, false);
        }
        int n = table.rowCount();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < probabilities.length; k++) {
                if (probabilities[k][i] > probabilities[best][i]) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // DLE

    private EstimateResult dle(CheckData data, Table referenceRows) {
        Table current = data.current();
        List<String> features = new ArrayList<>();
        List<String> model = spec.columns();
        for (Map.Entry<String, ColumnType> e : data.types().entrySet()) {
            String name = e.getKey();
            if (e.getValue().isTested() && !model.contains(name) && referenceRows.column(name).isPresent()) {
                features.add(name);
            }
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("DLE models the loss from the model's inputs, and the reference profile"
                    + " keeps none of the tested feature columns: profile the reference again with this monitor");
        }
        Table reference = labelled(referenceRows, spec.target());
        List<Column> featureColumns = new ArrayList<>();
        for (String f : features) {
            featureColumns.add(reference.column(f).orElseThrow());
        }
        List<? extends Chunks.Chunk> referenceChunks = options.chunks().split(reference);
        List<? extends Chunks.Chunk> chunks = options.chunks().split(current);
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("the current batch has no chunk to estimate on");
        }
        Set<DleMetric> asked = EnumSet.noneOf(DleMetric.class);
        List<String> names = metricNames();
        for (DleMetric m : DleMetric.values()) {
            if (names.contains(m.key())) {
                asked.add(m);
            }
        }
        FittedDle fitted = Dle.withDefaults().withMetrics(asked).fit(Table.of(featureColumns),
                values(reference, spec.target(), "reference", false), values(reference, spec.prediction(), "reference",
                        true), referenceChunks);
        double[] actual = current.column(spec.target()).isPresent()
                ? values(current, spec.target(), "current", false) : null;
        DleResult result = fitted.estimate(current, values(current, spec.prediction(), "current", true), actual, chunks);
        List<MetricEstimates> metrics = new ArrayList<>();
        for (String name : names) {
            for (DleMetric m : DleMetric.values()) {
                if (m.key().equals(name)) {
                    metrics.add(result.metric(m));
                }
            }
        }
        return new EstimateResult(spec.task(), "dle", options.chunks(), Chunking.windows(chunks),
                referenceChunks.size(), metrics, List.of(), result.features(), result.seed(), List.of());
    }

    /** A regression column's values, NaN where missing (refused when {@code required}). */
    private double[] values(Table table, String name, String side, boolean required) {
        Column column = column(table, name, side);
        if (!(column instanceof NumericColumn num)) {
            throw new InvalidModelOutputException(side + ": '" + name + "' holds text; a regression's "
                    + (name.equals(spec.target()) ? "target" : "prediction") + " is a number");
        }
        double[] out = new double[num.length()];
        for (int i = 0; i < out.length; i++) {
            if (num.isMissing(i)) {
                if (required) {
                    throw new InvalidModelOutputException(side + ": '" + name + "' has no value at row " + (i + 1));
                }
                out[i] = Double.NaN;
            } else {
                out[i] = num.value(i);
            }
        }
        return out;
    }
}
