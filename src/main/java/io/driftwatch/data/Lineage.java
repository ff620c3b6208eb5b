package io.driftwatch.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a batch's bytes came from, as the system that versions them names them: for a DVC-tracked
 * file, the {@code .dvc} file or {@code dvc.lock} that points at it, its path and MD5, and where the
 * content was found. Results and reports carry it beside the batch's SHA-256, so a check says exactly
 * which version of the data it used.
 *
 * <p>Thread-safe: immutable.
 *
 * @param system the versioning system, e.g. {@code dvc}
 * @param facts what it says of the batch, in the order to show them (keys are camelCase words)
 */
public record Lineage(String system, Map<String, String> facts) {
    public Lineage {
        Objects.requireNonNull(system, "system");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** The fact named {@code key}, or null. */
    public String fact(String key) {
        return facts.get(key);
    }
}
