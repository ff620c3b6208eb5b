package io.driftwatch.profile;

/**
 * How the almost-duplicated-columns filter cuts the rows into blocks. Evidently counts a pair of
 * columns as almost duplicated when {@code equal / rows >= 0.95}; {@code equalCells} is the least
 * number of equal cells that passes (found with the same double division), so a pair that passes has
 * at most {@code rows − equalCells} unequal cells. Cutting the rows into one more block than that
 * leaves, by the pigeonhole principle, at least one block where the two columns agree in every cell:
 * a pair that shares no block content cannot pass, and only pairs that do are compared cell by cell.
 *
 * <p>Thread-safe: immutable.
 *
 * @param rows the rows
 * @param equalCells the least number of equal cells of an almost-duplicated pair (0 without rows)
 * @param count the number of blocks (0 without rows)
 */
record Blocks(int rows, int equalCells, int count) {
    /** Evidently's threshold of {@code AlmostDuplicatedColumnsCount} (and of almost-constant columns). */
    static final double THRESHOLD = 0.95;

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

    /** The most unequal cells an almost-duplicated pair may have. */
    int maxUnequal() {
        return rows - equalCells;
    }

    /** The first row of block {@code b} ({@code b == count} gives {@code rows}). */
    int start(int b) {
        return (int) ((long) b * rows / count);
    }
}
