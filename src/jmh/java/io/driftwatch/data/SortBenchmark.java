package io.driftwatch.data;

import java.util.Arrays;
import java.util.Random;
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
 * Radix sort against {@link Arrays#sort(double[])} for the sort every check does per numeric
 * column. Run: {@code java -jar target/benchmarks.jar SortBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class SortBenchmark {
    @Param({"1000000"})
    int size;

    @Param({"gaussian", "rounded"})
    String distribution;

    double[] source;
    double[] work;

    @Setup(Level.Trial)
    public void generate() {
        Random random = new Random(42);
        source = new double[size];
        for (int i = 0; i < size; i++) {
            double g = random.nextGaussian();
            source[i] = distribution.equals("rounded") ? Math.round(g * 1000) / 1000.0 : g;
        }
        work = new double[size];
    }

    @Setup(Level.Invocation)
    public void copy() {
        System.arraycopy(source, 0, work, 0, size);
    }

    @Benchmark
    public double[] arraysSort() {
        Arrays.sort(work);
        return work;
    }

    @Benchmark
    public double[] radixSort() {
        DoubleRadixSort.sort(work, size);
        return work;
    }
}
