package io.driftwatch.examples;

/**
 * The quality of a regression model on one batch, measured independently of Driftwatch's own
 * quality code. Definitions are scikit-learn's (which Evidently uses). An immutable value;
 * thread-safe.
 *
 * @param rows           the batch's rows
 * @param meanTarget     mean of the true values
 * @param meanPrediction mean of the predictions
 * @param mae            mean absolute error
 * @param rmse           root mean squared error
 * @param r2             1 - (sum of squared errors) / (sum of squared deviations of the truth from its mean)
 */
record RegressionScores(int rows, double meanTarget, double meanPrediction, double mae, double rmse, double r2) {

    /** @throws IllegalArgumentException when the arrays differ in length or are empty */
    static RegressionScores of(double[] truth, double[] prediction) {
        int n = truth.length;
        if (prediction.length != n || n == 0) {
            throw new IllegalArgumentException("truth and prediction must be non-empty and equally long: " + n
                    + ", " + prediction.length);
        }
        double sumTruth = 0;
        double sumPrediction = 0;
        double sumAbs = 0;
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            double error = prediction[i] - truth[i];
            sumTruth += truth[i];
            sumPrediction += prediction[i];
            sumAbs += Math.abs(error);
            sumSquares += error * error;
        }
        double mean = sumTruth / n;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = truth[i] - mean;
            total += d * d;
        }
        return new RegressionScores(n, mean, sumPrediction / n, sumAbs / n, Math.sqrt(sumSquares / n),
                1 - sumSquares / total);
    }
}
