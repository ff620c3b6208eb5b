package io.driftwatch.monitor.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One window of a monitor with a model: a check and the model quality known for it. The check's own
 * verdict ({@code checked}: scored when the batch came with its target; "not measured" for a batch
 * of predictions alone) and, once labels that arrived later were joined to the predictions it logged,
 * the newest evaluation of its labelled rows.
 *
 * <p>Thread-safe: immutable.
 *
 * @param checkId the check
 * @param monitorId its monitor
 * @param createdAt when it ran
 * @param observedAt when its data was current (the end of a scheduled check's window, else
 *     {@code createdAt}), where charts put it
 * @param predictions prediction rows it logged for labels that arrive later (0 without {@code model.id})
 * @param checked the check's own verdict
 * @param evaluation the newest evaluation from labels; null while none of its predictions is labelled
 */
public record QualityWindow(String checkId, String monitorId, Instant createdAt, Instant observedAt, int predictions,
        QualitySummary checked, Evaluation evaluation) {

    public QualityWindow {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(checked, "checked");
    }

    /**
     * The window's quality from the labels known at {@code evaluatedAt}.
     *
     * @param evaluatedAt when the labels that last changed it were received
     * @param labelled predictions with a label
     * @param coverage {@code labelled / predictions}
     * @param latency how long after the predictions their labels came
     * @param quality the verdict on the labelled rows
     * @param estimateRealized for a monitor that estimates its performance without labels, each
     *     estimated metric realized on the labelled rows (NannyML's definitions; null where undefined),
     *     to stand beside the check's estimate; empty otherwise
     */
    public record Evaluation(Instant evaluatedAt, int labelled, double coverage, Latency latency,
            QualitySummary quality, Map<String, Double> estimateRealized) {
        public Evaluation {
            Objects.requireNonNull(evaluatedAt, "evaluatedAt");
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(quality, "quality");
            estimateRealized = estimateRealized == null ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(estimateRealized));
        }
    }

    /**
     * The latency of a window's labels: the time from each labelled prediction's logging to its label's
     * arrival, the median (the lower middle value for an even count) and the largest.
     */
    public record Latency(Duration median, Duration max) {
        public Latency {
            Objects.requireNonNull(median, "median");
            Objects.requireNonNull(max, "max");
        }

        /** The latency of labels received {@code receivedAt[i] - loggedAt[i]} ms after their predictions. */
        static Latency of(long[] loggedAtMillis, long[] receivedAtMillis, int n) {
            if (n == 0) {
                return new Latency(Duration.ZERO, Duration.ZERO);
            }
            long[] delays = new long[n];
            for (int i = 0; i < n; i++) {
                delays[i] = receivedAtMillis[i] - loggedAtMillis[i];
            }
            java.util.Arrays.sort(delays);
            return new Latency(Duration.ofMillis(delays[(n - 1) / 2]), Duration.ofMillis(delays[n - 1]));
        }
    }

    /** The quality known for the window: the newest evaluation's, else the check's own. */
    public QualitySummary quality() {
        return evaluation != null ? evaluation.quality() : checked;
    }

    /** Predictions with a label (0 before any). */
    public int labelled() {
        return evaluation == null ? 0 : evaluation.labelled();
    }

    /** The share of the window's predictions with a label; null when it logged none. */
    public Double coverage() {
        return predictions == 0 ? null : (double) labelled() / predictions;
    }
}
