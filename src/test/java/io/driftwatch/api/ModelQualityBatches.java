package io.driftwatch.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/**
 * Batches of a churn classifier's logged predictions, with their labels, for the model-quality
 * service tests: {@code tenure} (months), {@code monthly_charges}, {@code contract} (month, one_year,
 * two_year), the true label {@code churned}, the model's {@code churn_proba} and its
 * {@code churn_label}.
 *
 * <p>Customers churn when {@code z + ε > 0}, with {@code z = −0.06·(tenure − 24) + 0.04·(charges − 65)
 * + c(contract)} ({@code c} = 1, −0.5, −1.5) and {@code ε ~ N(0, 0.6)}; the model predicts
 * {@code P(churn) = 1 / (1 + e^(−2.5·z))}, so it knows the relation and only the noise fools it
 * (accuracy about 0.91 on {@value #ROWS} rows).
 *
 * <ul>
 *   <li>{@link #reference} and {@link #clean}: as above.</li>
 *   <li>{@link #drifted}: older customers paying more on longer contracts (tenure 36 to 108 instead of 0
 *       to 72, charges 60 to 160 instead of 20 to 120, contracts 20 / 30 / 50 % instead of
 *       50 / 30 / 20 %): every feature drifts, and the model, whose relation still holds, stays as
 *       accurate (about 0.93).</li>
 *   <li>{@link #degraded}: the same customers as the reference, but the relation between charges and
 *       churn reversed (a competitor's prices changed): nothing drifts in the inputs, and the model
 *       falls to an accuracy of about 0.6.</li>
 * </ul>
 *
 * <p>Every batch is drawn from its own seed. Thread-safe: stateless.
 */
public final class ModelQualityBatches {
    /** Rows of the reference and of every batch. */
    public static final int ROWS = 1000;
    private static final String HEADER = "tenure,monthly_charges,contract,churned,churn_proba,churn_label";
    private static final String[] CONTRACTS = {"month", "one_year", "two_year"};
    private static final double[] CONTRACT_EFFECT = {1.0, -0.5, -1.5};

    private enum Kind { AS_TRAINED, DRIFTED, DEGRADED }

    private ModelQualityBatches() {
    }

    /** The monitor: the classifier's {@code model:} section, its features, and {@code extra}. */
    public static String monitor(String name, String referenceId, String extra) {
        return "name: " + name + "\nreference: " + referenceId + "\n"
                + "columns: {numerical: [tenure, monthly_charges], categorical: [contract]}\n"
                + "model: {task: binary_classification, target: churned, prediction: churn_label,"
                + " probabilities: churn_proba, pos_label: 1}\n" + extra;
    }

    /** The reference: the validation set the model was accepted on. */
    public static byte[] reference() {
        return batch(20_240_501L, Kind.AS_TRAINED);
    }

    /** Customers like the reference's, and the model as accurate. */
    public static byte[] clean(long seed) {
        return batch(seed, Kind.AS_TRAINED);
    }

    /** Every feature drifts strongly; the model stays accurate. */
    public static byte[] drifted(long seed) {
        return batch(seed, Kind.DRIFTED);
    }

    /** No feature drifts; the model is clearly worse. */
    public static byte[] degraded(long seed) {
        return batch(seed, Kind.DEGRADED);
    }

    private static byte[] batch(long seed, Kind kind) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(ROWS * 40).append(HEADER).append('\n');
        for (int i = 0; i < ROWS; i++) {
            boolean drifted = kind == Kind.DRIFTED;
            double tenure = (drifted ? 36 : 0) + 72 * random.nextDouble();
            double charges = (drifted ? 60 : 20) + 100 * random.nextDouble();
            double u = random.nextDouble();
            int contract = drifted ? (u < 0.2 ? 0 : u < 0.5 ? 1 : 2) : (u < 0.5 ? 0 : u < 0.8 ? 1 : 2);
            double z = -0.06 * (tenure - 24) + 0.04 * (charges - 65) + CONTRACT_EFFECT[contract];
            double truth = kind == Kind.DEGRADED ? z - 0.08 * (charges - 65) : z;
            int churned = truth + 0.6 * random.nextGaussian() > 0 ? 1 : 0;
            double proba = 1 / (1 + Math.exp(-2.5 * z));
            out.append(String.format(Locale.ROOT, "%.1f,%.2f,%s,%d,%.4f,%d\n", tenure, charges, CONTRACTS[contract],
                    churned, proba, proba >= 0.5 ? 1 : 0));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
