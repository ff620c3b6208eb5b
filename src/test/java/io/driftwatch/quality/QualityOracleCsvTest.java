package io.driftwatch.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.Column;
import io.driftwatch.data.Table;
import io.driftwatch.io.CsvReader;
import io.driftwatch.quality.QualityOracle.Case;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every quality oracle case written as CSV ({@link Case#csv}) and read back by the CSV reader gives
 * the columns and dtypes of the case's frames, and the same quality result: what the command line
 * and the service will see when they are given the case as files.
 */
class QualityOracleCsvTest {
    @TempDir
    Path dir;

    static Stream<Case> cases() {
        return QualityOracle.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsBackAsTheFramesAndScoresTheSame(Case c) throws IOException {
        Table current = read(c, "current");
        assertSameColumns(current, c.current());
        QualityEvaluator evaluator = QualityEvaluator.of(c.spec());
        QualityResult fromFiles;
        QualityResult fromFrames;
        if (c.hasReference()) {
            Table reference = read(c, "reference");
            assertSameColumns(reference, c.reference());
            fromFiles = evaluator.evaluate(current, reference);
            fromFrames = evaluator.evaluate(c.current(), c.reference());
        } else {
            fromFiles = evaluator.evaluate(current);
            fromFrames = evaluator.evaluate(c.current());
        }
        assertThat(fromFiles).isEqualTo(fromFrames);
    }

    private Table read(Case c, String side) throws IOException {
        Path file = dir.resolve(c.id() + "-" + side + ".csv");
        Files.writeString(file, c.csv(side), StandardCharsets.UTF_8);
        return CsvReader.read(file);
    }

    private static void assertSameColumns(Table read, Table frame) {
        assertThat(read.rowCount()).isEqualTo(frame.rowCount());
        assertThat(read.schema()).isEqualTo(frame.schema());
        for (int i = 0; i < frame.columnCount(); i++) {
            Column a = read.column(i);
            Column b = frame.column(i);
            assertThat(a.missingCount()).as(b.name()).isEqualTo(b.missingCount());
        }
    }
}
