package io.driftwatch.notify;

import io.driftwatch.data.ColumnType;
import java.util.Comparator;
import java.util.Objects;

/**
 * One drifted column as an alert lists it. The monitor layer builds it from a check's column
 * verdict ({@code ColumnDrift} and its test result); this package does not read test results itself.
 *
 * <p>Thread-safe: immutable.
 *
 * @param name the column (user data: channels escape it)
 * @param type numerical or categorical
 * @param test the registry name of the test that ran ({@code ks}, {@code psi}…)
 * @param scoreKind whether a smaller score (p-value) or a bigger one (distance) means more drift
 * @param score the drift score exactly as the check reported it
 * @param threshold the threshold the verdict was decided with
 * @param strength how strongly the column drifted, as the check measured it ({@code
 *     ColumnDrift.strength()}: 1 at the threshold, larger is more drift, the same measure the report,
 *     the CLI table and the dashboard rank by); alerts list columns by it
 */
public record DriftedColumn(String name, ColumnType type, String test, ScoreKind scoreKind, double score,
        double threshold, double strength) {

    /** Whether {@link #score} is a p-value or a distance; mirrors the {@code stats} enum of that name. */
    public enum ScoreKind {
        /** Smaller means more drift; drift below the threshold. */
        P_VALUE("p-value"),
        /** Bigger means more drift; drift above the threshold. */
        DISTANCE("distance");

        private final String label;

        ScoreKind(String label) {
            this.label = label;
        }

        /** How alerts name the score: {@code p-value} or {@code distance}. */
        public String label() {
            return label;
        }
    }

    /**
     * Orders columns by {@link #strength}, most drifted first (an undefined strength last), then by
     * name so the order is stable.
     */
    public static final Comparator<DriftedColumn> MOST_DRIFTED_FIRST =
            Comparator.comparingDouble((DriftedColumn c) -> -c.strength).thenComparing(DriftedColumn::name);

    public DriftedColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(scoreKind, "scoreKind");
    }
}
