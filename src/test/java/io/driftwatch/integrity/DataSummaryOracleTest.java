package io.driftwatch.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.data.Table;
import io.driftwatch.integrity.DataSummary.CategoricalStats;
import io.driftwatch.integrity.DataSummary.NumericStats;
import io.driftwatch.integrity.DataSummary.ValueStats;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.stats.OracleConformanceTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Evidently 0.7.21's {@code DataSummaryPreset} on every visible oracle case, through the integrity
 * analysis (reference profiled as a check profiles it): every metric of both sides within the
 * tolerances of section 8.3, and every default test (with or without reference) with Evidently's
 * operator, bound and status, in Evidently's order.
 */
class DataSummaryOracleTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    static Stream<DataSummaryCase> cases() {
        return DataSummaryCase.load().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesEvidentlysDataSummary(DataSummaryCase c) {
        IntegrityResult result = run(c);

        assertThat(result.errors()).isEmpty();
        Map<String, Double> actual = new LinkedHashMap<>(flatten("current", result.current()));
        if (c.hasReference()) {
            actual.putAll(flatten("reference", result.reference()));
        } else {
            assertThat(result.reference()).isNull();
        }
        Map<String, Double> expected = c.expectedValues();
        assertThat(actual.keySet()).as("metrics").containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            double[] tol = DataSummaryCase.tolerance(e.getKey());
            OracleConformanceTest.assertClose(actual.get(e.getKey()), e.getValue(), tol[0], tol[1],
                    c.id() + " " + e.getKey());
        }

        List<DataSummaryCase.ExpectedTest> tests = c.expectedTests();
        List<MetricTest> ours = result.metricTests();
        assertThat(ours).extracting(t -> t.metric() + "[" + t.column() + "]/" + t.slot())
                .as("tests, in order")
                .containsExactlyElementsOf(tests.stream().map(t -> t.metric() + "[" + t.column() + "]/" + t.slot())
                        .toList());
        for (int i = 0; i < tests.size(); i++) {
            DataSummaryCase.ExpectedTest want = tests.get(i);
            MetricTest got = ours.get(i);
            String what = c.id() + " test " + want.metric() + "[" + want.column() + "]/" + want.slot();
            assertThat(got.condition().op().label()).as(what + " op").isEqualTo(want.op());
            assertThat(got.condition().isReference()).as(what + " bound kind").isEqualTo(want.reference());
            OracleConformanceTest.assertClose(got.condition().value(), want.bound(), 1e-10, 1e-12, what + " bound");
            OracleConformanceTest.assertClose(got.value(), want.tested(), 1e-10, 1e-12, what + " tested value");
            double tol = got.condition().tolerance();
            boolean either = want.nearBound(got.condition().value() - tol, got.condition().value() + tol);
            if (!either) {
                assertThat(got.status().name()).as(what + " status").isEqualTo(want.status());
            }
        }
    }

    private static IntegrityResult run(DataSummaryCase c) {
        Table current = c.current();
        Optional<ReferenceProfile> reference = c.hasReference()
                ? Optional.of(ReferenceProfile.of(c.reference(), java.util.Set.of(), POOL)) : Optional.empty();
        return IntegrityAnalysis.on(POOL).run(new CheckData(reference, current, c.types()));
    }

    /** A summary in the oracle's flattened keys (see {@link DataSummaryCase}). */
    static Map<String, Double> flatten(String side, DataSummary s) {
        Map<String, Double> out = new LinkedHashMap<>();
        String p = side + "/";
        out.put(p + MetricKeys.ROW_COUNT + "/value", (double) s.rows());
        out.put(p + MetricKeys.COLUMN_COUNT + "/total", (double) s.columnCounts().total());
        out.put(p + MetricKeys.COLUMN_COUNT + "/numerical", (double) s.columnCounts().numerical());
        out.put(p + MetricKeys.COLUMN_COUNT + "/categorical", (double) s.columnCounts().categorical());
        out.put(p + MetricKeys.COLUMN_COUNT + "/datetime", (double) s.columnCounts().datetime());
        out.put(p + MetricKeys.COLUMN_COUNT + "/text", (double) s.columnCounts().text());
        out.put(p + MetricKeys.DUPLICATED_ROW_COUNT + "/value", (double) s.duplicatedRows());
        out.put(p + MetricKeys.DUPLICATED_COLUMNS_COUNT + "/value", (double) s.duplicatedColumns());
        out.put(p + MetricKeys.ALMOST_DUPLICATED_COLUMNS_COUNT + "/value", (double) s.almostDuplicatedColumns());
        out.put(p + MetricKeys.ALMOST_CONSTANT_COLUMNS_COUNT + "/value", (double) s.almostConstantColumns());
        out.put(p + MetricKeys.EMPTY_ROWS_COUNT + "/value", (double) s.emptyRows());
        out.put(p + MetricKeys.EMPTY_COLUMNS_COUNT + "/value", (double) s.emptyColumns());
        out.put(p + MetricKeys.CONSTANT_COLUMNS_COUNT + "/value", (double) s.constantColumns());
        out.put(p + MetricKeys.DATASET_MISSING_VALUE_COUNT + "/count", (double) s.missingCells());
        out.put(p + MetricKeys.DATASET_MISSING_VALUE_COUNT + "/share", s.missingShare());
        for (ValueStats v : s.columns()) {
            String c = "[" + v.column() + "]/";
            out.put(p + MetricKeys.MISSING_VALUE_COUNT + c + "count", (double) v.missing());
            out.put(p + MetricKeys.MISSING_VALUE_COUNT + c + "share", v.missingShare());
            if (v instanceof NumericStats n) {
                out.put(p + MetricKeys.MIN + c + "value", n.min());
                out.put(p + MetricKeys.MAX + c + "value", n.max());
                out.put(p + MetricKeys.MEAN + c + "value", n.mean());
                out.put(p + MetricKeys.STD + c + "value", n.std());
                out.put(p + MetricKeys.QUANTILE_25 + c + "value", n.quantile25());
                out.put(p + MetricKeys.QUANTILE_50 + c + "value", n.quantile50());
                out.put(p + MetricKeys.QUANTILE_75 + c + "value", n.quantile75());
            } else {
                CategoricalStats cat = (CategoricalStats) v;
                long[] counts = cat.counts();
                List<String> labels = new ArrayList<>(cat.labels());
                for (int i = 0; i < counts.length; i++) {
                    out.put(p + MetricKeys.UNIQUE_VALUE_COUNT + c + labels.get(i), (double) counts[i]);
                }
            }
        }
        return out;
    }
}
