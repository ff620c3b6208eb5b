package io.driftwatch.monitor.checks;

/**
 * A check as it was just recorded, with the JSON result and the model quality that were stored for
 * it, so that whoever ran it can answer with them without reading them back.
 *
 * <p>Thread-safe: immutable.
 *
 * @param check the check
 * @param result its JSON result document; null for a check that could not run
 * @param quality its model-quality verdict and the predictions it logged; null when its monitor has no
 *     model
 */
public record RecordedCheck(Check check, String result, QualityWindow quality) {
}
