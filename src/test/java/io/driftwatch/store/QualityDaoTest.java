package io.driftwatch.store;

import static io.driftwatch.store.StoreRows.T0;
import static io.driftwatch.store.StoreRows.check;
import static io.driftwatch.store.StoreRows.columns;
import static io.driftwatch.store.StoreRows.dataset;
import static io.driftwatch.store.StoreRows.monitor;
import static io.driftwatch.store.StoreRows.profile;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link QualityDao} and {@link LabelBulk} on the embedded default and on PostgreSQL (where the bulk
 * paths use COPY). The fixture always has a second monitor, "beta", that logged predictions under the
 * same row ids as "alpha" (the monitor under test), at the same times, with labels of its own that
 * differ from alpha's: a query that forgets its {@code monitor_id} (or {@code check_id}) condition
 * finds beta's rows and fails. Row ids hold the characters COPY's text format escapes.
 */
class QualityDaoTest {
    /** Ids with a tab, a newline, a backslash and a carriage return, which COPY must escape. */
    private static final String[] IDS = {"r0", "r\t1", "r\n2", "r\\3", "r\r4", "r5", "r6", "r7"};
    private static final Instant LOGGED = T0.plusSeconds(60);

    /** Monitors alpha (under test) and beta (noise), with one check each at the same time, and another of alpha's. */
    private record Fixture(Jdbi jdbi, QualityDao quality, CheckRow alpha1, CheckRow alpha2, CheckRow beta1) {
        <T> T inTransaction(BiFunction<QualityDao, LabelBulk, T> work) {
            return jdbi.inTransaction(h -> work.apply(h.attach(QualityDao.class), new LabelBulk(h)));
        }
    }

    private static Fixture fixture(StoreBackend backend) {
        Jdbi jdbi = backend.emptied();
        DatasetDao datasets = jdbi.onDemand(DatasetDao.class);
        DatasetRow ref = dataset("reference");
        DatasetRow current = dataset("current");
        datasets.insertIfAbsent(ref);
        datasets.insertIfAbsent(current);
        ProfileRow profile = profile(ref);
        datasets.insertProfileIfAbsent(profile);
        MonitorDao monitors = jdbi.onDemand(MonitorDao.class);
        MonitorRow alpha = monitor("alpha", ref, profile);
        MonitorRow beta = monitor("beta", ref, profile);
        monitors.insertIfAbsent(alpha);
        monitors.insertIfAbsent(beta);
        CheckDao checks = jdbi.onDemand(CheckDao.class);
        CheckRow a1 = check("a1", alpha, current, T0);
        CheckRow a2 = check("a2", alpha, current, T0.plusSeconds(3600));
        CheckRow b1 = check("b1", beta, current, T0);
        for (CheckRow c : List.of(a1, a2, b1)) {
            checks.insert(c, columns(c.id(), 1));
        }
        return new Fixture(jdbi, jdbi.onDemand(QualityDao.class), a1, a2, b1);
    }

    /** Predictions of rows {@code [from, to)} of {@link #IDS}: value i, probability i / 10, label "p" + i for odd rows. */
    private static PredictionBatch predictions(CheckRow check, int from, int to) {
        int n = to - from;
        int[] positions = new int[n];
        String[] ids = new String[n];
        String[] labels = new String[n];
        double[] values = new double[n];
        double[] probability = new double[n];
        for (int i = 0; i < n; i++) {
            int row = from + i;
            positions[i] = row * 2;
            ids[i] = IDS[row];
            labels[i] = row % 2 == 1 ? "p" + row : null;
            values[i] = row == 3 ? Double.NaN : row + (check.monitorId().equals("beta") ? 100 : 0);
            probability[i] = row / 10.0;
        }
        return new PredictionBatch(check.id(), check.monitorId(), LOGGED, n, positions, ids, labels, values,
                probability, null);
    }

    /** Alpha logged rows 0..5 in a1 and 4..7 in a2; beta rows 0..7 and "b-only" in b1, and labelled rows 0..3 "b". */
    private static Fixture logged(StoreBackend backend) {
        Fixture f = fixture(backend);
        f.inTransaction((q, bulk) -> {
            assertThat(bulk.logPredictions(predictions(f.alpha1, 0, 6))).isEqualTo(6);
            bulk.logPredictions(predictions(f.alpha2, 4, 8));
            bulk.logPredictions(predictions(f.beta1, 0, 8));
            bulk.logPredictions(new PredictionBatch("b1", "beta", LOGGED, 1, new int[] {99}, new String[] {"b-only"},
                    null, new double[] {1}, null, null));
            return bulk.insertLabels("beta", new String[] {IDS[0], IDS[1], IDS[2], IDS[3]},
                    new String[] {"b", "b", "b", "b"}, 4, T0.plusSeconds(7200));
        });
        return f;
    }

    /** The rows of {@code joined} as "staged position > check / prediction position / stored label". */
    private static List<String> rows(JoinedPredictions joined) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < joined.size(); r++) {
            rows.add(joined.stagedPositions()[r] + ">" + joined.checkIds()[r]
                    + (joined.checkIds()[r] == null ? "" : "/" + joined.predictionPositions()[r] + "/"
                            + joined.labels()[r]));
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void logsPredictionsInBulkAndReadsBackTheLabelledRowsOfOneWindowInBatchOrder(StoreBackend backend) {
        Fixture f = logged(backend);
        assertThat(f.quality.loggedPredictions("a1")).isEqualTo(6);
        assertThat(f.quality.loggedPredictions("b1")).isEqualTo(9);
        Instant received = T0.plusSeconds(86_400);

        JoinedPredictions rows = f.inTransaction((q, bulk) -> {
            assertThat(bulk.insertLabels("alpha", new String[] {IDS[5], IDS[3], IDS[1]}, new String[] {"1", "1", "0"},
                    3, received)).isEqualTo(3);
            // a label received before its prediction was logged does not label it
            bulk.insertLabels("alpha", new String[] {IDS[0]}, new String[] {"1"}, 1, LOGGED.minusSeconds(1));
            return bulk.labelledRows("a1", 6);
        });

        assertThat(rows.size()).isEqualTo(3);
        assertThat(Arrays.copyOf(rows.predictionPositions(), 3)).containsExactly(2, 6, 10);
        assertThat(Arrays.copyOf(rows.labels(), 3)).containsExactly("0", "1", "1");
        assertThat(Arrays.copyOf(rows.predictedLabels(), 3)).containsExactly("p1", "p3", "p5");
        assertThat(Arrays.copyOf(rows.predictedValues(), 3)).containsExactly(1.0, Double.NaN, 5.0);
        assertThat(Arrays.copyOf(rows.probability(), 3)).containsExactly(0.1, 0.3, 0.5);
        assertThat(rows.loggedAtMillis()[0]).isEqualTo(LOGGED.toEpochMilli());
        assertThat(rows.receivedAtMillis()[2]).isEqualTo(received.toEpochMilli());
        assertThat(f.quality.label("alpha", IDS[1])).contains("0");
        assertThat(f.quality.label("beta", IDS[1])).contains("b");
        assertThat(f.quality.labelCount("alpha")).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void joinsStagedIdsToTheMonitorsOwnPredictionsAndLabelsOnly(StoreBackend backend) {
        Fixture f = logged(backend);
        f.inTransaction((q, bulk) -> bulk.insertLabels("alpha", new String[] {IDS[0]}, new String[] {"1"}, 1,
                T0.plusSeconds(86_400)));

        JoinedPredictions joined = f.inTransaction((q, bulk) -> {
            bulk.stageIds(new String[] {IDS[0], IDS[1], "nobody", IDS[5], "b-only"}, 5);
            return bulk.joinStaged("alpha", 2);
        });

        // r0 labelled "1" by alpha (beta's "b" is beta's); r1 unlabelled for alpha; r5 in both of
        // alpha's checks; "b-only" only beta logged
        assertThat(rows(joined)).containsExactlyInAnyOrder("0>a1/0/1", "1>a1/2/null", "2>null", "3>a1/10/null",
                "3>a2/10/null", "4>null");
        for (int r = 0; r < joined.size(); r++) {
            if (joined.stagedPositions()[r] == 3 && joined.checkIds()[r].equals("a2")) {
                assertThat(joined.predictedValues()[r]).isEqualTo(5.0);
                assertThat(joined.probability()[r]).isEqualTo(0.5);
            }
        }
        JoinedPredictions again = f.inTransaction((q, bulk) -> {
            bulk.stageIds(new String[] {"nobody"}, 1);
            return bulk.joinStaged("alpha", 1);
        });
        assertThat(rows(again)).as("a new transaction stages afresh").containsExactly("0>null");
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void pagesAMonitorsWindowsNewestFirstWithTheirNewestEvaluation(StoreBackend backend) {
        Fixture f = logged(backend);
        f.quality.insertSummary(new CheckQualityRow("a1", false, 0, "{\"w\":\"a1\"}", 6, null));
        f.quality.insertSummary(new CheckQualityRow("a2", true, 4, "{\"w\":\"a2\"}", 4, null));
        f.quality.insertSummary(new CheckQualityRow("b1", false, 8, "{\"w\":\"b1\"}", 8, null));
        Instant day2 = T0.plusSeconds(86_400);
        f.quality.insertEvaluation(new QualityEvaluationRow("e1", "a1", "alpha", day2, 6, 3, 0.5, 1_000, 2_000, true,
                3, "{\"e\":1}", null));
        f.quality.insertEvaluation(new QualityEvaluationRow("e2", "a1", "alpha", day2.plusSeconds(60), 6, 6, 1.0, 1_500,
                3_000, false, 6, "{\"e\":2}", "{\"roc_auc\":0.75}"));
        f.quality.insertEvaluation(new QualityEvaluationRow("eb", "b1", "beta", day2.plusSeconds(120), 8, 8, 1.0, 9, 9,
                true, 8, "{\"e\":\"b\"}", null));

        List<QualityWindowRow> all = f.quality.page("alpha", Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"), "",
                10);
        assertThat(ids(all)).containsExactly("a2", "a1");
        QualityWindowRow a1 = all.get(1);
        assertThat(a1).isEqualTo(new QualityWindowRow("a1", "alpha", T0, null, false, 0, "{\"w\":\"a1\"}", 6, "e2",
                day2.plusSeconds(60), 6, 1.0, 1_500L, 3_000L, false, 6, "{\"e\":2}", "{\"roc_auc\":0.75}"));
        assertThat(all.get(0).evaluationId()).as("a2 has no evaluation yet").isNull();
        assertThat(ids(f.quality.page("alpha", Instant.EPOCH, T0.plusSeconds(3600), "a2", 10))).containsExactly("a1");
        assertThat(ids(f.quality.page("alpha", T0.plusSeconds(1), Instant.parse("9999-01-01T00:00:00Z"), "", 10)))
                .containsExactly("a2");
        assertThat(ids(f.quality.windows(List.of("a1", "b1")))).containsExactlyInAnyOrder("a1", "b1");
        assertThat(f.quality.windows(List.of())).isEmpty();
        assertThat(f.quality.evaluations("a1")).extracting(QualityEvaluationRow::id).containsExactly("e1", "e2");

        assertThat(f.quality.latestMeasured("alpha")).map(QualityWindowRow::checkId).as("a2 was scored when checked")
                .contains("a2");
        f.jdbi.useHandle(h -> h.execute("UPDATE check_model_quality SET rows_scored = 0 WHERE check_id = 'a2'"));
        assertThat(f.quality.latestMeasured("alpha")).map(QualityWindowRow::checkId)
                .as("a2 unscored and unlabelled: the newest measured is a1").contains("a1");
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void deletingAMonitorDeletesItsPredictionsLabelsAndEvaluationsOnly(StoreBackend backend) {
        Fixture f = logged(backend);
        f.inTransaction((q, bulk) -> bulk.insertLabels("alpha", new String[] {IDS[0]}, new String[] {"1"}, 1,
                T0.plusSeconds(86_400)));
        f.quality.insertSummary(new CheckQualityRow("a1", false, 0, "{}", 6, null));
        f.quality.insertSummary(new CheckQualityRow("b1", false, 0, "{}", 9, null));
        f.quality.insertEvaluation(new QualityEvaluationRow("e1", "a1", "alpha", T0.plusSeconds(86_400), 6, 1, 0.2, 1,
                1, false, 1, "{}", null));

        assertThat(f.jdbi.onDemand(MonitorDao.class).delete("alpha")).isEqualTo(1);

        assertThat(f.quality.loggedPredictions("a1")).isZero();
        assertThat(f.quality.loggedPredictions("a2")).isZero();
        assertThat(f.quality.labelCount("alpha")).isZero();
        assertThat(f.quality.summary("a1")).isEmpty();
        assertThat(f.quality.evaluations("a1")).isEmpty();
        assertThat(f.quality.loggedPredictions("b1")).isEqualTo(9);
        assertThat(f.quality.labelCount("beta")).isEqualTo(4);
        assertThat(f.quality.summary("b1")).isPresent();
        assertThat(f.jdbi.onDemand(MonitorDao.class).delete("alpha")).isZero();
    }

    private static List<String> ids(List<QualityWindowRow> rows) {
        List<String> ids = new ArrayList<>();
        for (QualityWindowRow r : rows) {
            ids.add(r.checkId());
        }
        return ids;
    }
}
