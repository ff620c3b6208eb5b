package io.driftwatch.monitor.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.driftwatch.io.ArrowFileWriter;
import io.driftwatch.io.CsvReader;
import io.driftwatch.io.SchemaMismatchException;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A current batch whose columns do not match the reference is a schema mismatch listing every
 * problem, whatever its format: a CSV batch used to fail while it was read, naming only the first
 * declared column its header lacked, while the same columns in Arrow were a schema mismatch.
 */
class SchemaMismatchAcrossFormatsTest {
    private static final CheckRunner RUNNER = CheckRunner.withCores();
    private static final String MONITOR = "columns: {numerical: [temp, hum], text: [note]}";

    @AfterAll
    static void closeRunner() {
        RUNNER.close();
    }

    private static String csv(String header, int rows) {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            b.append(i % 13).append(',').append(i % 7).append(",n").append(i).append('\n');
        }
        return b.toString();
    }

    @Test
    void wrongColumnsInCsvAreTheSameSchemaMismatchAsInArrow(@TempDir Path dir) throws Exception {
        Path reference = Files.writeString(dir.resolve("reference.csv"), csv("temp,hum,note", 80));
        Path currentCsv = Files.writeString(dir.resolve("current.csv"), csv("a,b,c", 80));
        Path currentArrow = dir.resolve("current.arrow");
        ArrowFileWriter.write(CsvReader.read(currentCsv), currentArrow);
        MonitorDefinition monitor = MonitorDefinition.parse(MONITOR, "m.yml");

        Throwable fromCsv = catchThrowable(() -> RUNNER.run(reference, currentCsv, monitor));
        Throwable fromArrow = catchThrowable(() -> RUNNER.run(reference, currentArrow, monitor));

        assertThat(fromCsv).isInstanceOf(SchemaMismatchException.class);
        assertThat(fromArrow).isInstanceOf(SchemaMismatchException.class);
        assertThat(fromCsv.getMessage().replace("current.csv", "current.arrow")).isEqualTo(fromArrow.getMessage());
        assertThat(fromCsv.getMessage()).contains("column 'a': expected it in the reference")
                .contains("column 'temp': expected it in the current batch (as in the reference), found no such"
                        + " column in the current batch")
                .contains("column 'hum'").contains("column 'note'");
    }

    @Test
    void aDeclaredNumericColumnMissingFromACsvBatchIsNamedAsAMismatch(@TempDir Path dir) throws Exception {
        Path reference = Files.writeString(dir.resolve("reference.csv"), csv("temp,hum,note", 80));
        Path current = Files.writeString(dir.resolve("current.csv"), csv("temp,humidity,note", 80));
        MonitorDefinition monitor = MonitorDefinition.parse(MONITOR, "m.yml");

        Throwable thrown = catchThrowable(() -> RUNNER.run(reference, current, monitor));

        assertThat(thrown).isInstanceOf(SchemaMismatchException.class).hasMessageContaining(
                "column 'hum': expected it in the current batch (as in the reference), found no such column in the"
                        + " current batch");
    }
}
