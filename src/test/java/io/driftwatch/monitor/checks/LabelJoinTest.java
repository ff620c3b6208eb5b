package io.driftwatch.monitor.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.monitor.ConflictException;
import io.driftwatch.store.JoinedPredictions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LabelJoin}: a posted batch folded to one label per id (repeats counted, contradictions
 * refused naming the first row that contradicts), and the distinct ids sorted by what the store's
 * join found for them: unknown, duplicate, conflicting or new, each window's new rows in batch order.
 */
class LabelJoinTest {
    private static final Instant LOGGED = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant RECEIVED = Instant.parse("2026-03-03T12:00:00Z");

    private static PostedLabels posted(String... idsAndLabels) {
        int n = idsAndLabels.length / 2;
        String[] ids = new String[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = idsAndLabels[2 * i];
            labels[i] = idsAndLabels[2 * i + 1];
        }
        return new PostedLabels(ids, labels, n);
    }

    /** A join row: the staged id's distinct position, its prediction's check and position, the stored label. */
    private record Row(int staged, String check, int position, String stored) {
    }

    private static JoinedPredictions joined(Row... rows) {
        int n = rows.length;
        int[] staged = new int[n];
        String[] checks = new String[n];
        int[] positions = new int[n];
        double[] values = new double[n];
        String[] stored = new String[n];
        for (int i = 0; i < n; i++) {
            staged[i] = rows[i].staged();
            checks[i] = rows[i].check();
            positions[i] = rows[i].position();
            values[i] = rows[i].position() * 10.0;
            stored[i] = rows[i].stored();
        }
        return new JoinedPredictions(n, staged, checks, positions, new String[n], values, new double[n],
                new String[n], new long[n], stored, new long[n]);
    }

    private static int distinct(LabelJoin.Distinct d, String id) {
        return Arrays.asList(d.ids()).subList(0, d.size()).indexOf(id);
    }

    @Test
    void foldsRepeatedIdsWithTheSameLabelAndSortsTheIds() {
        LabelJoin.Distinct d = LabelJoin.distinct(posted("r2", "1", "r1", "0", "r2", "1", "r3", "1", "r1", "0"));

        assertThat(Arrays.copyOf(d.ids(), d.size())).containsExactly("r1", "r2", "r3");
        assertThat(Arrays.copyOf(d.labels(), d.size())).containsExactly("0", "1", "1");
        assertThat(Arrays.copyOf(d.firstRows(), d.size())).containsExactly(1, 0, 3);
        assertThat(d.distinctOfRow()).containsExactly(1, 0, 1, 2, 0);
        assertThat(d.repeats()).isEqualTo(2);
    }

    @Test
    void refusesABatchThatGivesAnIdTwoLabelsNamingTheFirstRowThatContradicts() {
        PostedLabels batch = posted("b", "1", "a", "0", "a", "0", "b", "0", "a", "1");

        assertThatThrownBy(() -> LabelJoin.distinct(batch))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("row id 'b' is labelled '0' at data row 4")
                .hasMessageContaining("gave it '1' at data row 1")
                .hasMessageContaining("nothing of this request was stored");
    }

    @Test
    void sortsEachIdByWhatTheJoinFoundAndGathersEachWindowsNewRowsInBatchOrder() {
        // batch order: new (in w1 and w2), unknown, duplicate, new (w1), unknown again
        LabelJoin.Distinct d = LabelJoin.distinct(posted("n1", "1", "u1", "0", "dup", "1", "n2", "0", "u1", "0"));
        int n1 = distinct(d, "n1");
        int n2 = distinct(d, "n2");
        int u1 = distinct(d, "u1");
        int dup = distinct(d, "dup");
        JoinedPredictions joined = joined(new Row(n2, "w1", 7, null), new Row(u1, null, 0, null),
                new Row(n1, "w1", 3, null), new Row(dup, "w1", 5, "1"), new Row(n1, "w2", 0, null));

        LabelJoin.Outcome outcome = LabelJoin.classify(d, joined, 20);

        assertThat(Arrays.copyOf(outcome.newIds(), outcome.newCount())).containsExactly("n1", "n2");
        assertThat(Arrays.copyOf(outcome.newLabels(), outcome.newCount())).containsExactly("1", "0");
        assertThat(outcome.unknown()).as("rows, not ids").isEqualTo(2);
        assertThat(outcome.unknownIds()).containsExactly("u1");
        assertThat(outcome.windows().keySet()).containsExactlyInAnyOrder("w1", "w2");
        JoinedPredictions w1 = LabelJoin.window(joined, outcome.windows().get("w1"), d, LOGGED, RECEIVED);
        assertThat(w1.size()).as("the duplicate labels nothing new").isEqualTo(2);
        assertThat(Arrays.copyOf(w1.predictionPositions(), 2)).containsExactly(3, 7);
        assertThat(Arrays.copyOf(w1.labels(), 2)).containsExactly("1", "0");
        assertThat(Arrays.copyOf(w1.predictedValues(), 2)).containsExactly(30.0, 70.0);
        assertThat(w1.loggedAtMillis()).containsOnly(LOGGED.toEpochMilli());
        assertThat(w1.receivedAtMillis()).containsOnly(RECEIVED.toEpochMilli());
    }

    @Test
    void refusesALabelThatContradictsAStoredOneNamingTheFirstSuchRowOfTheBatch() {
        LabelJoin.Distinct d = LabelJoin.distinct(posted("late", "1", "early", "0", "fine", "1"));
        JoinedPredictions joined = joined(new Row(distinct(d, "early"), "w1", 0, "1"),
                new Row(distinct(d, "late"), "w1", 1, "0"), new Row(distinct(d, "fine"), "w1", 2, "1"));

        assertThatThrownBy(() -> LabelJoin.classify(d, joined, 20))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("row id 'late' is labelled '1' at data row 1")
                .hasMessageContaining("it has the label '0' already");
    }

    @Test
    void listsAtMostTheAskedNumberOfUnknownIdsInTheBatchsOrder() {
        List<String> batch = new ArrayList<>();
        for (int i = 30; i > 0; i--) {
            batch.add("u" + i);
            batch.add("0");
        }
        LabelJoin.Distinct d = LabelJoin.distinct(posted(batch.toArray(String[]::new)));
        Row[] rows = new Row[d.size()];
        for (int u = 0; u < d.size(); u++) {
            rows[u] = new Row(u, null, 0, null);
        }

        LabelJoin.Outcome outcome = LabelJoin.classify(d, joined(rows), 3);

        assertThat(outcome.unknown()).isEqualTo(30);
        assertThat(outcome.unknownIds()).containsExactly("u30", "u29", "u28");
        assertThat(outcome.newCount()).isZero();
        assertThat(outcome.windows()).isEmpty();
    }
}
