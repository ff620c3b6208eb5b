package io.driftwatch.multivariate;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Chunks;
import io.driftwatch.data.Column;
import io.driftwatch.data.Parallelism;
import io.driftwatch.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The same inputs give identical results (every double bit for bit: records compare doubles with
 * {@link Double#compare}) across runs and across thread counts. Parallel streams started inside a
 * {@link ForkJoinPool} run in that pool, Smile's included, so a pool of one thread runs everything
 * on one thread.
 */
class DeterminismTest {

    @Test
    void reconstructionResultsAreIdenticalAcrossRunsAndThreadCounts() throws Exception {
        Table reference = withLabels(CorrelatedNormals.table(20_000, 5, 0.8, 11));
        Table current = withLabels(CorrelatedNormals.table(30_000, 5, 0.2, 12));
        List<String> features = List.of("a", "b", "n2", "n3", "n4", "label");
        Supplier<List<ReconstructionChunk>> run = () -> PcaReconstruction.withDefaults()
                .fit(reference, features, Chunks.byRows(reference, 5_000))
                .evaluate(current, Chunks.byRows(current, 10_000));
        List<ReconstructionChunk> first = run.get();
        assertThat(run.get()).isEqualTo(first);
        assertThat(inPool(1, run)).isEqualTo(first);
        assertThat(inPool(3, run)).isEqualTo(first);
        assertThat(PcaReconstruction.withDefaults().withParallelism(Parallelism.SINGLE_THREAD)
                .fit(reference, features, Chunks.byRows(reference, 5_000))
                .evaluate(current, Chunks.byRows(current, 10_000))).isEqualTo(first);
        assertThat(first).anyMatch(ReconstructionChunk::alert);
    }

    @Test
    void classifierResultsAreIdenticalAcrossRunsAndThreadCountsWithEveryRandomDraw() throws Exception {
        Table reference = withLabels(CorrelatedNormals.table(1_000, 3, 0.8, 21));
        Table current = withLabels(CorrelatedNormals.table(600, 3, 0.0, 22));
        List<String> features = List.of("a", "b", "n2", "label");
        DomainClassifier options = DomainClassifier.withDefaults().withTrees(10).withSubsample(0.7)
                .withMaxTrainingRowsPerClass(400).withFoldAssignment(FoldAssignment.SHUFFLED).withSeed(99);
        Supplier<List<ClassifierChunk>> run = () -> {
            DomainClassifierModel model = options.fit(reference, features);
            List<ClassifierChunk> all = new ArrayList<>(model.evaluate(current, Chunks.byRows(current, 300)));
            all.addAll(model.evaluateReference(Chunks.byRows(reference, 500)));
            return all;
        };
        List<ClassifierChunk> first = run.get();
        assertThat(run.get()).isEqualTo(first);
        assertThat(inPool(1, run)).isEqualTo(first);
        assertThat(inPool(3, run)).isEqualTo(first);
        assertThat(first.get(0).alert()).isTrue();
    }

    private static <T> T inPool(int threads, Supplier<T> task) throws InterruptedException, ExecutionException {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(task::get).get();
        } finally {
            pool.shutdown();
        }
    }

    /** The table plus a categorical column "label" (a few labels, some missing) derived from column a. */
    private static Table withLabels(Table table) {
        int n = table.rowCount();
        String[] labels = new String[n];
        io.driftwatch.data.NumericColumn a = (io.driftwatch.data.NumericColumn) table.column("a").orElseThrow();
        for (int i = 0; i < n; i++) {
            double v = a.value(i);
            labels[i] = i % 17 == 0 ? null : v < -0.5 ? "low" : v < 0.5 ? "mid" : "high";
        }
        List<Column> columns = new ArrayList<>(table.columns());
        columns.add(CategoricalColumn.of("label", labels));
        return Table.of(columns);
    }
}
