package io.driftwatch.data;

/**
 * Where each part of a column read in parts starts in the column's one array, and how many cells it
 * expects: the layout {@link NumericColumnBuilder.Parts} and {@link CategoricalColumnBuilder.Parts}
 * share, each over an array of its own type.
 *
 * <p>Thread-safe: immutable.
 */
final class PartSlices {
    private final int[] starts;
    private final int[] slices;
    private final int cells;

    /**
     * @param partRows the expected cells of each part, in order; the array is exactly as long as their sum
     * @throws IllegalArgumentException when a part expects a negative number of cells
     * @throws IllegalStateException when the sum is more than one array can hold
     */
    PartSlices(int[] partRows) {
        starts = new int[partRows.length];
        slices = partRows.clone();
        long sum = 0;
        for (int j = 0; j < partRows.length; j++) {
            if (partRows[j] < 0) {
                throw new IllegalArgumentException("negative rows " + partRows[j] + " for part " + j);
            }
            starts[j] = (int) sum;
            sum += partRows[j];
        }
        if (sum > NumericColumnBuilder.MAX_ARRAY_LENGTH) {
            throw new IllegalStateException("a column cannot hold more than " + NumericColumnBuilder.MAX_ARRAY_LENGTH
                    + " cells");
        }
        cells = (int) sum;
    }

    /** The cell at which part {@code j}'s slice starts. */
    int start(int j) {
        return starts[j];
    }

    /** The cells part {@code j} expects. */
    int slice(int j) {
        return slices[j];
    }

    /** The length of the shared array: at least 1, so that an empty column still has one. */
    int arrayLength() {
        return Math.max(cells, 1);
    }
}
