package io.driftwatch.multivariate;

import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded test tables of standard normal columns where only the correlation of the first two
 * changes: {@code a} and {@code b = ρ·a + √(1 − ρ²)·e} are standard normal whatever ρ is, so every
 * column's marginal distribution stays the same; further columns are independent noise.
 */
final class CorrelatedNormals {
    private CorrelatedNormals() {
    }

    static List<String> names(int columns) {
        List<String> names = new ArrayList<>();
        names.add("a");
        names.add("b");
        for (int j = 2; j < columns; j++) {
            names.add("n" + j);
        }
        return names;
    }

    static Table table(int rows, int columns, double rho, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] values = new double[columns][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                values[j][i] = gaussian(random);
            }
            values[1][i] = rho * values[0][i] + Math.sqrt(1 - rho * rho) * values[1][i];
        }
        List<String> names = names(columns);
        List<Column> out = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            out.add(NumericColumn.wrap(names.get(j), PhysicalType.FLOAT, values[j], rows));
        }
        return Table.of(out);
    }

    /** Box–Muller. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
