package io.driftwatch.profile;

/**
 * How the almost-duplicated-columns filter cuts the rows into blocks. Evidently counts a pair of
 * columns as almost duplicated when {@code equal / rows >= 0.95}; {@code equalCells} is the least
 * number of equal cells that passes (found with the same double division), so a pair that passes has
 * at most {@code rows − equalCells} unequal cells. Cutting the rows into one more block than that
 * leaves, by the pigeonhole principle, at least one block where the two columns agree in every cell:
 * a pair that shares no block content cannot pass, and only pairs that do are compared cell by cell.
 *
 * <p>Thread-safe: immutable (the boundaries are never written after construction).
 */
final class Blocks {
    /** Evidently's threshold of {@code AlmostDuplicatedColumnsCount} (and of almost-constant columns). */
    static final double THRESHOLD = 0.95;

    private final int rows;
    private final int equalCells;
    private final int[] starts; // count + 1 boundaries

    private Blocks(int rows, int equalCells, int count) {
        this.rows = rows;
        this.equalCells = equalCells;
        this.starts = new int[count + 1];
        for (int b = 0; b <= count; b++) {
            starts[b] = count == 0 ? 0 : (int) ((long) b * rows / count);
        }
    }

    static Blocks of(int rows) {
        if (rows == 0) {
            return new Blocks(0, 0, 0);
        }
        long e = Math.max(0, (long) Math.ceil(THRESHOLD * rows) - 2);
        while ((double) e / rows < THRESHOLD) {
            e++;
        }
        return new Blocks(rows, (int) e, rows - (int) e + 1);
    }

    /** The rows. */
    int rows() {
        return rows;
    }

    /** The least number of equal cells of an almost-duplicated pair (0 without rows). */
    int equalCells() {
        return equalCells;
    }

    /** The number of blocks (0 without rows). */
    int count() {
        return starts.length - 1;
    }

    /** The most unequal cells an almost-duplicated pair may have. */
    int maxUnequal() {
        return rows - equalCells;
    }

    /** The first row of block {@code b} ({@code b == count()} gives {@code rows}). */
    int start(int b) {
        return starts[b];
    }
}
