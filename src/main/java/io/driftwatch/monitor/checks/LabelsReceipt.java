package io.driftwatch.monitor.checks;

import java.util.List;

/**
 * What a batch of posted labels did: how many rows it had, how many labels it added, how many it
 * repeated (a label the monitor had already, or a row repeated in the batch), how many name an id no
 * prediction of the monitor has (not kept; the first few of them), and the evaluation of each window
 * whose predictions the new labels reached, oldest window first.
 *
 * <p>Thread-safe: immutable.
 *
 * @param received rows posted
 * @param accepted labels added
 * @param duplicates rows whose label was known already (or repeated in the batch): counted once
 * @param unknown rows whose id matches no logged prediction
 * @param unknownIds the first {@value Labels#UNKNOWN_IDS_LISTED} of those ids, in the batch's order
 * @param windows the windows evaluated again, each with its new evaluation
 */
public record LabelsReceipt(int received, int accepted, int duplicates, long unknown, List<String> unknownIds,
        List<QualityWindow> windows) {
    public LabelsReceipt {
        unknownIds = List.copyOf(unknownIds);
        windows = List.copyOf(windows);
    }
}
