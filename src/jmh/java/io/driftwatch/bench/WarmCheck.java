package io.driftwatch.bench;

import com.sun.management.OperatingSystemMXBean;
import io.driftwatch.cli.LightCli;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Runs one {@code driftwatch} command line {@code runs} times in this JVM and prints each run's wall
 * and CPU time: after the first, a check runs with its code compiled and its heap's memory already
 * touched, so the later runs show what a check costs without the JVM's start-up, its compilers and
 * the first touch of fresh memory (a floor for the whole-process figure, not a figure users see).
 * The command's own output is dropped; a run that fails (exit code 2 or 3) stops the loop.
 *
 * <pre>java -Xms1500m -XX:G1HeapRegionSize=1m -cp target/benchmarks.jar io.driftwatch.bench.WarmCheck 4 \
 *     check --reference DIR/reference_1000000.csv --current DIR/current_1000000.csv \
 *     --json OUT.json --report OUT.html</pre>
 */
public final class WarmCheck {
    private WarmCheck() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: WarmCheck RUNS COMMAND [ARGUMENTS...]   (e.g. 4 check --reference ...)");
            System.exit(2);
        }
        int runs = Integer.parseInt(args[0]);
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        PrintStream out = System.out;
        for (int i = 1; i <= runs; i++) {
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the commands print to System.out
            int code;
            try {
                code = LightCli.run(command, OutputStream.nullOutputStream(), System.err).orElse(2);
            } finally {
                System.setOut(out);
            }
            out.printf("run %d: wall %.2f s, CPU %.2f s, exit %d%n", i, (System.nanoTime() - wall) / 1e9,
                    (os.getProcessCpuTime() - cpu) / 1e9, code);
            if (code == 2 || code == 3) { // bad input or an internal error: the message is on stderr
                System.exit(code);
            }
        }
    }
}
