package io.driftwatch.estimate;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import smile.data.DataFrame;
import smile.data.measure.NominalScale;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;

/**
 * How DLE turns a batch's feature columns and the model's prediction into Smile's inputs, learnt on
 * the reference and applied unchanged to every batch:
 * <ul>
 *   <li>a numeric column as it is, a missing cell replaced by the column's reference mean (NannyML
 *       hands NaN to LightGBM, which learns a direction for missing values; Smile's trees cannot);</li>
 *   <li>a categorical column as NannyML prepares it for LightGBM: missing cells become the category
 *       {@code NML_missing_value}, the reference's categories are sorted and numbered from 1
 *       ({@code OrdinalEncoder} + 1), a category the reference never had becomes 0; Smile gets the
 *       codes as a nominal column ({@link NominalScale}), so its trees split on "is this category"
 *       instead of on the codes' order (LightGBM's native categorical splits group categories by
 *       their gradient statistics; neither treats the codes as numbers);</li>
 *   <li>the prediction last, as NannyML's {@code feature_column_names + [y_pred]}.</li>
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
final class LossFeatures {
    static final String MISSING_CATEGORY = "NML_missing_value";
    static final String UNKNOWN_CATEGORY = "<unknown>";
    static final String PREDICTION = "__prediction";
    static final String LOSS = "__loss";

    private final List<String> names;
    private final boolean[] categorical;
    private final double[] means;
    private final List<Map<String, Integer>> codes; // per categorical column: label -> code >= 1
    private final NominalScale[] scales;

    private LossFeatures(List<String> names, boolean[] categorical, double[] means, List<Map<String, Integer>> codes,
            NominalScale[] scales) {
        this.names = names;
        this.categorical = categorical;
        this.means = means;
        this.codes = codes;
        this.scales = scales;
    }

    static LossFeatures learn(Table reference) {
        int p = reference.columnCount();
        List<String> names = new ArrayList<>(p);
        boolean[] categorical = new boolean[p];
        double[] means = new double[p];
        List<Map<String, Integer>> codes = new ArrayList<>(p);
        NominalScale[] scales = new NominalScale[p];
        for (int j = 0; j < p; j++) {
            Column column = reference.column(j);
            if (column.name().equals(PREDICTION) || column.name().equals(LOSS)) {
                throw new IllegalArgumentException("a feature cannot be named '" + column.name()
                        + "': DLE uses that name for its own column");
            }
            names.add(column.name());
            if (column instanceof CategoricalColumn cat) {
                categorical[j] = true;
                long[] counts = cat.countsByCode();
                List<String> labels = new ArrayList<>();
                for (int code = 0; code < counts.length; code++) {
                    if (counts[code] > 0) {
                        labels.add(cat.label(code));
                    }
                }
                if (cat.missingCount() > 0 && !labels.contains(MISSING_CATEGORY)) {
                    labels.add(MISSING_CATEGORY);
                }
                String[] sorted = labels.toArray(new String[0]);
                Arrays.sort(sorted); // OrdinalEncoder: categories in sorted order
                Map<String, Integer> map = new HashMap<>();
                String[] levels = new String[sorted.length + 1];
                levels[0] = UNKNOWN_CATEGORY;
                for (int k = 0; k < sorted.length; k++) {
                    map.put(sorted[k], k + 1);
                    levels[k + 1] = sorted[k];
                }
                codes.add(map);
                scales[j] = new NominalScale(levels);
            } else {
                NumericColumn num = (NumericColumn) column;
                double sum = 0;
                long n = 0;
                for (int i = 0; i < num.length(); i++) {
                    double v = num.value(i);
                    if (Double.isFinite(v)) {
                        sum += v;
                        n++;
                    }
                }
                means[j] = n == 0 ? 0 : sum / n;
                codes.add(Map.of());
            }
        }
        return new LossFeatures(List.copyOf(names), categorical, means, codes, scales);
    }

    /** The model inputs' names: the features, then the prediction. */
    List<String> inputs() {
        List<String> out = new ArrayList<>(names);
        out.add(PREDICTION);
        return out;
    }

    /**
     * Smile's data frame of {@code rows} of {@code table} (its columns matched by name) and their
     * predictions, plus the loss column when {@code loss} is not null.
     */
    DataFrame frame(Table table, String side, int[] rows, double[] predicted, double[] loss) {
        int n = rows.length;
        List<BaseVector<?, ?, ?>> vectors = new ArrayList<>(names.size() + 2);
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            Column column = table.column(name).orElseThrow(() -> new InvalidModelOutputException(side
                    + ": no feature column '" + name + "' (DLE was fitted on " + names + ")"));
            if (categorical[j]) {
                if (!(column instanceof CategoricalColumn cat)) {
                    throw new InvalidModelOutputException(side + ": feature '" + name
                            + "' is numeric here but was categorical in the reference");
                }
                Map<String, Integer> map = codes.get(j);
                int[] byCode = new int[cat.cardinality()];
                for (int code = 0; code < byCode.length; code++) {
                    Integer c = map.get(cat.label(code));
                    byCode[code] = c == null ? 0 : c;
                }
                Integer missingCode = map.get(MISSING_CATEGORY);
                int missing = missingCode == null ? 0 : missingCode;
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    int code = cat.code(rows[i]);
                    out[i] = code == CategoricalColumn.MISSING ? missing : byCode[code];
                }
                vectors.add(IntVector.of(new StructField(name, DataTypes.IntegerType, scales[j]), out));
            } else {
                if (!(column instanceof NumericColumn num)) {
                    throw new InvalidModelOutputException(side + ": feature '" + name
                            + "' is categorical here but was numeric in the reference");
                }
                double mean = means[j];
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    double v = num.value(rows[i]);
                    out[i] = Double.isFinite(v) ? v : mean;
                }
                vectors.add(DoubleVector.of(name, out));
            }
        }
        double[] pred = new double[n];
        for (int i = 0; i < n; i++) {
            pred[i] = predicted[rows[i]];
        }
        vectors.add(DoubleVector.of(PREDICTION, pred));
        if (loss != null) {
            vectors.add(DoubleVector.of(LOSS, loss));
        }
        return DataFrame.of(vectors.toArray(new BaseVector<?, ?, ?>[0]));
    }
}
