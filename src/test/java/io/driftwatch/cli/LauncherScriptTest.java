package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./driftwatch} launcher at the repository's root, run by {@code sh} with a stand-in
 * {@code java} (through {@code JAVA_HOME}) that writes down the arguments it was given: which JVM
 * options the launcher chooses for which command.
 */
class LauncherScriptTest {
    private static final String QUICK_COMPILER = "-XX:TieredStopAtLevel=1";
    private static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";
    private static final String ONE_COMPILER_THREAD = "-XX:CICompilerCount=1";

    @TempDir
    Path dir;
    private Path launcher;
    private Path javaHome;
    private Path arguments;

    @BeforeEach
    void copyTheLauncherNextToAJarAndAStandInJava() throws IOException {
        launcher = dir.resolve("driftwatch");
        Files.copy(Path.of("driftwatch"), launcher);
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/driftwatch.jar"), "not read by the stand-in");
        javaHome = dir.resolve("jdk");
        Path java = javaHome.resolve("bin/java");
        Files.createDirectories(java.getParent());
        arguments = dir.resolve("arguments.txt");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + arguments + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void checksSmallLocalFilesWithTheQuickCompilerOnly() throws Exception {
        Path reference = file("reference.csv", 1000);
        Path current = file("current.csv", 1000);

        List<String> java = run("check", "--reference", reference.toString(), "--current", current.toString(),
                "--json", "out.json");

        assertThat(java).contains(QUICK_COMPILER);
        assertThat(java.indexOf(QUICK_COMPILER)).as("before -jar, so JAVA_OPTS and the command come after")
                .isLessThan(java.indexOf("-jar"));
        assertThat(java.subList(java.indexOf("-jar") + 2, java.size()))
                .containsExactly("check", "--reference", reference.toString(), "--current", current.toString(),
                        "--json", "out.json");
        assertThat(run("check", "--reference=" + reference, "--current=" + current)).contains(QUICK_COMPILER);
        Path spaced = file("the reference, 2026.csv", 1000);
        assertThat(run("check", "--current", current.toString(), "--reference", spaced.toString()))
                .as("names with spaces and commas, reference last").contains(QUICK_COMPILER);
        assertThat(run("check", "--reference", current.toString(), "--current", current.toString()))
                .as("the same file twice").contains(QUICK_COMPILER);
    }

    @Test
    void keepsTheDefaultCompilersForLargeOrUnknownInputsAndOtherCommands() throws Exception {
        Path small = file("small.csv", 1000);
        Path large = file("large.csv", 129L << 20); // sparse: no disk written
        assertThat(run("check", "--reference", small.toString(), "--current", large.toString()))
                .as("more than 128 MiB together").doesNotContain(QUICK_COMPILER);
        Path half = file("half.csv", 64L << 20);
        assertThat(run("check", "--reference", half.toString(), "--current", half.toString()))
                .as("exactly 128 MiB").contains(QUICK_COMPILER);
        assertThat(run("check", "--reference", half.toString(), "--current", file("one-more.csv", (64L << 20) + 1)
                .toString())).as("a byte more").doesNotContain(QUICK_COMPILER);
        assertThat(run("check", "--reference", "s3://bucket/reference.csv", "--current", small.toString()))
                .as("an object whose size the launcher does not know").doesNotContain(QUICK_COMPILER);
        assertThat(run("check", "--monitor", small.toString(), "--current", small.toString()))
                .as("a reference named only by the monitor").doesNotContain(QUICK_COMPILER);
        assertThat(run("check", "--reference", dir.resolve("missing.csv").toString(), "--current",
                small.toString())).doesNotContain(QUICK_COMPILER);
        assertThat(run("server", small.toString())).doesNotContain(QUICK_COMPILER);
        assertThat(run("inspect", small.toString())).doesNotContain(QUICK_COMPILER);
    }

    @Test
    void asksForHugePagesForSmallChecksWhereTheKernelGivesThemOnRequest() throws Exception {
        String setting;
        try {
            setting = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
        } catch (IOException e) {
            setting = ""; // no such setting: no huge pages
        }
        boolean onRequest = setting.contains("[madvise]");
        Path tiny = file("tiny.csv", 1000);
        Path half = file("half.csv", 64L << 20);

        List<String> small = run("check", "--reference", tiny.toString(), "--current", half.toString());
        assertThat(small.contains(HUGE_PAGES)).as("128 MiB or less, kernel setting %s", setting).isEqualTo(onRequest);
        assertThat(run("check", "--reference", half.toString(), "--current", file("more.csv", (64L << 20) + 1)
                .toString())).as("more than 128 MiB").doesNotContain(HUGE_PAGES);
        assertThat(run("check", "--reference", "s3://bucket/reference.csv", "--current", tiny.toString()))
                .doesNotContain(HUGE_PAGES);
        assertThat(run("inspect", tiny.toString())).doesNotContain(HUGE_PAGES);
    }

    @Test
    void compilesSmallChecksOnOneThreadUnlessJavaOptsSetTheCompilers() throws Exception {
        Path tiny = file("tiny.csv", 1000);
        Path large = file("large.csv", 129L << 20);
        assertThat(run("check", "--reference", tiny.toString(), "--current", tiny.toString()))
                .contains(QUICK_COMPILER, ONE_COMPILER_THREAD);
        assertThat(run("check", "--reference", large.toString(), "--current", tiny.toString()))
                .doesNotContain(ONE_COMPILER_THREAD);
        // both compilers need two threads at least: the JVM would not start
        assertThat(runWith("-XX:TieredStopAtLevel=4", "check", "--reference", tiny.toString(), "--current",
                tiny.toString())).doesNotContain(ONE_COMPILER_THREAD);
        assertThat(runWith("-XX:CICompilerCount=2", "check", "--reference", tiny.toString(), "--current",
                tiny.toString())).doesNotContain(ONE_COMPILER_THREAD);
    }

    @Test
    void startsALargeCheckWithAHeapOfAboutItsInputUnlessJavaOptsSizeTheHeap() throws Exception {
        Path tiny = file("tiny.csv", 1000);
        Path large = file("large.csv", 500L << 20);
        assertThat(run("check", "--reference", large.toString(), "--current", large.toString()))
                .as("1,000 MiB of input").contains("-Xms1600m");
        assertThat(run("check", "--reference", tiny.toString(), "--current", tiny.toString()))
                .noneMatch(option -> option.startsWith("-Xms"));
        assertThat(run("inspect", large.toString())).noneMatch(option -> option.startsWith("-Xms"));
        for (String sized : new String[] {"-Xmx512m", "-Xms2g", "-XX:MaxRAMPercentage=50", "-XX:MaxHeapSize=1g"}) {
            assertThat(runWith("-Dx=1 " + sized, "check", "--reference", large.toString(), "--current", large.toString()))
                    .as(sized).contains(sized).doesNotContain("-Xms1600m");
        }
        assertThat(runWith("-Xlog:gc", "check", "--reference", large.toString(), "--current", large.toString()))
                .contains("-Xlog:gc", "-Xms1600m");
    }

    @Test
    void mapsTheArchiveWithoutTheS3ClientWhenNothingNamesS3() throws Exception {
        Path reference = file("reference.csv", 1000);
        Path current = file("current.csv", 1000);
        Path plain = Files.writeString(dir.resolve("plain.yml"), "name: plain\nreference: reference.csv\n");
        Path fromS3 = Files.writeString(dir.resolve("s3.yml"), "name: lake\nreference: s3://bucket/reference.csv");
        Path fromMlflow = Files.writeString(dir.resolve("mlflow.yml"), "reference: mlflow:models:/demand@champion\n");
        String local = "-XX:SharedArchiveFile=" + dir.toRealPath().resolve("target/driftwatch.jsa");
        String withS3 = "-XX:SharedArchiveFile=" + dir.toRealPath().resolve("target/driftwatch-s3.jsa");

        assertThat(run("check", "--reference", reference.toString(), "--current", current.toString()))
                .contains(local);
        assertThat(run("check", "--reference", reference.toString(), "--current", current.toString(),
                "--monitor", plain.toString())).contains(local);
        assertThat(run("inspect", current.toString())).contains(local);
        assertThat(run("check", "--reference", "s3://bucket/reference.csv", "--current", current.toString()))
                .contains(withS3);
        assertThat(run("check", "--current", current.toString(), "--monitor", fromS3.toString()))
                .as("the monitor's reference is an S3 object (its last line without a line feed)")
                .contains(withS3);
        assertThat(run("check", "--current", current.toString(), "--monitor=" + fromMlflow)).contains(withS3);
        assertThat(run("check", "--reference", "data/reference.csv.dvc", "--current", current.toString()))
                .as("a DVC pointer, whose remote may be S3").contains(withS3);
        assertThat(run("server", "config.yml")).contains(withS3);
    }

    private Path file(String name, long size) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
        }
        return file;
    }

    /** The arguments the launcher gave {@code java} for {@code command}. */
    private List<String> run(String... command) throws Exception {
        return runWith(null, command);
    }

    /** {@link #run} with {@code JAVA_OPTS} set to {@code javaOpts} (unset when null). */
    private List<String> runWith(String javaOpts, String... command) throws Exception {
        Files.deleteIfExists(arguments);
        List<String> line = new ArrayList<>(List.of("sh", launcher.toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().remove("JAVA_OPTS");
        if (javaOpts != null) {
            builder.environment().put("JAVA_OPTS", javaOpts);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return Files.readAllLines(arguments);
    }
}
