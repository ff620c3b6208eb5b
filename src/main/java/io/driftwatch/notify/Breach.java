package io.driftwatch.notify;

/**
 * What breached a monitor's policy and opened an incident, as alerts name it in their titles: the
 * model's quality (measured, then estimated), the data's quality, drift (across columns, then per
 * column). A check can breach several at once; they are listed in
 * this order, the model first (what users of the predictions feel), drift last. A check that could not
 * run is not a breach of these: its event carries {@link AlertEvent.Findings#checkError()}.
 *
 * <p>Thread-safe: an enum.
 */
public enum Breach {
    /** A degradation test failed: a metric is worse than the reference's by more than tolerated. */
    MODEL_DEGRADED("Model degraded", "Model quality"),
    /** One of Evidently's quality tests failed, or a metric crossed an absolute bound of the policy. */
    MODEL_QUALITY("Model quality failed", "Model quality"),
    /** A performance metric estimated without labels (CBPE, DLE) left its thresholds in a chunk. */
    ESTIMATED_PERFORMANCE("Estimated performance dropped", "Estimated performance"),
    /** A data-quality test failed or a reference-derived condition broke. */
    DATA_QUALITY("Data quality failed", "Data quality"),
    /** Multivariate drift (PCA reconstruction error, domain classifier) left its thresholds in a chunk. */
    MULTIVARIATE_DRIFT("Drift across columns", "Drift across columns"),
    /** The drift conditions: dataset drift, a share of drifted columns, or a named column drifted. */
    DATA_DRIFT("Data drift detected", "Data drift");

    private final String title;
    private final String topic;

    Breach(String title, String topic) {
        this.title = title;
        this.topic = topic;
    }

    /** How an alert's title says it happened: "Model degraded", "Data drift detected". */
    public String title() {
        return title;
    }

    /** What it is about, for a closing notice: "Model quality", "Data drift". */
    public String topic() {
        return topic;
    }
}
