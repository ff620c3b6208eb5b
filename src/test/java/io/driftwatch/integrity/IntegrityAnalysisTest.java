package io.driftwatch.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.integrity.DataSummary.CategoricalStats;
import io.driftwatch.integrity.DataSummary.NumericStats;
import io.driftwatch.integrity.DataSummary.ValueStats;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.profile.ProfileFormats;
import io.driftwatch.profile.ReferenceProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntegrityAnalysisTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void summarisesAReferenceProfileExactlyAsTheSameTableTakenAsCurrentBatch() {
        Table t = mixed();
        DataSummary fromTable = DataSummaries.of(t, types());
        DataSummary fromProfile = DataSummaries.of(ReferenceProfile.of(t), types());
        assertSameSummary(fromProfile, fromTable);
    }

    @Test
    void givesTheSameReferenceSummaryFromTheRawReferenceAsFromItsProfileReadBack() throws IOException {
        Table reference = mixed();
        ReferenceProfile raw = ReferenceProfile.of(reference);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        raw.writeTo(bytes);
        ReferenceProfile saved = ReferenceProfile.readFrom(new ByteArrayInputStream(bytes.toByteArray()), "test");

        assertThat(saved.facts()).isEqualTo(raw.facts());
        IntegrityResult a = IntegrityAnalysis.sequential().run(new CheckData(Optional.of(raw), mixed(), types()));
        IntegrityResult b = IntegrityAnalysis.sequential().run(new CheckData(Optional.of(saved), mixed(), types()));
        assertSameSummary(b.reference(), a.reference());
        assertThat(b.metricTests()).isEqualTo(a.metricTests());
    }

    @Test
    void keepsPandasArithmeticOnInfinities() {
        NumericStats x = (NumericStats) find(DataSummaries.of(mixed(), types()), "x");
        assertThat(x.min()).isEqualTo(-1.5);
        assertThat(x.max()).isEqualTo(INF);
        assertThat(x.mean()).isEqualTo(INF);
        assertThat(x.std()).isNaN(); // inf - inf
        NumericStats both = (NumericStats) find(DataSummaries.of(mixed(), types()), "both");
        assertThat(both.min()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(both.mean()).isNaN();
    }

    @Test
    void labelsNumbersShownAsCategoriesAsEvidentlyDoes() {
        DataSummary s = DataSummaries.of(mixed(), types());
        CategoricalStats flag = (CategoricalStats) find(s, "flag");
        assertThat(flag.labels()).containsExactly("false", "true");
        assertThat(flag.counts()).containsExactly(4, 2);
        CategoricalStats code = (CategoricalStats) find(s, "code");
        assertThat(code.labels()).containsExactly("3", "0", "-2");
        assertThat(code.counts()).containsExactly(3, 2, 1);
        assertThat(s.columns()).extracting(ValueStats::column).containsExactly("cat", "flag", "code", "x", "both");
    }

    @Test
    void runsEvidentlysNoReferenceTestsWithoutReference() {
        IntegrityResult r = IntegrityAnalysis.sequential().run(new CheckData(Optional.empty(), mixed(), types()));
        assertThat(r.reference()).isNull();
        assertThat(r.metricTests()).extracting(MetricTest::metric).startsWith(MetricKeys.ROW_COUNT,
                MetricKeys.COLUMN_COUNT, MetricKeys.DUPLICATED_ROW_COUNT);
        assertThat(r.metricTests()).allMatch(t -> !t.condition().isReference());
        assertThat(r.metricTests()).filteredOn(t -> t.metric().equals(MetricKeys.MISSING_VALUE_COUNT))
                .extracting(MetricTest::column).containsExactly("cat", "flag", "code", "x", "both");
        assertThat(r.metricTests()).filteredOn(t -> t.metric().equals(MetricKeys.DATASET_MISSING_VALUE_COUNT))
                .extracting(MetricTest::status).containsExactly(MetricTest.Status.FAIL); // one missing label
    }

    @Test
    void saysReferenceConditionsNeedAReference() {
        IntegrityResult r = IntegrityAnalysis.sequential()
                .with(IntegrityOptions.defaults().withTests(IntegrityOptions.Tests.REFERENCE))
                .run(new CheckData(Optional.empty(), mixed(), types()));
        assertThat(r.errors()).singleElement().asString().contains("integrity.tests: reference");
        assertThat(r.metricTests()).isEmpty();
    }

    @Test
    void readsAVersionOneProfileAndReportsTheReferenceSummaryAsUnavailable() throws IOException {
        byte[] formatOne = ProfileFormats.versionOne(ReferenceProfile.of(mixed()));
        ReferenceProfile old = ReferenceProfile.readFrom(new ByteArrayInputStream(formatOne), "old.profile");
        assertThat(old.facts()).isEmpty();
        assertThat(old.rowCount()).isEqualTo(6);
        assertThat(((NumericProfile) old.column("x").orElseThrow()).sortedValues()).containsExactly(-1.5, -0.0, 2, 2);

        IntegrityResult r = IntegrityAnalysis.sequential().run(new CheckData(Optional.of(old), mixed(), types()));
        assertThat(r.reference()).isNull();
        assertThat(r.errors()).singleElement().asString().contains("profile format 1")
                .contains("driftwatch profile");
        assertThat(r.metricTests()).isNotEmpty().allMatch(t -> t.status() == MetricTest.Status.ERROR);
        assertThat(r.current().rows()).isEqualTo(6);
    }

    @Test
    void reportsAProfileWhoseFactsCoverOtherColumnsThanTheCheck() {
        ReferenceProfile profile = ReferenceProfile.of(mixed(), Set.of(), Runnable::run);
        Map<String, ColumnType> withoutBoth = new LinkedHashMap<>(types());
        withoutBoth.remove("both"); // the check ignores a column the profile's facts include
        IntegrityResult r = IntegrityAnalysis.sequential().run(new CheckData(Optional.of(profile), mixed(), withoutBoth));
        assertThat(r.errors()).singleElement().asString().contains("the check ignores 'both'");
        assertThat(r.reference()).isNull();

        ReferenceProfile ignoring = ReferenceProfile.of(mixed(), Set.of("both"), Runnable::run);
        IntegrityResult ok = IntegrityAnalysis.sequential().run(new CheckData(Optional.of(ignoring), mixed(),
                withoutBoth));
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.reference().columnCounts().total()).isEqualTo(4);
        assertThat(ok.metricTests()).noneMatch(t -> t.status() == MetricTest.Status.ERROR);
    }

    @Test
    void namesANumericalColumnThatHoldsText() {
        Map<String, ColumnType> types = new LinkedHashMap<>(types());
        types.put("cat", ColumnType.NUMERICAL);
        IntegrityResult r = IntegrityAnalysis.sequential().run(new CheckData(Optional.empty(), mixed(), types));
        assertThat(r.errors()).singleElement().asString()
                .isEqualTo("column 'cat' is numerical but the current batch holds text there: no min, max, mean, std"
                        + " or quantiles");
    }

    @Test
    void failsOnlyTheMissingValueTestsWhenACellWentMissingInTheMiddle() {
        double[] x = new double[20];
        double[] id = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = i + 1;
            id[i] = i + 1;
        }
        double[] withHoles = x.clone();
        withHoles[9] = Double.NaN; // 10 and 11 gone: mean, median and spread barely move
        withHoles[10] = Double.NaN;
        Table reference = Table.of(List.of(numbers("x", PhysicalType.FLOAT, x), numbers("id", PhysicalType.INTEGER, id)));
        Table current = Table.of(List.of(numbers("x", PhysicalType.FLOAT, withHoles),
                numbers("id", PhysicalType.INTEGER, id)));
        Map<String, ColumnType> types = new LinkedHashMap<>();
        types.put("x", ColumnType.NUMERICAL);
        types.put("id", ColumnType.NUMERICAL);
        IntegrityResult r = IntegrityAnalysis.sequential().run(new CheckData(Optional.of(ReferenceProfile.of(reference)),
                current, types));
        assertThat(r.failed()).isTrue();
        assertThat(r.metricTests()).filteredOn(t -> t.status() == MetricTest.Status.FAIL)
                .extracting(t -> t.metric() + "[" + t.column() + "]/" + t.slot())
                .containsExactly("dataset_missing_value_count[null]/count", "missing_value_count[x]/count",
                        "missing_value_count[x]/share");
    }

    // ------------------------------------------------------------------ fixtures

    /** Text, booleans, integers as categories, numbers with ±∞, −0.0 and missing cells. */
    private static Table mixed() {
        return Table.of(List.<Column>of(
                CategoricalColumn.of("cat", "a", "b", "a", null, "a", "c"),
                numbers("flag", PhysicalType.BOOLEAN, 0, 1, 0, 0, 1, 0),
                numbers("code", PhysicalType.INTEGER, 3, 0, -2, 3, -0.0, 3),
                numbers("x", PhysicalType.FLOAT, 2, -1.5, Double.NaN, INF, -0.0, 2),
                numbers("both", PhysicalType.FLOAT, INF, Double.NEGATIVE_INFINITY, 1, 1, 1, 1)));
    }

    private static Map<String, ColumnType> types() {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        types.put("cat", ColumnType.CATEGORICAL);
        types.put("flag", ColumnType.CATEGORICAL);
        types.put("code", ColumnType.CATEGORICAL);
        types.put("x", ColumnType.NUMERICAL);
        types.put("both", ColumnType.NUMERICAL);
        return types;
    }

    private static Column numbers(String name, PhysicalType type, double... values) {
        NumericColumnBuilder b = new NumericColumnBuilder(name, type, values.length);
        for (double v : values) {
            b.append(v);
        }
        return b.build();
    }

    private static ValueStats find(DataSummary s, String column) {
        return s.columns().stream().filter(v -> v.column().equals(column)).findFirst().orElseThrow();
    }

    private static void assertSameSummary(DataSummary actual, DataSummary expected) {
        assertThat(actual).usingRecursiveComparison().ignoringFields("columns").isEqualTo(expected);
        assertThat(actual.columns()).hasSameSizeAs(expected.columns());
        for (int i = 0; i < expected.columns().size(); i++) {
            ValueStats a = actual.columns().get(i);
            ValueStats e = expected.columns().get(i);
            if (e instanceof CategoricalStats c) {
                CategoricalStats ac = (CategoricalStats) a;
                assertThat(ac.column()).isEqualTo(c.column());
                assertThat(ac.labels()).isEqualTo(c.labels());
                assertThat(ac.counts()).isEqualTo(c.counts());
                assertThat(ac.missing()).isEqualTo(c.missing());
            } else {
                assertThat(a).isEqualTo(e); // NaN equals NaN in a record's equals
            }
        }
    }
}
