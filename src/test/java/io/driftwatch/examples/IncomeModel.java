package io.driftwatch.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import smile.classification.LogisticRegression;

/**
 * The income classifier of the Adult example: an L2-regularised logistic regression (Smile 2.6,
 * trained by L-BFGS, no randomness) on
 * <ul>
 *   <li>standardised numbers: {@code age}, {@code age}², {@code education-num}, log(1 + {@code capital-gain}),
 *       log(1 + {@code capital-loss}), {@code hours-per-week} (mean and standard deviation of the training rows);
 *   <li>one-hot categories: {@code workclass}, {@code marital-status}, {@code occupation},
 *       {@code relationship}, {@code race}, {@code sex}, {@code native-country}, one indicator per value
 *       seen in training ({@code ?} included); a value never seen in training sets none of them.
 * </ul>
 * {@code education} is left out ({@code education-num} is the same information as a number), and so is
 * {@code fnlwgt}, a census sampling weight rather than a trait of the person. Immutable once fitted;
 * thread-safe for {@link #probability}.
 */
final class IncomeModel {
    private static final int[] CATEGORICAL = {AdultRecord.WORKCLASS, AdultRecord.MARITAL_STATUS,
        AdultRecord.OCCUPATION, AdultRecord.RELATIONSHIP, AdultRecord.RACE, AdultRecord.SEX,
        AdultRecord.NATIVE_COUNTRY};
    private static final int NUMBERS = 6;
    /** L2 penalty: small against 27,561 rows, enough to keep the collinear one-hot columns from slowing L-BFGS. */
    private static final double LAMBDA = 1;
    private static final double TOLERANCE = 1e-5;
    private static final int MAX_ITERATIONS = 1000;

    private final double[] mean;
    private final double[] sd;
    private final List<Map<String, Integer>> levels;
    private final int width;
    private final LogisticRegression.Binomial regression;

    private IncomeModel(double[] mean, double[] sd, List<Map<String, Integer>> levels, int width,
            LogisticRegression.Binomial regression) {
        this.mean = mean;
        this.sd = sd;
        this.levels = levels;
        this.width = width;
        this.regression = regression;
    }

    /** Fits the model on {@code training}. */
    static IncomeModel fit(List<AdultRecord> training) {
        int n = training.size();
        double[][] raw = new double[n][];
        for (int i = 0; i < n; i++) {
            raw[i] = numbers(training.get(i));
        }
        double[] mean = new double[NUMBERS];
        double[] sd = new double[NUMBERS];
        for (int j = 0; j < NUMBERS; j++) {
            double sum = 0;
            for (double[] row : raw) {
                sum += row[j];
            }
            mean[j] = sum / n;
            double squares = 0;
            for (double[] row : raw) {
                squares += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
            sd[j] = Math.sqrt(squares / (n - 1));
        }
        List<Map<String, Integer>> levels = new ArrayList<>(CATEGORICAL.length);
        int width = NUMBERS;
        for (int column : CATEGORICAL) {
            TreeMap<String, Integer> values = new TreeMap<>();
            for (AdultRecord r : training) {
                values.put(r.text(column), 0);
            }
            for (Map.Entry<String, Integer> e : values.entrySet()) {
                e.setValue(width++);
            }
            levels.add(values);
        }
        IncomeModel unfitted = new IncomeModel(mean, sd, levels, width, null);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = unfitted.encode(training.get(i));
            y[i] = training.get(i).above50k() ? 1 : 0;
        }
        return new IncomeModel(mean, sd, levels, width,
                LogisticRegression.binomial(x, y, LAMBDA, TOLERANCE, MAX_ITERATIONS));
    }

    /** P(income above $50K) for {@code person}. */
    double probability(AdultRecord person) {
        double[] posterior = new double[2];
        regression.predict(encode(person), posterior);
        return posterior[1];
    }

    private double[] encode(AdultRecord r) {
        double[] x = new double[width];
        double[] numbers = numbers(r);
        for (int j = 0; j < NUMBERS; j++) {
            x[j] = (numbers[j] - mean[j]) / sd[j];
        }
        for (int c = 0; c < CATEGORICAL.length; c++) {
            Integer position = levels.get(c).get(r.text(CATEGORICAL[c]));
            if (position != null) {
                x[position] = 1;
            }
        }
        return x;
    }

    private static double[] numbers(AdultRecord r) {
        double age = r.integer(AdultRecord.AGE);
        return new double[] {age, age * age, r.integer(AdultRecord.EDUCATION_NUM),
            Math.log1p(r.integer(AdultRecord.CAPITAL_GAIN)), Math.log1p(r.integer(AdultRecord.CAPITAL_LOSS)),
            r.integer(AdultRecord.HOURS_PER_WEEK)};
    }
}
