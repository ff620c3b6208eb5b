package io.driftwatch.integrity;

import static io.driftwatch.integrity.MetricKeys.COUNT;
import static io.driftwatch.integrity.MetricKeys.SHARE;
import static io.driftwatch.integrity.MetricKeys.VALUE;

import io.driftwatch.analysis.MetricCondition;
import io.driftwatch.analysis.MetricCondition.Op;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.integrity.DataSummary.NumericStats;
import io.driftwatch.integrity.DataSummary.ValueStats;
import java.util.ArrayList;
import java.util.List;

/**
 * Evidently 0.7.21's default tests of {@code DataSummaryPreset} (oracle README, section 8.2), in
 * Evidently's order: the dataset's, then per column in the summary's order.
 *
 * <p>With a reference: row count, duplicated rows, empty rows, the dataset's missing count, and per
 * column the missing count and share and the numeric statistics must lie within ±10 % of the
 * reference's ({@code eq(Reference(relative=0.1))}, both directions: fewer missing values fail too);
 * the column count within ±1e-6; duplicated, almost-constant, empty and constant columns must not
 * exceed the reference's ({@code lte(Reference())}). Without: row and column counts above 0, the
 * other dataset counts and each column's missing count equal to 0. Almost-duplicated columns, value
 * counts and the per-type column counts are never tested.
 *
 * <p>A reference value that is unavailable (no reference summary, or no statistics for that column
 * on the reference side) gives the test status ERROR.
 *
 * <p>Thread-safe: stateless.
 */
final class EvidentlyTests {
    private static final double TEN_PERCENT = 0.1;

    private EvidentlyTests() {
    }

    /** The tests of {@code current} against {@code reference} (null when the reference's summary is unavailable). */
    static List<MetricTest> withReference(DataSummary current, DataSummary reference) {
        List<MetricTest> tests = new ArrayList<>();
        boolean ref = reference != null;
        tests.add(test(MetricKeys.ROW_COUNT, null, VALUE, Op.EQ, TEN_PERCENT, current.rows(),
                ref ? reference.rows() : Double.NaN, ref));
        tests.add(test(MetricKeys.COLUMN_COUNT, null, VALUE, Op.EQ, MetricCondition.DEFAULT_RELATIVE,
                current.columnCounts().total(), ref ? reference.columnCounts().total() : Double.NaN, ref));
        tests.add(test(MetricKeys.DUPLICATED_ROW_COUNT, null, VALUE, Op.EQ, TEN_PERCENT, current.duplicatedRows(),
                ref ? reference.duplicatedRows() : Double.NaN, ref));
        tests.add(test(MetricKeys.DUPLICATED_COLUMNS_COUNT, null, VALUE, Op.LTE, MetricCondition.DEFAULT_RELATIVE,
                current.duplicatedColumns(), ref ? reference.duplicatedColumns() : Double.NaN, ref));
        tests.add(test(MetricKeys.ALMOST_CONSTANT_COLUMNS_COUNT, null, VALUE, Op.LTE, MetricCondition.DEFAULT_RELATIVE,
                current.almostConstantColumns(), ref ? reference.almostConstantColumns() : Double.NaN, ref));
        tests.add(test(MetricKeys.EMPTY_ROWS_COUNT, null, VALUE, Op.EQ, TEN_PERCENT, current.emptyRows(),
                ref ? reference.emptyRows() : Double.NaN, ref));
        tests.add(test(MetricKeys.EMPTY_COLUMNS_COUNT, null, VALUE, Op.LTE, MetricCondition.DEFAULT_RELATIVE,
                current.emptyColumns(), ref ? reference.emptyColumns() : Double.NaN, ref));
        tests.add(test(MetricKeys.CONSTANT_COLUMNS_COUNT, null, VALUE, Op.LTE, MetricCondition.DEFAULT_RELATIVE,
                current.constantColumns(), ref ? reference.constantColumns() : Double.NaN, ref));
        tests.add(test(MetricKeys.DATASET_MISSING_VALUE_COUNT, null, COUNT, Op.EQ, TEN_PERCENT, current.missingCells(),
                ref ? reference.missingCells() : Double.NaN, ref));
        for (ValueStats cur : current.columns()) {
            ValueStats other = ref ? find(reference, cur) : null;
            boolean has = other != null;
            String column = cur.column();
            tests.add(test(MetricKeys.MISSING_VALUE_COUNT, column, COUNT, Op.EQ, TEN_PERCENT, cur.missing(),
                    has ? other.missing() : Double.NaN, has));
            tests.add(test(MetricKeys.MISSING_VALUE_COUNT, column, SHARE, Op.EQ, TEN_PERCENT, cur.missingShare(),
                    has ? other.missingShare() : Double.NaN, has));
            if (cur instanceof NumericStats c) {
                NumericStats r = (NumericStats) other;
                tests.add(test(MetricKeys.MIN, column, VALUE, Op.EQ, TEN_PERCENT, c.min(), has ? r.min() : Double.NaN,
                        has));
                tests.add(test(MetricKeys.MAX, column, VALUE, Op.EQ, TEN_PERCENT, c.max(), has ? r.max() : Double.NaN,
                        has));
                tests.add(test(MetricKeys.MEAN, column, VALUE, Op.EQ, TEN_PERCENT, c.mean(),
                        has ? r.mean() : Double.NaN, has));
                tests.add(test(MetricKeys.STD, column, VALUE, Op.EQ, TEN_PERCENT, c.std(), has ? r.std() : Double.NaN,
                        has));
                tests.add(test(MetricKeys.QUANTILE_25, column, VALUE, Op.EQ, TEN_PERCENT, c.quantile25(),
                        has ? r.quantile25() : Double.NaN, has));
                tests.add(test(MetricKeys.QUANTILE_50, column, VALUE, Op.EQ, TEN_PERCENT, c.quantile50(),
                        has ? r.quantile50() : Double.NaN, has));
                tests.add(test(MetricKeys.QUANTILE_75, column, VALUE, Op.EQ, TEN_PERCENT, c.quantile75(),
                        has ? r.quantile75() : Double.NaN, has));
            }
        }
        return tests;
    }

    /** The tests of {@code current} alone (Evidently's no-reference defaults). */
    static List<MetricTest> withoutReference(DataSummary current) {
        List<MetricTest> tests = new ArrayList<>();
        tests.add(constant(MetricKeys.ROW_COUNT, null, VALUE, Op.GT, current.rows()));
        tests.add(constant(MetricKeys.COLUMN_COUNT, null, VALUE, Op.GT, current.columnCounts().total()));
        tests.add(constant(MetricKeys.DUPLICATED_ROW_COUNT, null, VALUE, Op.EQ, current.duplicatedRows()));
        tests.add(constant(MetricKeys.DUPLICATED_COLUMNS_COUNT, null, VALUE, Op.EQ, current.duplicatedColumns()));
        tests.add(constant(MetricKeys.ALMOST_CONSTANT_COLUMNS_COUNT, null, VALUE, Op.EQ,
                current.almostConstantColumns()));
        tests.add(constant(MetricKeys.EMPTY_ROWS_COUNT, null, VALUE, Op.EQ, current.emptyRows()));
        tests.add(constant(MetricKeys.EMPTY_COLUMNS_COUNT, null, VALUE, Op.EQ, current.emptyColumns()));
        tests.add(constant(MetricKeys.CONSTANT_COLUMNS_COUNT, null, VALUE, Op.EQ, current.constantColumns()));
        tests.add(constant(MetricKeys.DATASET_MISSING_VALUE_COUNT, null, COUNT, Op.EQ, current.missingCells()));
        for (ValueStats cur : current.columns()) {
            tests.add(constant(MetricKeys.MISSING_VALUE_COUNT, cur.column(), COUNT, Op.EQ, cur.missing()));
        }
        return tests;
    }

    /** The reference's statistics of {@code current}'s column, if of the same kind. */
    private static ValueStats find(DataSummary reference, ValueStats current) {
        for (ValueStats s : reference.columns()) {
            if (s.column().equals(current.column()) && s.getClass() == current.getClass()) {
                return s;
            }
        }
        return null;
    }

    private static MetricTest test(String metric, String column, String slot, Op op, double relative, double value,
            double reference, boolean available) {
        MetricCondition condition = MetricCondition.reference(op, reference, relative);
        if (!available) {
            return new MetricTest(metric, column, slot, condition, value, MetricTest.Status.ERROR);
        }
        return MetricTest.critical(metric, column, slot, condition, value);
    }

    private static MetricTest constant(String metric, String column, String slot, Op op, double value) {
        return MetricTest.critical(metric, column, slot, MetricCondition.constant(op, 0), value);
    }
}
