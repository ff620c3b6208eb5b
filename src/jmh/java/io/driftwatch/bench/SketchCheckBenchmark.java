package io.driftwatch.bench;

import io.driftwatch.profile.ColumnSketch;
import io.driftwatch.profile.NumericSketch;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import io.driftwatch.stats.SketchTest;
import io.driftwatch.stats.SketchTestResult;
import io.driftwatch.stats.SketchTests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sketch check's target (docs/sketches.md): a 50-column check (40 numeric, 10 categorical) of a
 * sketch profile of a current batch against a sketch profile of the reference, both of 1,000,000
 * rows at the default k, on one thread, touching no data. {@code check}: Evidently's automatic choice
 * for references of more than 1,000 rows ({@code wasserstein} for numbers, {@code jensenshannon} for
 * categories) on profiles in memory; {@code everyTest}: every sketch test that applies to each column
 * (ks, wasserstein, psi, kl_div, jensenshannon, hellinger; categories also chisquare and z);
 * {@code readAndCheck}: both profiles read from their bytes first.
 * <pre>
 * mvn -q -B -Pbench package -DskipTests
 * java -jar target/benchmarks.jar SketchCheckBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class SketchCheckBenchmark {

    @State(Scope.Benchmark)
    public static class Profiles {
        @Param({"1000000"})
        int rows;

        @Param({"3200"})
        int k;

        SketchProfile reference;
        SketchProfile current;
        byte[] referenceBytes;
        byte[] currentBytes;
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();

        @Setup(Level.Trial)
        public void setUp() {
            SketchSettings settings = SketchSettings.defaults().withK(k);
            reference = SketchProfile.of(SyntheticBatches.table(rows, 40, 10, 0, 11), settings);
            current = SketchProfile.of(SyntheticBatches.table(rows, 40, 10, 0.05, 12), settings);
            referenceBytes = reference.toByteArray();
            currentBytes = current.toByteArray();
            for (ColumnSketch c : reference.columns()) {
                (c instanceof NumericSketch ? numeric : categorical).add(c.name());
            }
        }
    }

    @Benchmark
    public int check(Profiles p) {
        return run(p.reference, p.current, p.numeric, p.categorical, List.of("wasserstein"), List.of("jensenshannon"));
    }

    @Benchmark
    public int everyTest(Profiles p) {
        return run(p.reference, p.current, p.numeric, p.categorical,
                List.of("ks", "wasserstein", "psi", "kl_div", "jensenshannon", "hellinger"),
                List.of("chisquare", "z", "psi", "kl_div", "jensenshannon", "hellinger"));
    }

    @Benchmark
    public int readAndCheck(Profiles p) throws IOException {
        SketchProfile reference = SketchProfile.readFrom(new ByteArrayInputStream(p.referenceBytes), "reference");
        SketchProfile current = SketchProfile.readFrom(new ByteArrayInputStream(p.currentBytes), "current");
        return run(reference, current, p.numeric, p.categorical, List.of("wasserstein"), List.of("jensenshannon"));
    }

    private static int run(SketchProfile reference, SketchProfile current, List<String> numeric,
            List<String> categorical, List<String> numericTests, List<String> categoricalTests) {
        int drifted = 0;
        for (String column : numeric) {
            for (String name : numericTests) {
                drifted += verdict(SketchTests.byName(name).orElseThrow(), reference, current, column);
            }
        }
        for (String column : categorical) {
            for (String name : categoricalTests) {
                drifted += verdict(SketchTests.byName(name).orElseThrow(), reference, current, column);
            }
        }
        return drifted;
    }

    private static int verdict(SketchTest test, SketchProfile reference, SketchProfile current, String column) {
        SketchTestResult r = test.test(reference.sample(column, current));
        return r.verdict().ordinal();
    }
}
