package io.driftwatch.api;

import java.util.List;

/**
 * A page of a monitor's windows (its checks with a model-quality verdict), newest first; {@code next}
 * is the cursor of the next page, null on the last one.
 *
 * <p>Thread-safe: immutable.
 */
public record QualityPage(List<QualityWindowSummary> items, String next) {
    public QualityPage {
        items = List.copyOf(items);
    }
}
