package io.driftwatch.monitor.definitions;

import java.time.Instant;

/**
 * A stored monitor: its parsed definition, the text it was submitted as, and the reference
 * dataset and profile it checks against.
 *
 * @param id the monitor's id, which is its name
 * @param version 1 at creation, incremented by each update
 * @param definition the parsed definition
 * @param text the definition as submitted
 * @param mediaType {@code application/json} or {@code application/yaml}
 * @param referenceId the reference dataset's id
 * @param profileSha256 the reference profile's content hash
 */
public record Monitor(String id, int version, MonitorDefinition definition, String text, String mediaType,
        String referenceId, String profileSha256, Instant createdAt, Instant updatedAt) {
}
