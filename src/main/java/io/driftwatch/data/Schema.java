package io.driftwatch.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered fields of a {@link Table}. Column names are unique: readers reject duplicates with
 * the offending name before a schema is built.
 *
 * <p>Thread-safe: immutable.
 */
public final class Schema {
    private final List<Field> fields;
    private final Map<String, Integer> indexByName;

    public Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        this.indexByName = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            String name = this.fields.get(i).name();
            if (indexByName.putIfAbsent(name, i) != null) {
                throw new IllegalArgumentException("duplicate column name '" + name + "'");
            }
        }
    }

    public List<Field> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public Field field(int index) {
        return fields.get(index);
    }

    /** The index of the column called {@code name}, if there is one. */
    public Optional<Integer> indexOf(String name) {
        return Optional.ofNullable(indexByName.get(name));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "Schema" + fields;
    }
}
