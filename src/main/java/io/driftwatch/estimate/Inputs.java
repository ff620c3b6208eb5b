package io.driftwatch.estimate;

import io.driftwatch.data.Chunks;
import java.util.List;

/**
 * The checks every estimator runs on what it is handed, each failing with a message that names the
 * array, the row and the value. One pass per array, no allocation.
 *
 * <p>Thread-safe: stateless.
 */
final class Inputs {
    private Inputs() {
    }

    static void sameLength(String side, String name, int length, int expected, String expectedName) {
        if (length != expected) {
            throw new InvalidModelOutputException(side + ": " + name + " has " + length + " rows but " + expectedName
                    + " has " + expected);
        }
    }

    static void probabilities(String side, String name, double[] p) {
        for (int i = 0; i < p.length; i++) {
            double v = p[i];
            if (v != v) {
                throw new InvalidModelOutputException(side + ": " + name + " at row " + i
                        + " is missing (NaN); CBPE needs a probability for every row");
            }
            if (!(v >= 0 && v <= 1)) {
                throw new InvalidModelOutputException(side + ": " + name + " at row " + i + " is " + v
                        + ", outside [0, 1]");
            }
        }
    }

    /** Class codes in {@code [0, classes)}; {@code -1} (unknown) allowed only when {@code unknownAllowed}. */
    static void codes(String side, String name, int[] codes, int classes, boolean unknownAllowed) {
        for (int i = 0; i < codes.length; i++) {
            int c = codes[i];
            if (c == Cbpe.UNKNOWN && unknownAllowed) {
                continue;
            }
            if (c == Cbpe.UNKNOWN) {
                throw new InvalidModelOutputException(side + ": " + name + " at row " + i
                        + " is missing; every row needs one here");
            }
            if (c < 0 || c >= classes) {
                throw new InvalidModelOutputException(side + ": " + name + " at row " + i + " is class code " + c
                        + ", not one of the " + classes + " classes (codes 0.." + (classes - 1) + ")");
            }
        }
    }

    static void chunks(String side, List<? extends Chunks.Chunk> chunks, int rowCount) {
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException(side + ": no chunks to estimate on");
        }
        for (int c = 0; c < chunks.size(); c++) {
            Chunks.Chunk chunk = chunks.get(c);
            if (chunk.rowCount() == 0) {
                throw new IllegalArgumentException(side + ": chunk " + c + " holds no row");
            }
            if (chunk instanceof Chunks.RowChunk r) {
                if (r.toRow() > rowCount) {
                    throw new IllegalArgumentException(side + ": chunk " + c + " ends at row " + r.toRow()
                            + " but there are only " + rowCount + " rows");
                }
            } else {
                for (int row : chunk.rows()) {
                    if (row < 0 || row >= rowCount) {
                        throw new IllegalArgumentException(side + ": chunk " + c + " holds row " + row
                                + " outside the " + rowCount + " rows");
                    }
                }
            }
        }
    }

    static void finite(String side, String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidModelOutputException(side + ": " + name + " at row " + i + " is " + values[i]
                        + "; a finite number is needed");
            }
        }
    }
}
