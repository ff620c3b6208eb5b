package io.driftwatch.bench;

import io.driftwatch.data.CategoricalColumnBuilder;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic batches for the benchmarks: numeric columns of Gaussian values rounded
 * to six significant digits (as a CSV export would hold them), categorical columns over 20 labels
 * with skewed frequencies. {@code shift} moves the current batch's distributions a little, so the
 * tests do real work on both sides.
 */
public final class SyntheticBatches {
    private SyntheticBatches() {
    }

    /** A table of {@code rows} rows: {@code numeric} columns {@code n0…}, then {@code categorical} columns {@code c0…}. */
    public static Table table(int rows, int numeric, int categorical, double shift, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Column> columns = new ArrayList<>(numeric + categorical);
        for (int c = 0; c < numeric; c++) {
            NumericColumnBuilder b = new NumericColumnBuilder("n" + c, PhysicalType.FLOAT, rows);
            double mean = c + shift * (c % 3);
            double scale = 1 + c % 5;
            for (int i = 0; i < rows; i++) {
                b.append(round6(mean + scale * gaussian(random)));
            }
            columns.add(b.build());
        }
        String[] labels = new String[20];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = "label-" + i;
        }
        for (int c = 0; c < categorical; c++) {
            CategoricalColumnBuilder b = new CategoricalColumnBuilder("c" + c, rows);
            for (int i = 0; i < rows; i++) {
                // skewed: low labels frequent; shift tilts the skew
                double u = random.nextDouble();
                int k = (int) (labels.length * Math.pow(u, 2 + shift));
                b.append(labels[Math.min(k, labels.length - 1)]);
            }
            columns.add(b.build());
        }
        return Table.of(columns);
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    private static double round6(double x) {
        if (x == 0) {
            return 0;
        }
        double scale = Math.pow(10, 5 - Math.floor(Math.log10(Math.abs(x))));
        return Math.round(x * scale) / scale;
    }
}
