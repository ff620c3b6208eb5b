package io.driftwatch.data;

import java.util.Objects;

/**
 * A column's name and how its source stored it.
 *
 * @param name the column name
 * @param physicalType how the values were stored at the source
 */
public record Field(String name, PhysicalType physicalType) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(physicalType, "physicalType");
    }
}
