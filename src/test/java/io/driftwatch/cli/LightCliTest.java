package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The light verbs behave on the command line exactly as they do through Dropwizard's bootstrap. */
class LightCliTest {
    private static final String REF = "examples/bike-sharing/reference.csv";
    private static final String CUR = "examples/bike-sharing/current.csv";

    @ParameterizedTest
    @ValueSource(strings = {"check -h", "inspect --help", "profile -h", "check --current", "check --nonsense x",
            "check --reference " + REF, "check --reference " + REF + " --current " + CUR,
            "check --reference " + REF + " --current no-such.csv", "inspect " + CUR, "inspect",
            "check --current " + CUR})
    void printsAndExitsAsThroughDropwizard(String line) throws Exception {
        String[] args = line.split(" ");
        CliRunner.Run light = CliRunner.run(args);
        CliRunner.Run dropwizard = CliRunner.runThroughDropwizard(args);

        assertThat(light.exitCode()).isEqualTo(dropwizard.exitCode());
        assertThat(light.stdout()).isEqualTo(dropwizard.stdout());
        assertThat(light.stderr()).isEqualTo(dropwizard.stderr());
    }

    @Test
    void aCheckWithItsReportStartsNoLoggingWhenNothingLogs(@TempDir Path dir) throws Exception {
        // a JVM of its own: in this one, other tests have long started logback
        Path classes = dir.resolve("classes.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load:file=" + classes, "-cp", System.getProperty("java.class.path"),
                "io.driftwatch.DriftwatchApplication", "check", "--reference", REF, "--current", CUR,
                "--report", dir.resolve("report.html").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isEqualTo(1); // drift
        assertThat(dir.resolve("report.html")).isNotEmptyFile();
        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).anyMatch(line -> line.contains("freemarker.template.Configuration "));
        assertThat(loaded).noneMatch(line -> line.contains("ch.qos.logback.") || line.contains("org.slf4j."));
    }

    @Test
    void leavesEveryOtherVerbToDropwizard() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] args : new String[][] {{}, {"--help"}, {"-v"}, {"server", "config.yml"}, {"db", "migrate"},
                {"token"}, {"backfill"}, {"notify-test"}, {"Check"}}) {
            assertThat(LightCli.run(args, out, out)).as(String.join(" ", args)).isEqualTo(OptionalInt.empty());
        }
        assertThat(out.size()).isZero();
    }
}
