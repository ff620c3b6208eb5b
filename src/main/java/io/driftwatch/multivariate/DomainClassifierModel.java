package io.driftwatch.multivariate;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Chunks;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Table;
import io.driftwatch.stats.InsufficientDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.measure.NominalScale;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import smile.math.MathEx;
import smile.regression.RegressionTree;

/**
 * A {@link DomainClassifier} bound to its reference: evaluates chunks of a current batch, or of
 * the reference itself, by cross-validated ROC AUC (see {@link DomainClassifier} for the method).
 * The folds of one chunk are trained in parallel on the common fork-join pool (one after the other
 * when rows are subsampled, which draws random numbers); each fold's predictions and importances go
 * to their own slots and are combined in fold order, so results do not depend on the number of
 * threads.
 *
 * <p>Thread-safe: immutable (it holds the reference table, which is immutable).
 */
public final class DomainClassifierModel {
    private final DomainClassifier options;
    private final Features features;
    private final Table reference;
    private final Column[] referenceColumns;

    private DomainClassifierModel(DomainClassifier options, Features features, Table reference, Column[] referenceColumns) {
        this.options = options;
        this.features = features;
        this.reference = reference;
        this.referenceColumns = referenceColumns;
    }

    static DomainClassifierModel fit(DomainClassifier options, Table reference, List<String> names) {
        Features features = Features.of(reference, names);
        Column[] columns = features.columns(reference, "reference");
        if (reference.rowCount() < options.folds()) {
            throw new InsufficientDataException("the reference has " + reference.rowCount() + " row(s); the domain"
                    + " classifier's " + options.folds() + " folds need at least " + options.folds());
        }
        return new DomainClassifierModel(options, features, reference, columns);
    }

    /** The feature columns, in order. */
    public List<String> features() {
        return features.names();
    }

    /** The options the model evaluates with. */
    public DomainClassifier options() {
        return options;
    }

    /**
     * Each chunk of {@code current} told apart from the whole reference.
     *
     * @throws InvalidFeaturesException when a feature is missing from {@code current} or stored differently
     * @throws IndexOutOfBoundsException when a chunk holds a row outside {@code current}
     */
    public List<ClassifierChunk> evaluate(Table current, List<? extends Chunks.Chunk> chunks) {
        Column[] currentColumns = features.columns(current, "current batch");
        int referenceRows = reference.rowCount();
        int[] referenceIndex = IntStream.range(0, referenceRows).toArray();
        List<ClassifierChunk> results = new ArrayList<>(chunks.size());
        for (Chunks.Chunk chunk : chunks) {
            int[] rows = checkedRows(chunk, current.rowCount());
            int[] y = new int[referenceRows + rows.length];
            Arrays.fill(y, referenceRows, y.length, 1);
            BaseVector[] x = encode(referenceIndex, currentColumns, rows);
            results.add(crossValidate(chunk, rows.length, x, y));
        }
        return List.copyOf(results);
    }

    /**
     * Each chunk of the reference told apart from the rest of the reference (NannyML's reference
     * results: the chunk's rows are class 1 in place).
     *
     * @throws IndexOutOfBoundsException when a chunk holds a row outside the reference
     */
    public List<ClassifierChunk> evaluateReference(List<? extends Chunks.Chunk> referenceChunks) {
        int referenceRows = reference.rowCount();
        int[] referenceIndex = IntStream.range(0, referenceRows).toArray();
        BaseVector[] x = encode(referenceIndex, null, new int[0]);
        List<ClassifierChunk> results = new ArrayList<>(referenceChunks.size());
        for (Chunks.Chunk chunk : referenceChunks) {
            int[] rows = checkedRows(chunk, referenceRows);
            int[] y = new int[referenceRows];
            for (int row : rows) {
                y[row] = 1;
            }
            results.add(crossValidate(chunk, rows.length, x, y));
        }
        return List.copyOf(results);
    }

    private static int[] checkedRows(Chunks.Chunk chunk, int tableRows) {
        int[] rows = chunk.rows();
        if (rows.length == 0) {
            throw new InsufficientDataException("chunk " + chunk + " has no row: nothing to tell from the reference");
        }
        if (rows[0] < 0 || rows[rows.length - 1] >= tableRows) {
            throw new IndexOutOfBoundsException("chunk " + chunk + " holds rows outside the table of " + tableRows + " rows");
        }
        return rows;
    }

    private ClassifierChunk crossValidate(Chunks.Chunk chunk, int chunkRows, BaseVector[] x, int[] y) {
        int k = options.folds();
        int n = y.length;
        int d = features.size();
        int[] testFold = StratifiedFolds.testFolds(y, k, options.foldAssignment(), options.seed());
        double[] scores = new double[n];
        double[][] importance = new double[k][];
        String response = responseName();
        // With subsampling, Smile draws rows from the training thread's generator, seeded per fold: a
        // thread that helped with another fold's training while waiting inside this one (work
        // stealing) would reseed it mid-fit, so those folds are trained one after the other.
        IntStream folds = IntStream.range(0, k);
        if (options.subsample() >= 1.0) {
            folds = folds.parallel();
        }
        folds.forEach(fold -> importance[fold] = trainFold(fold, testFold, x, y, response, scores));
        double[] total = new double[d];
        for (double[] foldImportance : importance) {
            for (int f = 0; f < d; f++) {
                total[f] += foldImportance[f];
            }
        }
        double sum = 0;
        for (int f = 0; f < d; f++) {
            sum += total[f];
        }
        List<ColumnImportance> columns = new ArrayList<>(d);
        for (int f = 0; f < d; f++) {
            columns.add(new ColumnImportance(features.name(f), sum > 0 ? total[f] / sum : Double.NaN));
        }
        double auroc = RocAuc.of(scores, y);
        double lower = options.lowerThreshold();
        double upper = options.upperThreshold();
        return new ClassifierChunk(chunk, chunkRows, auroc, lower, upper, auroc < lower || auroc > upper, columns);
    }

    /**
     * Trains on every fold but {@code fold} and writes the raw scores of the rows of {@code fold}
     * (Smile's boosted output {@code b + η Σ tree(x)}, whose logistic is the probability) into
     * {@code scores}; returns the fold's column importances.
     */
    private double[] trainFold(int fold, int[] testFold, BaseVector[] x, int[] y, String response, double[] scores) {
        int n = y.length;
        int d = features.size();
        int testCount = 0;
        int trainPositives = 0;
        for (int i = 0; i < n; i++) {
            if (testFold[i] == fold) {
                testCount++;
            } else {
                trainPositives += y[i];
            }
        }
        int[] train = new int[n - testCount];
        int[] test = new int[testCount];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (testFold[i] == fold) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        if (testCount == 0) {
            return new double[d];
        }
        int trainNegatives = train.length - trainPositives;
        if (trainPositives > options.maxTrainingRowsPerClass() || trainNegatives > options.maxTrainingRowsPerClass()) {
            train = sample(train, y, options.maxTrainingRowsPerClass(), options.seed() + fold);
            trainPositives = 0;
            for (int row : train) {
                trainPositives += y[row];
            }
            trainNegatives = train.length - trainPositives;
        }
        if (trainPositives == 0 || trainNegatives == 0) {
            // one class to learn from: every held-out row gets that class's certainty
            double only = trainPositives == 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (int row : test) {
                scores[row] = only;
            }
            return new double[d];
        }
        int[] trainY = new int[train.length];
        for (int i = 0; i < train.length; i++) {
            trainY[i] = y[train[i]];
        }
        BaseVector[] trainColumns = new BaseVector[d + 1];
        BaseVector[] testColumns = new BaseVector[d];
        for (int f = 0; f < d; f++) {
            trainColumns[f] = select(x[f], train);
            testColumns[f] = select(x[f], test);
        }
        trainColumns[d] = IntVector.of(response, trainY);
        synchronized (MathEx.class) { // setSeed mutates MathEx's static seed set unguarded
            MathEx.setSeed(options.seed() + fold);
        }
        GradientTreeBoost model = GradientTreeBoost.fit(Formula.lhs(response), DataFrame.of(trainColumns),
                options.trees(), options.maxLeaves(), options.maxLeaves(), options.minLeafSize(),
                options.learningRate(), options.subsample());
        // Smile's intercept for the logistic loss: ½ log((1 + μ) / (1 − μ)), μ the mean of y in {−1, +1}
        double mu = (double) (trainPositives - trainNegatives) / train.length;
        double intercept = 0.5 * Math.log((1 + mu) / (1 - mu));
        double shrinkage = options.learningRate();
        RegressionTree[] trees = model.trees();
        DataFrame testFrame = DataFrame.of(testColumns);
        for (int i = 0; i < test.length; i++) {
            smile.data.Tuple row = testFrame.get(i);
            double score = intercept;
            for (RegressionTree tree : trees) {
                score += shrinkage * tree.predict(row);
            }
            scores[test[i]] = score;
        }
        return model.importance().clone();
    }

    /**
     * At most {@code cap} rows of each class of {@code rows}, drawn without replacement by a
     * partial Fisher–Yates shuffle seeded with {@code seed}, returned in row order.
     */
    static int[] sample(int[] rows, int[] y, int cap, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] kept = new int[rows.length];
        int count = 0;
        for (int cls = 0; cls < 2; cls++) {
            int[] ofClass = new int[rows.length];
            int m = 0;
            for (int row : rows) {
                if (y[row] == cls) {
                    ofClass[m++] = row;
                }
            }
            int take = Math.min(cap, m);
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(m - i);
                int t = ofClass[i];
                ofClass[i] = ofClass[j];
                ofClass[j] = t;
            }
            System.arraycopy(ofClass, 0, kept, count, take);
            count += take;
        }
        int[] out = Arrays.copyOf(kept, count);
        Arrays.sort(out);
        return out;
    }

    private static BaseVector select(BaseVector column, int[] rows) {
        if (column instanceof DoubleVector doubles) {
            double[] values = doubles.array();
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = values[rows[i]];
            }
            return DoubleVector.of(doubles.field(), out);
        }
        IntVector ints = (IntVector) column;
        int[] values = ints.array();
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return IntVector.of(ints.field(), out);
    }

    /** A name for the target column that no feature has. */
    private String responseName() {
        Set<String> names = new HashSet<>(features.names());
        String name = "domain";
        while (names.contains(name)) {
            name = "_" + name;
        }
        return name;
    }

    /**
     * The feature columns of the reference rows {@code referenceRows} followed by the
     * {@code currentRows} of {@code currentColumns} (none when null), encoded for Smile as the
     * class comment of {@link DomainClassifier} says.
     */
    private BaseVector[] encode(int[] referenceRows, Column[] currentColumns, int[] currentRows) {
        int d = features.size();
        int n = referenceRows.length + currentRows.length;
        BaseVector[] out = new BaseVector[d];
        for (int f = 0; f < d; f++) {
            String name = features.name(f);
            if (features.kind(f) == FeatureKind.CONTINUOUS) {
                double[] values = new double[n];
                NumericColumn ref = (NumericColumn) referenceColumns[f];
                for (int i = 0; i < referenceRows.length; i++) {
                    values[i] = ref.value(referenceRows[i]);
                }
                if (currentColumns != null) {
                    NumericColumn cur = (NumericColumn) currentColumns[f];
                    for (int i = 0; i < currentRows.length; i++) {
                        values[referenceRows.length + i] = cur.value(currentRows[i]);
                    }
                }
                out[f] = DoubleVector.of(name, ranks(values));
            } else {
                out[f] = nominal(name, referenceColumns[f], referenceRows,
                        currentColumns == null ? null : currentColumns[f], currentRows);
            }
        }
        return out;
    }

    /** Each value's rank among the distinct values (0 = least); a missing (NaN) value gets −1. */
    private static double[] ranks(double[] values) {
        int n = values.length;
        double[] distinct = new double[n];
        int m = 0;
        for (double v : values) {
            if (v == v) {
                distinct[m++] = v + 0.0; // -0.0 becomes 0.0
            }
        }
        Arrays.sort(distinct, 0, m);
        int unique = 0;
        for (int i = 0; i < m; i++) {
            if (unique == 0 || distinct[i] != distinct[unique - 1]) {
                distinct[unique++] = distinct[i];
            }
        }
        double[] ranks = new double[n];
        for (int i = 0; i < n; i++) {
            double v = values[i];
            ranks[i] = v == v ? Arrays.binarySearch(distinct, 0, unique, v + 0.0) : -1;
        }
        return ranks;
    }

    /**
     * A nominal column over the labels of both sides, sorted by code point (scikit-learn's
     * {@code OrdinalEncoder} sorts categories), plus one label for missing cells when there are any.
     */
    private static IntVector nominal(String name, Column reference, int[] referenceRows, Column current, int[] currentRows) {
        String[] refLabels = Features.labels(reference);
        String[] curLabels = current == null ? new String[0] : Features.labels(current);
        Set<String> union = new HashSet<>(Arrays.asList(refLabels));
        union.addAll(Arrays.asList(curLabels));
        List<String> levels = new ArrayList<>(union);
        levels.sort(Features::compareLabels);
        Map<String, Integer> level = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            level.put(levels.get(i), i);
        }
        int[] refMap = mapping(refLabels, level);
        int[] curMap = mapping(curLabels, level);
        int n = referenceRows.length + currentRows.length;
        int[] codes = new int[n];
        Features.codes(reference, referenceRows, 0, referenceRows.length, codes);
        if (current != null && currentRows.length > 0) {
            int[] cur = new int[currentRows.length];
            Features.codes(current, currentRows, 0, currentRows.length, cur);
            System.arraycopy(cur, 0, codes, referenceRows.length, cur.length);
        }
        int missingLevel = levels.size();
        boolean anyMissing = false;
        for (int i = 0; i < n; i++) {
            int code = codes[i];
            if (code == CategoricalColumn.MISSING) {
                codes[i] = missingLevel;
                anyMissing = true;
            } else {
                codes[i] = i < referenceRows.length ? refMap[code] : curMap[code];
            }
        }
        if (anyMissing) {
            String missing = "(missing)";
            while (union.contains(missing)) {
                missing = "(" + missing + ")";
            }
            levels.add(missing);
        }
        if (levels.isEmpty()) {
            levels.add("(none)");
        }
        return IntVector.of(new StructField(name, DataTypes.IntegerType, new NominalScale(levels)), codes);
    }

    private static int[] mapping(String[] labels, Map<String, Integer> level) {
        int[] map = new int[labels.length];
        for (int c = 0; c < labels.length; c++) {
            map[c] = level.get(labels[c]);
        }
        return map;
    }

}
