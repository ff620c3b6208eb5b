package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @Test
    void printsTypesAndSummariesOfTheBundledExample() throws Exception {
        CliRunner.Run run = CliRunner.run("inspect", "examples/bike-sharing/reference.csv");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("examples/bike-sharing/reference.csv: 688 rows x 17 columns (csv)")
                .containsPattern("temp +numerical +float +688 +0 +23 +0.02 \\.\\. 0.46")
                .containsPattern("weathersit +categorical +integer +688 +0 +4 +1 \\(\\d+\\), 2 \\(\\d+\\)")
                .containsPattern("dteday +datetime +timestamp +688 +0 +31 +2011-01-01 \\.\\. 2011-01-31");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void missingFileExitsWithTwoAndOneLineWithoutStackTrace() throws Exception {
        CliRunner.Run run = CliRunner.run("inspect", "no/such/file.csv");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("driftwatch inspect: no/such/file.csv: no such file");
    }

    @Test
    void malformedCsvNamesTheLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ragged.csv");
        Files.writeString(file, "a,b\n1,2\n3\n", StandardCharsets.UTF_8);
        CliRunner.Run run = CliRunner.run("inspect", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains(file + " line 3: expected 2 fields as in the header, found 1")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void missingArgumentIsBadUsage() throws Exception {
        CliRunner.Run run = CliRunner.run("inspect");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("too few arguments").contains("usage:");
    }
}
