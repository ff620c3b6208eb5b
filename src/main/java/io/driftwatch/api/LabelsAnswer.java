package io.driftwatch.api;

import io.driftwatch.monitor.checks.LabelsReceipt;
import io.driftwatch.monitor.checks.QualityWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to posted labels: rows received, labels added, duplicates (counted once), rows whose id
 * matches no logged prediction (not kept; the first few listed), and every window the new labels
 * reached with its new evaluation.
 *
 * <p>Thread-safe: immutable.
 */
public record LabelsAnswer(int received, int accepted, int duplicates, long unknown, List<String> unknownIds,
        List<QualityWindowSummary> windows) {

    public LabelsAnswer {
        unknownIds = List.copyOf(unknownIds);
        windows = List.copyOf(windows);
    }

    static LabelsAnswer of(LabelsReceipt r) {
        List<QualityWindowSummary> windows = new ArrayList<>(r.windows().size());
        for (QualityWindow w : r.windows()) {
            windows.add(QualityWindowSummary.of(w));
        }
        return new LabelsAnswer(r.received(), r.accepted(), r.duplicates(), r.unknown(), r.unknownIds(), windows);
    }
}
