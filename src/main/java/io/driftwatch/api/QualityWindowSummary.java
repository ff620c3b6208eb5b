package io.driftwatch.api;

import io.driftwatch.monitor.checks.QualitySummary;
import io.driftwatch.monitor.checks.QualityWindow;
import java.time.Duration;
import java.util.Map;

/**
 * One window's model quality, as the quality history ({@code GET /monitors/{id}/quality}), the history
 * of checks, a check and the answer to posted labels show it: the check, its logged predictions, how
 * many of them are labelled (coverage) and how late their labels came, and the quality known for it:
 * from the newest evaluation of its labelled rows ({@code source: labels}), else the check's own
 * ({@code source: check}; not measured when its batch had no target).
 *
 * <p>Thread-safe: immutable.
 *
 * @param checkId the check
 * @param createdAt when it ran
 * @param predictions prediction rows it logged (0 without {@code model.id})
 * @param labelled predictions with a label
 * @param coverage {@code labelled / predictions}; null when it logged none
 * @param latency how long after their predictions the labels came; null before any label
 * @param evaluatedAt when the labels that last changed it were received; null before any
 * @param source {@code labels} or {@code check}: where {@code quality} comes from
 * @param rows rows scored
 * @param metrics the metrics by Evidently's key (null where undefined)
 * @param failed whether the model failed its tests
 * @param error why the model could not be scored, or null
 * @param quality the verdict in full: task, tests and their status, errors
 * @param estimateRealized for a monitor that estimates its performance without labels, each estimated
 *     metric realized on the labelled rows of the newest evaluation (NannyML's names and definitions),
 *     to stand beside the check's estimate; null otherwise
 * @param links the check, its report and its monitor
 */
public record QualityWindowSummary(String checkId, String createdAt, int predictions, int labelled, Double coverage,
        Latency latency, String evaluatedAt, String source, int rows, Map<String, Double> metrics, boolean failed,
        String error, QualitySummary quality, Map<String, Double> estimateRealized, Links links) {

    /**
     * How long after their predictions a window's labels came, in seconds: the median and the largest.
     */
    public record Latency(double medianSeconds, double maxSeconds) {
        static Latency of(QualityWindow.Latency l) {
            return new Latency(seconds(l.median()), seconds(l.max()));
        }

        private static double seconds(Duration d) {
            return d.toMillis() / 1000.0;
        }
    }

    static QualityWindowSummary of(QualityWindow w) {
        QualityWindow.Evaluation e = w.evaluation();
        QualitySummary q = w.quality();
        return new QualityWindowSummary(w.checkId(), w.createdAt().toString(), w.predictions(), w.labelled(),
                w.coverage(), e == null ? null : Latency.of(e.latency()),
                e == null ? null : e.evaluatedAt().toString(), e == null ? "check" : "labels", q.rows(), q.metrics(),
                q.failed(), q.error(), q, e == null || e.estimateRealized().isEmpty() ? null : e.estimateRealized(),
                Links.ofCheck(w.checkId(), w.monitorId()));
    }
}
