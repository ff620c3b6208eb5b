package io.driftwatch.analysis;

import io.driftwatch.data.ColumnType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ReferenceProfile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What every analysis of one check runs on: the reference reduced to its profile (absent for a check
 * without reference, which runs only the analyses that need none), the current batch
 * as parsed once, and the type of every current column the check considers (declared by the monitor
 * or inferred; ignored columns left out), checked to line up with the reference.
 *
 * <p>Thread-safe: immutable (the table is never modified once read).
 *
 * @param reference the reference profile, if the check has one
 * @param current the current batch
 * @param types the type of each current column to consider, in column order
 */
public record CheckData(Optional<ReferenceProfile> reference, Table current, Map<String, ColumnType> types) {
    public CheckData {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(current, "current");
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }
}
