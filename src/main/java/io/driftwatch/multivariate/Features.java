package io.driftwatch.multivariate;

import io.driftwatch.analysis.ClassLabel;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The feature columns of a multivariate analysis, checked against the reference once: their names
 * in the order given and how each is encoded ({@link FeatureKind}, from how the reference stores
 * it). {@link #columns} finds them in another table and checks they are stored alike.
 *
 * <p>Thread-safe: immutable.
 */
final class Features {
    private final List<String> names;
    private final FeatureKind[] kinds;

    private Features(List<String> names, FeatureKind[] kinds) {
        this.names = names;
        this.kinds = kinds;
    }

    /**
     * The features {@code names} of {@code reference}.
     *
     * @throws InvalidFeaturesException when no name is given, a name repeats, a column is missing
     *     from the reference, holds dates, or has no value at all
     */
    static Features of(Table reference, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidFeaturesException("no feature columns: a multivariate analysis needs at least one"
                    + " numerical or categorical column");
        }
        Set<String> seen = new HashSet<>();
        FeatureKind[] kinds = new FeatureKind[names.size()];
        for (int f = 0; f < names.size(); f++) {
            String name = names.get(f);
            if (!seen.add(name)) {
                throw new InvalidFeaturesException("feature column '" + name + "' is listed twice");
            }
            Column column = reference.column(name).orElseThrow(() -> new InvalidFeaturesException(
                    "feature column '" + name + "' is not in the reference (its columns: " + columnNames(reference) + ")"));
            kinds[f] = kindOf(column, "reference");
            if (column.length() > 0 && column.missingCount() == column.length()) {
                throw new InvalidFeaturesException("feature column '" + name + "' has no value in the reference"
                        + " (all " + column.length() + " cells are missing): nothing to impute it with; leave it out");
            }
        }
        return new Features(List.copyOf(names), kinds);
    }

    List<String> names() {
        return names;
    }

    int size() {
        return kinds.length;
    }

    FeatureKind kind(int feature) {
        return kinds[feature];
    }

    String name(int feature) {
        return names.get(feature);
    }

    /**
     * The feature columns of {@code table}, in feature order.
     *
     * @param side what the table is, for messages: "reference" or "current batch"
     * @throws InvalidFeaturesException when a feature is missing or stored differently than in the reference
     */
    Column[] columns(Table table, String side) {
        Column[] columns = new Column[kinds.length];
        for (int f = 0; f < kinds.length; f++) {
            String name = names.get(f);
            Column column = table.column(name).orElseThrow(() -> new InvalidFeaturesException(
                    "feature column '" + name + "' is missing from the " + side + " (its columns: "
                            + columnNames(table) + ")"));
            FeatureKind kind = kindOf(column, side);
            if (kind != kinds[f]) {
                throw new InvalidFeaturesException("feature column '" + name + "' is " + describe(kinds[f])
                        + " in the reference but " + describe(kind) + " (" + column.physicalType().describe()
                        + ") in the " + side);
            }
            columns[f] = column;
        }
        return columns;
    }

    /** The labels of a true/false column, as pandas prints them: False sorts before True. */
    private static final String[] BOOLEAN_LABELS = {"False", "True"};

    /**
     * The labels of a categorical feature column: its dictionary, or False and True for a
     * true/false column (codes 0 and 1).
     */
    static String[] labels(Column column) {
        return column instanceof CategoricalColumn categorical ? categorical.dictionary() : BOOLEAN_LABELS.clone();
    }

    /**
     * The label codes of a categorical feature column at {@code rows[from, to)} into {@code out[0, to - from)},
     * {@link CategoricalColumn#MISSING} where missing; a true/false column has code 1 for true.
     */
    static void codes(Column column, int[] rows, int from, int to, int[] out) {
        if (column instanceof CategoricalColumn categorical) {
            for (int i = from; i < to; i++) {
                out[i - from] = categorical.code(rows[i]);
            }
        } else {
            NumericColumn numeric = (NumericColumn) column;
            for (int i = from; i < to; i++) {
                double v = numeric.value(rows[i]);
                out[i - from] = v != v ? CategoricalColumn.MISSING : (v != 0 ? 1 : 0);
            }
        }
    }

    /** Orders labels as Python orders strings: by Unicode code point (Java's compareTo orders UTF-16 units). */
    static int compareLabels(String a, String b) {
        return ClassLabel.compareCodePoints(a, b);
    }

    private static FeatureKind kindOf(Column column, String side) {
        if (column instanceof CategoricalColumn) {
            return FeatureKind.CATEGORICAL;
        }
        PhysicalType type = column.physicalType();
        if (type == PhysicalType.TIMESTAMP) {
            throw new InvalidFeaturesException("feature column '" + column.name() + "' holds dates in the " + side
                    + ": a multivariate analysis encodes numbers and labels only; leave it out or use it to chunk by time");
        }
        if (type == PhysicalType.BOOLEAN) {
            return FeatureKind.CATEGORICAL;
        }
        NumericColumn numeric = (NumericColumn) column;
        if (numeric.infiniteCount() > 0) {
            throw new InvalidFeaturesException("feature column '" + column.name() + "' holds " + numeric.infiniteCount()
                    + " infinite value(s) in the " + side + ": scikit-learn's imputer and scaler reject infinity;"
                    + " clean or drop them");
        }
        return FeatureKind.CONTINUOUS;
    }

    private static String describe(FeatureKind kind) {
        return kind == FeatureKind.CATEGORICAL ? "categorical" : "continuous";
    }

    private static List<String> columnNames(Table table) {
        List<String> names = new ArrayList<>(table.columnCount());
        for (Column column : table.columns()) {
            names.add(column.name());
        }
        return names;
    }
}
