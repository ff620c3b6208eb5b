package io.driftwatch.monitor.checks;

/**
 * A check as it was just recorded, with the JSON result that was stored for it, so that whoever ran
 * it can answer with the result without reading it back.
 *
 * <p>Thread-safe: immutable.
 *
 * @param check the check
 * @param result its JSON result document; null for a check that could not run
 */
public record RecordedCheck(Check check, String result) {
}
