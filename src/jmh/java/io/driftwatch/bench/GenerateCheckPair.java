package io.driftwatch.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a reference/current CSV pair for whole-process timings of {@code driftwatch check}:
 * ROWS rows × 50 columns (40 numeric with six significant digits, 10 categorical over 20 labels),
 * the current batch drawn from slightly shifted distributions so that some columns drift.
 * <pre>
 * java -cp target/benchmarks.jar io.driftwatch.bench.GenerateCheckPair DIR ROWS
 * </pre>
 */
public final class GenerateCheckPair {
    private GenerateCheckPair() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/e2e");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Files.createDirectories(dir);
        write(dir.resolve("reference-" + rows + ".csv"), rows, 0.0, 1);
        write(dir.resolve("current-" + rows + ".csv"), rows, 0.05, 2);
    }

    static void write(Path file, int rows, double shift, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(1024);
            for (int c = 0; c < 40; c++) {
                line.append("num_").append(c).append(',');
            }
            for (int c = 0; c < 10; c++) {
                line.append("cat_").append(c).append(c == 9 ? '\n' : ',');
            }
            out.append(line);
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int c = 0; c < 40; c++) {
                    double mean = c + shift * (c % 4);
                    double scale = 1 + c % 5;
                    double u = random.nextDouble();
                    double v = random.nextDouble();
                    double x = mean + scale * Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
                    line.append(String.format(Locale.ROOT, "%.6g", x)).append(',');
                }
                for (int c = 0; c < 10; c++) {
                    int k = (int) (20 * Math.pow(random.nextDouble(), 2 + shift * (c % 3)));
                    line.append("label-").append(Math.min(k, 19)).append(c == 9 ? '\n' : ',');
                }
                out.append(line);
            }
        }
    }
}
