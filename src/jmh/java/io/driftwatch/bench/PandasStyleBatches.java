package io.driftwatch.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes batches as pandas writes them ({@code DataFrame.to_csv(float_format="%.10g")}), the files
 * users have: floats with ten significant digits, integer columns with ties, empty cells for
 * missing values, string categories with long-tailed frequencies. A reference batch and COUNT
 * current batches (each drawn with its own seed, so each is new bytes to the service), ROWS rows × 50
 * columns, laid out like the side-by-side benchmark kit's generator:
 * <ul>
 * <li>{@code num_00}–{@code num_09} normal, {@code num_10}–{@code num_17} log-normal,
 *     {@code num_18}–{@code num_25} uniform floats;
 * <li>{@code num_26}–{@code num_29} integers with many ties and more than 10 distinct values,
 *     {@code num_30}–{@code num_33} integers with at most 10;
 * <li>{@code num_34}–{@code num_39} floats with 2–20 % missing (empty cells);
 * <li>{@code cat_00}–{@code cat_09} string categories of 3 to 200 labels (Zipf-like), the last with
 *     1 % missing.
 * </ul>
 * In the current batches {@code num_00}–{@code num_02}, {@code num_10}, {@code num_11},
 * {@code num_18}, {@code num_26}, {@code num_30}, {@code num_34}, {@code num_35} shift;
 * {@code cat_02} and {@code cat_07} gain new labels, {@code cat_03} and {@code cat_08} reorder theirs.
 * <pre>
 * java -cp target/benchmarks.jar io.driftwatch.bench.PandasStyleBatches DIR ROWS COUNT
 * </pre>
 * writes {@code DIR/reference.csv} and {@code DIR/current-1.csv} … {@code DIR/current-COUNT.csv}.
 */
public final class PandasStyleBatches {
    private static final int[] CARDINALITY = {3, 5, 8, 12, 20, 35, 50, 80, 120, 200};
    private static final double[] MISSING = {0.02, 0.05, 0.10, 0.15, 0.20, 0.08};

    private PandasStyleBatches() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: PandasStyleBatches DIR ROWS COUNT");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        write(dir.resolve("reference.csv"), rows, false, 20240601L);
        for (int i = 1; i <= count; i++) {
            write(dir.resolve("current-" + i + ".csv"), rows, true, 20240601L + i);
        }
    }

    static void write(Path file, int rows, boolean current, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] zipf = new double[CARDINALITY.length][];
        String[][] labels = new String[CARDINALITY.length][];
        for (int c = 0; c < CARDINALITY.length; c++) {
            int k = CARDINALITY[c];
            double[] p = zipf(k);
            String[] names = new String[k];
            for (int v = 0; v < k; v++) {
                names[v] = String.format(Locale.ROOT, "c%d_v%03d", c, v);
            }
            if (current && (c == 3 || c == 8)) {
                shuffle(p, random);
            }
            if (current && (c == 2 || c == 7)) {
                int extra = Math.max(1, k / 4);
                double[] widened = new double[k + extra];
                String[] more = new String[k + extra];
                for (int v = 0; v < k; v++) {
                    widened[v] = p[v] * 0.9;
                    more[v] = names[v];
                }
                for (int v = 0; v < extra; v++) {
                    widened[k + v] = 0.1 / extra;
                    more[k + v] = String.format(Locale.ROOT, "c%d_new%03d", c, v);
                }
                p = widened;
                names = more;
            }
            zipf[c] = cumulative(p);
            labels[c] = names;
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(1024);
            for (int i = 0; i < 40; i++) {
                line.append(String.format(Locale.ROOT, "num_%02d,", i));
            }
            for (int c = 0; c < 10; c++) {
                line.append(String.format(Locale.ROOT, "cat_%02d", c)).append(c == 9 ? '\n' : ',');
            }
            out.append(line);
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int i = 0; i < 10; i++) {
                    double sd = 0.5 + 0.3 * i;
                    double mu = (i - 5) * 1.5 + (current && i < 3 ? new double[] {0.05, 0.2, 0.5}[i] * sd : 0);
                    real(line, mu + sd * gaussian(random));
                }
                for (int j = 0; j < 8; j++) {
                    double sigma = (0.4 + 0.15 * j) * (current && j == 0 ? 1.1 : 1);
                    double mean = 0.2 * j + (current && j == 1 ? 0.3 : 0);
                    real(line, Math.exp(mean + sigma * gaussian(random)));
                }
                for (int j = 0; j < 8; j++) {
                    double lo = -j * 2.0;
                    double hi = 1.0 + j * 3.0;
                    if (current && j == 0) {
                        double width = hi - lo;
                        lo += 0.1 * width;
                        hi += 0.1 * width;
                    }
                    real(line, lo + (hi - lo) * random.nextDouble());
                }
                integer(line, poisson(7.0 * (current ? 1.15 : 1), random));
                integer(line, binomial(40, 0.3, random));
                integer(line, Math.rint(100 + 15 * gaussian(random)));
                integer(line, random.nextInt(1000));
                integer(line, pick(current ? new double[] {0.4, 0.7, 0.9, 1} : new double[] {0.5, 0.8, 0.95, 1},
                        random));
                integer(line, random.nextInt(2));
                integer(line, random.nextInt(6));
                integer(line, binomial(9, 0.5, random));
                for (int j = 0; j < 6; j++) {
                    double v = j % 2 == 0 ? 10.0 * j + (1.0 + j) * gaussian(random) : 1.5 * gamma(2.0 + j, random);
                    if (current && j == 0) {
                        v += 0.3;
                    }
                    if (current && j == 1) {
                        v *= 1.2;
                    }
                    if (random.nextDouble() < MISSING[j]) {
                        line.append(',');
                    } else {
                        real(line, v);
                    }
                }
                for (int c = 0; c < 10; c++) {
                    String label = labels[c][pick(zipf[c], random)];
                    if (c == 9 && random.nextDouble() < 0.01) {
                        label = "";
                    }
                    line.append(label).append(c == 9 ? '\n' : ',');
                }
                out.append(line);
            }
        }
    }

    private static final double[] POWERS = new double[81];

    static {
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = Math.pow(10, i - 40);
        }
    }

    /**
     * A float as {@code "%.10g"} prints it in C and Python: ten significant digits, trailing zeros
     * dropped, scientific notation ({@code 1.5e-05}) below 1e-4 and from 1e10. Formatted by hand
     * (scaled to a ten-digit integer) because {@code String.format} takes most of the generator's time;
     * the last digit may differ from exact rounding in rare ties, which does not change the file's
     * shape.
     */
    static void real(StringBuilder line, double v) {
        if (v == 0) {
            line.append("0,");
            return;
        }
        if (v < 0) {
            line.append('-');
            v = -v;
        }
        int exponent = (int) Math.floor(Math.log10(v));
        long digits = Math.round(v * POWERS[9 - exponent + 40]);
        if (digits >= 10_000_000_000L) {
            exponent++;
            digits = Math.round(v * POWERS[9 - exponent + 40]);
        } else if (digits < 1_000_000_000L) {
            exponent--;
            digits = Math.round(v * POWERS[9 - exponent + 40]);
        }
        String d = Long.toString(digits);
        int end = d.length();
        while (end > 1 && d.charAt(end - 1) == '0') {
            end--;
        }
        if (exponent < -4 || exponent >= 10) {
            line.append(d.charAt(0));
            if (end > 1) {
                line.append('.').append(d, 1, end);
            }
            line.append('e').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e < 10) {
                line.append('0');
            }
            line.append(e).append(',');
            return;
        }
        if (exponent < 0) {
            line.append("0.");
            for (int i = -1; i > exponent; i--) {
                line.append('0');
            }
            line.append(d, 0, end);
        } else {
            int whole = exponent + 1;
            line.append(d, 0, whole);
            if (end > whole) {
                line.append('.').append(d, whole, end);
            }
        }
        line.append(',');
    }

    private static void integer(StringBuilder line, double v) {
        line.append((long) v).append(',');
    }

    private static double[] zipf(int k) {
        double[] w = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            w[i] = 1.0 / Math.pow(i + 1, 1.1);
            sum += w[i];
        }
        for (int i = 0; i < k; i++) {
            w[i] /= sum;
        }
        return w;
    }

    private static double[] cumulative(double[] p) {
        double[] c = new double[p.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i];
            c[i] = sum;
        }
        c[p.length - 1] = 1;
        return c;
    }

    private static void shuffle(double[] p, SplittableRandom random) {
        for (int i = p.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
    }

    /** An index drawn from cumulative probabilities. */
    private static int pick(double[] cumulative, SplittableRandom random) {
        double u = random.nextDouble();
        int i = 0;
        while (i < cumulative.length - 1 && u >= cumulative[i]) {
            i++;
        }
        return i;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static int poisson(double lambda, SplittableRandom random) {
        double limit = Math.exp(-lambda);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static int binomial(int n, double p, SplittableRandom random) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            k += random.nextDouble() < p ? 1 : 0;
        }
        return k;
    }

    /** Marsaglia and Tsang's method, shape ≥ 1, scale 1. */
    private static double gamma(double shape, SplittableRandom random) {
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
