package io.driftwatch.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Batches of a binary churn classifier for the late-label tests, generated from row numbers so that a
 * test can compute what the service must report: each row has an id ({@code prefix} and its number),
 * a feature {@code x}, the predicted label {@code churn_label} and the probability {@code churn_proba}
 * (0.8 or 0.2 give or take 0.05, so the predicted label is always the probability's side of 0.5), and
 * its true label {@code churned}, which the reference carries and the checked batches leave out (the
 * labels arrive later). The model is wrong on the rows {@link #wrong} picks.
 *
 * <p>Thread-safe: stateless.
 */
public final class ChurnBatches {
    private ChurnBatches() {
    }

    /** The true label of row {@code i}: 1 for four rows in ten. */
    public static int truth(int i) {
        return (i * 7) % 10 < 4 ? 1 : 0;
    }

    /** Whether the model is wrong on row {@code i} of a batch: one in ten of the first half, one in four of the rest. */
    public static boolean wrong(int i, int rows) {
        return i < rows / 2 ? i % 10 == 3 : i % 4 == 1;
    }

    public static int predicted(int i, int rows) {
        return wrong(i, rows) ? 1 - truth(i) : truth(i);
    }

    public static String id(String prefix, int i) {
        return String.format(Locale.ROOT, "%s%03d", prefix, i);
    }

    /** The reference: {@code rows} rows with their true labels (the model right on nine in ten). */
    public static byte[] reference(int rows) {
        StringBuilder csv = new StringBuilder("request_id,x,churned,churn_label,churn_proba\n");
        for (int i = 0; i < rows; i++) {
            int p = i % 10 == 3 ? 1 - truth(i) : truth(i);
            csv.append(id("ref", i)).append(',').append(x(i)).append(',').append(truth(i)).append(',').append(p)
                    .append(',').append(proba(p, i)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A reference of {@code rows} rows whose model is wrong on about {@code errorRate} of them (drawn with {@code seed}). */
    public static byte[] reference(int rows, double errorRate, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("request_id,x,churned,churn_label,churn_proba\n");
        for (int i = 0; i < rows; i++) {
            int p = random.nextDouble() < errorRate ? 1 - truth(i) : truth(i);
            csv.append(id("ref", i)).append(',').append(x(i)).append(',').append(truth(i)).append(',').append(p)
                    .append(',').append(proba(p, i)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A batch of {@code rows} predictions without their true labels. */
    public static byte[] predictions(String prefix, int rows) {
        StringBuilder csv = new StringBuilder("request_id,x,churn_label,churn_proba\n");
        for (int i = 0; i < rows; i++) {
            int p = predicted(i, rows);
            csv.append(id(prefix, i)).append(',').append(x(i)).append(',').append(p).append(',').append(proba(p, i))
                    .append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A batch of {@code rows} predictions without their true labels whose model is wrong on about
     * {@code errorRate} of the rows (drawn with {@code seed}), for charts of a model that degrades.
     */
    public static byte[] predictions(String prefix, int rows, double errorRate, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("request_id,x,churn_label,churn_proba\n");
        for (int i = 0; i < rows; i++) {
            int p = random.nextDouble() < errorRate ? 1 - truth(i) : truth(i);
            csv.append(id(prefix, i)).append(',').append(x(i)).append(',').append(p).append(',').append(proba(p, i))
                    .append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The true labels of rows {@code [from, to)} of the batch {@code prefix}, as posted labels. */
    public static String labels(String prefix, int from, int to) {
        StringBuilder csv = new StringBuilder("request_id,churned\n");
        appendLabels(csv, prefix, from, to);
        return csv.toString();
    }

    public static void appendLabels(StringBuilder csv, String prefix, int from, int to) {
        for (int i = from; i < to; i++) {
            csv.append(id(prefix, i)).append(',').append(truth(i)).append('\n');
        }
    }

    /** The accuracy of the model on rows {@code [from, to)} of a batch of {@code rows}. */
    public static double accuracy(int rows, int from, int to) {
        int right = 0;
        for (int i = from; i < to; i++) {
            right += wrong(i, rows) ? 0 : 1;
        }
        return (double) right / (to - from);
    }

    /** The accuracy on the union of two row ranges of a batch of {@code rows}. */
    public static double accuracy(int rows, int from1, int to1, int from2, int to2) {
        int right = 0;
        for (int i = from1; i < to1; i++) {
            right += wrong(i, rows) ? 0 : 1;
        }
        for (int i = from2; i < to2; i++) {
            right += wrong(i, rows) ? 0 : 1;
        }
        return (double) right / (to1 - from1 + to2 - from2);
    }

    /** The monitor: drift on {@code x}, the classifier, and labels joined by {@code request_id}. */
    public static String monitor(String name, String referenceId, boolean withId) {
        return monitor(name, referenceId, withId, "");
    }

    /** As {@link #monitor(String, String, boolean)}, followed by {@code more} YAML (e.g. a quality: section). */
    public static String monitor(String name, String referenceId, boolean withId, String more) {
        return "name: " + name + "\n"
                + "reference: " + referenceId + "\n"
                + "columns:\n  numerical: [x]\n"
                + "model:\n"
                + "  task: binary_classification\n"
                + "  target: churned\n"
                + "  prediction: churn_label\n"
                + "  probabilities: churn_proba\n"
                + "  pos_label: 1\n"
                + (withId ? "  id: request_id\n" : "") + more;
    }

    private static String x(int i) {
        return String.format(Locale.ROOT, "%.2f", (i % 17) * 1.5 + (i % 3) * 0.25);
    }

    private static String proba(int predicted, int i) {
        double p = (predicted == 1 ? 0.8 : 0.2) + ((i % 11) - 5) * 0.01;
        return String.format(Locale.ROOT, "%.2f", p);
    }
}
