package io.driftwatch.multivariate;

/**
 * Eigenvalues and eigenvectors of a small dense symmetric matrix by the cyclic Jacobi method, in
 * pure Java (no native BLAS or LAPACK): sweeps of plane rotations, each zeroing one off-diagonal
 * entry, until every off-diagonal entry is negligible against its diagonal entries. Jacobi is
 * accurate to working precision for the eigenvalues and orthogonal to working precision for the
 * eigenvectors; it costs about {@code 10 · d³} operations, a millisecond for d = 50.
 *
 * <p>Eigenpairs are returned by decreasing eigenvalue; equal eigenvalues keep their index order.
 * An eigenvector's sign is arbitrary: callers use only projections onto spans of eigenvectors
 * ({@code V·Vᵀ}), which do not depend on it.
 *
 * <p>Reference: G. H. Golub, C. F. Van Loan, <i>Matrix Computations</i>, 4th ed., §8.5 (the
 * symmetric Schur decomposition and the cyclic Jacobi method).
 *
 * <p>Thread-safe: stateless.
 */
final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    /** Eigenvalues, largest first, and the matching unit eigenvectors as rows of {@code vectors}. */
    record Decomposition(double[] values, double[][] vectors) {
    }

    private SymmetricEigen() {
    }

    /**
     * Decomposes the symmetric matrix {@code matrix} (only read; d × d, row-major).
     *
     * @throws IllegalArgumentException when the matrix is not square or holds a non-finite value
     * @throws ArithmeticException when the rotations do not converge (never seen for finite input)
     */
    static Decomposition of(double[][] matrix) {
        int d = matrix.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) {
            if (matrix[i].length != d) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + matrix[i].length
                        + " entries, expected " + d);
            }
            a[i] = matrix[i].clone();
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException("matrix entry (" + i + ", " + j + ") is " + a[i][j]);
                }
            }
        }
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) {
            v[i][i] = 1;
        }
        boolean converged = d < 2;
        for (int sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
            converged = true;
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    double apq = a[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    double app = a[p][p];
                    double aqq = a[q][q];
                    double g = 100 * Math.abs(apq);
                    if (Math.abs(app) + g == Math.abs(app) && Math.abs(aqq) + g == Math.abs(aqq)) {
                        a[p][q] = 0; // negligible against both diagonal entries
                        a[q][p] = 0;
                        continue;
                    }
                    converged = false;
                    rotate(a, v, p, q);
                }
            }
        }
        if (!converged) {
            throw new ArithmeticException("Jacobi eigenvalue iteration did not converge in " + MAX_SWEEPS + " sweeps");
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x])); // stable: ties keep index order
        double[] values = new double[d];
        double[][] vectors = new double[d][d];
        for (int r = 0; r < d; r++) {
            int c = order[r];
            values[r] = a[c][c];
            for (int k = 0; k < d; k++) {
                vectors[r][k] = v[k][c];
            }
        }
        return new Decomposition(values, vectors);
    }

    /** {@code a ← Jᵀ a J} and {@code v ← v J} for the rotation J in the (p, q) plane that zeroes a[p][q]. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        int d = a.length;
        double apq = a[p][q];
        double theta = (a[q][q] - a[p][p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < d; k++) { // columns p and q
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < d; k++) { // rows p and q
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        a[p][q] = 0;
        a[q][p] = 0;
        for (int k = 0; k < d; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
