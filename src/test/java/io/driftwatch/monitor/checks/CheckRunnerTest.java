package io.driftwatch.monitor.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.data.ColumnType;
import io.driftwatch.drift.ColumnDrift;
import io.driftwatch.io.SchemaMismatchException;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.report.CheckReport;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckRunnerTest {
    private static final CheckRunner RUNNER = CheckRunner.withCores();
    private static final Path REF = Path.of("examples/bike-sharing/reference.csv");
    private static final Path CUR = Path.of("examples/bike-sharing/current.csv");

    @AfterAll
    static void closeRunner() {
        RUNNER.close();
    }

    @Test
    void ignoredColumnsAreNeitherTestedNorCompared(@TempDir Path dir) throws Exception {
        Path ref = Files.writeString(dir.resolve("ref.csv"), csv("id,x", 60, i -> i + "," + (i % 7)));
        Path cur = Files.writeString(dir.resolve("cur.csv"), csv("x,extra", 60, i -> (i % 7) + ",z" + (i % 3)));
        MonitorDefinition monitor = MonitorDefinition.parse("columns: {ignored: [id, extra]}", "m.yml");

        CheckReport report = RUNNER.run(ref, cur, monitor);

        assertThat(report.drift().columns()).extracting(ColumnDrift::name).containsExactly("x");
        assertThat(report.types()).containsOnlyKeys("x");
    }

    @Test
    void declaredTypeBeatsInference() {
        // hum has more than 10 distinct values, so it would be numerical; declared categorical it gets a
        // categorical test.
        MonitorDefinition monitor = MonitorDefinition.parse("columns: {categorical: [hum]}", "m.yml");
        CheckReport report = RUNNER.run(REF, CUR, monitor);
        ColumnDrift hum = column(report, "hum");
        assertThat(hum.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(hum.result().test()).isEqualTo("chisquare");
    }

    @Test
    void targetInNeitherBatchIsAMismatch() {
        MonitorDefinition monitor = MonitorDefinition.parse("columns: {target: revenue}", "m.yml");
        assertThatThrownBy(() -> RUNNER.run(REF, CUR, monitor)).isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("column 'revenue': expected the target column (columns.target), found it in"
                        + " neither batch");
    }

    @Test
    void declaredColumnInNeitherBatchIsAMismatch() {
        MonitorDefinition monitor = MonitorDefinition.parse("columns: {categorical: [region]}", "m.yml");
        assertThatThrownBy(() -> RUNNER.run(REF, CUR, monitor)).isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("column 'region': expected a categorical column, found it in neither batch");
    }

    @Test
    void whenBothInputsAreUnreadableTheReferenceIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> RUNNER.run(dir.resolve("r.csv"), dir.resolve("c.csv"), MonitorDefinition.empty()))
                .isInstanceOf(UnreadableDatasetException.class).hasMessageEndingWith("r.csv: no such file");
    }

    @Test
    void savedProfileGivesTheSameResultsAsTheRawReference(@TempDir Path dir) throws Exception {
        MonitorDefinition monitor = MonitorDefinition.read(Path.of("examples/bike-sharing/monitor.yml"));
        Path profile = dir.resolve("ref.profile");
        try (OutputStream out = Files.newOutputStream(profile)) {
            CheckRunner.referenceProfile(REF, monitor).writeTo(out);
        }

        CheckReport fromCsv = RUNNER.run(REF, CUR, monitor);
        CheckReport fromProfile = RUNNER.run(profile, CUR, monitor);

        assertThat(fromProfile.referenceBatch().format()).isEqualTo("profile");
        assertThat(fromProfile.drift().dataset()).isEqualTo(fromCsv.drift().dataset());
        assertThat(summary(fromProfile)).isEqualTo(summary(fromCsv));
        assertThat(fromProfile.types()).isEqualTo(fromCsv.types());
    }

    @Test
    void progressHearsEveryStageInOrder() {
        List<String> stages = new ArrayList<>();
        RUNNER.run(REF, CUR, MonitorDefinition.empty(), (description, done, total) -> stages.add(done + "/" + total
                + " " + description));
        assertThat(stages).containsExactly("0/3 reading reference.csv and current.csv",
                "1/3 profiled the reference", "2/3 testing 16 columns", "3/3 done");
    }

    private static List<String> summary(CheckReport report) {
        List<String> out = new ArrayList<>();
        for (ColumnDrift c : report.drift().columns()) {
            out.add(c.name() + " " + c.result().test() + " " + Double.doubleToLongBits(c.result().score()) + " "
                    + c.drifted() + " " + c.newCategories() + " " + c.referenceMissing());
        }
        return out;
    }

    private static ColumnDrift column(CheckReport report, String name) {
        return report.drift().columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static String csv(String header, int rows, java.util.function.IntFunction<String> row) {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            b.append(row.apply(i)).append('\n');
        }
        return b.toString();
    }
}
