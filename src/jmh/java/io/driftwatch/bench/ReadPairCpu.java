package io.driftwatch.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * Reads a reference and a current CSV file at once, as {@link CsvIngestBenchmark#readPairAtOnce}
 * does, {@code warm-up + runs} times, and prints the wall time and the process's CPU time per pair
 * over the last {@code runs}. CPU time is the figure to compare two builds by on a machine whose
 * speed drifts from minute to minute: it moves less with the machine's load than throughput does.
 *
 * <pre>java -Xms6g -Xmx6g -XX:+AlwaysPreTouch -cp target/benchmarks.jar io.driftwatch.bench.ReadPairCpu \
 *     DIR/reference_1000000.csv DIR/current_1000000.csv 4 8</pre>
 */
public final class ReadPairCpu {
    private ReadPairCpu() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ReadPairCpu REFERENCE.csv CURRENT.csv WARM_UP_PAIRS MEASURED_PAIRS");
            System.exit(2);
        }
        Path reference = Path.of(args[0]);
        Path current = Path.of(args[1]);
        int warmUp = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        ExecutorService pool = CsvIngestBenchmark.checkThreads();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = 0;
        long wallStart = 0;
        for (int i = 0; i < warmUp + runs; i++) {
            if (i == warmUp) {
                cpuStart = os.getProcessCpuTime();
                wallStart = System.nanoTime();
            }
            CsvIngestBenchmark.readAtOnce(reference, current, pool);
        }
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9 / runs;
        double wall = (System.nanoTime() - wallStart) / 1e9 / runs;
        System.out.printf("per pair over %d pairs: wall %.3f s, CPU %.3f s%n", runs, wall, cpu);
    }
}
