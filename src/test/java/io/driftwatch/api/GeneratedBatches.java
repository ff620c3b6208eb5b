package io.driftwatch.api;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Generated CSV batches of any size for service tests (load, shutdown, metrics): a Gaussian column
 * {@code x}, a uniform column {@code y} and a categorical column {@code c}, optionally shifted so
 * that a check flags drift, and optionally a fourth numeric column with a caller-chosen (hostile)
 * header.
 *
 * <p>Thread-safe: stateless.
 */
final class GeneratedBatches {
    private GeneratedBatches() {
    }

    /**
     * {@code rows} rows drawn with {@code seed}; {@code shift} moves {@code x}'s mean and tilts
     * {@code c} toward its last category. {@code extraColumn} (quoted as CSV requires) adds a
     * Gaussian column, or null for none.
     */
    static byte[] csv(int rows, long seed, double shift, String extraColumn) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder(rows * 40);
        out.append("x,y,c");
        if (extraColumn != null) {
            out.append(",\"").append(extraColumn.replace("\"", "\"\"")).append('"');
        }
        out.append('\n');
        String[] categories = {"red", "green", "blue"};
        for (int i = 0; i < rows; i++) {
            out.append(gaussian(random) + shift).append(',').append(random.nextDouble()).append(',');
            int k = random.nextDouble() < Math.min(0.9, shift / 2) ? 2 : random.nextInt(3);
            out.append(categories[k]);
            if (extraColumn != null) {
                out.append(',').append(gaussian(random));
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
