package io.driftwatch.io;

import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a reference and a current batch can be compared column by column, and says precisely
 * what does not line up: a column missing on one side, a column the monitor declares but neither
 * batch has, or a type conflict (a numerical column stored as text on one side; a categorical column
 * holding numbers on one side and text on the other, whose categories could never match). A column
 * whose cells are all missing on one side conflicts with nothing: a reader can only guess the storage
 * of a column without values, and a column that went empty is for the checks to report, not a reason
 * to refuse the batch.
 *
 * <p>Thread-safe: stateless.
 */
public final class SchemaAlignment {

    /**
     * One thing that does not line up.
     *
     * @param column the column concerned
     * @param expected what was expected there
     * @param found what was found instead
     */
    public record Problem(String column, String expected, String found) {
        /** The problem in one sentence. */
        public String message() {
            return "column '" + column + "': expected " + expected + ", found " + found;
        }
    }

    private SchemaAlignment() {
    }

    /**
     * Every problem between {@code reference} and {@code current}, in current column order.
     *
     * @param types the type of each current column (from {@link TypeInference})
     * @param ignored columns the monitor ignores: never a problem
     */
    public static List<Problem> problems(Table reference, Table current, Map<String, ColumnType> types,
            Set<String> ignored) {
        List<Problem> problems = new ArrayList<>();
        for (Column cur : current.columns()) {
            String name = cur.name();
            if (ignored.contains(name)) {
                continue;
            }
            Optional<Column> ref = reference.column(name);
            if (ref.isEmpty()) {
                problems.add(new Problem(name, "it in the reference (as in the current batch)",
                        "no such column in the reference"));
                continue;
            }
            if (isEmpty(ref.get()) || isEmpty(cur)) {
                continue; // a side without values conflicts with nothing: its storage type is only a guess
            }
            ColumnType type = types.getOrDefault(name, ColumnType.UNSUPPORTED);
            typeConflict(name, type, ref.get().physicalType(), cur.physicalType()).ifPresent(problems::add);
        }
        for (Column ref : reference.columns()) {
            if (!ignored.contains(ref.name()) && current.column(ref.name()).isEmpty()) {
                problems.add(new Problem(ref.name(), "it in the current batch (as in the reference)",
                        "no such column in the current batch"));
            }
        }
        for (Map.Entry<String, ColumnType> declared : types.entrySet()) {
            String name = declared.getKey();
            if (!ignored.contains(name) && current.column(name).isEmpty() && reference.column(name).isEmpty()) {
                problems.add(new Problem(name, "a " + declared.getValue().label() + " column",
                        "it in neither batch"));
            }
        }
        return problems;
    }

    /**
     * Throws when {@link #problems} finds any.
     *
     * @throws SchemaMismatchException listing every problem, one per line
     */
    public static void check(String referenceName, String currentName, Table reference, Table current,
            Map<String, ColumnType> types, Set<String> ignored) {
        List<Problem> problems = problems(reference, current, types, ignored);
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("reference ").append(referenceName).append(" and current ")
                .append(currentName).append(" do not line up:");
        for (Problem p : problems) {
            message.append(System.lineSeparator()).append("  ").append(p.message());
        }
        throw new SchemaMismatchException(message.toString());
    }

    private static Optional<Problem> typeConflict(String name, ColumnType type, PhysicalType ref, PhysicalType cur) {
        switch (type) {
            case NUMERICAL -> {
                if (!isNumber(ref)) {
                    return Optional.of(new Problem(name, "numbers in the reference (the column is numerical)",
                            ref.describe()));
                }
                if (!isNumber(cur)) {
                    return Optional.of(new Problem(name, "numbers in the current batch (the column is numerical)",
                            cur.describe()));
                }
            }
            case CATEGORICAL -> {
                if ((ref == PhysicalType.STRING) != (cur == PhysicalType.STRING)) {
                    return Optional.of(new Problem(name, "the same kind of categories on both sides",
                            ref.describe() + " in the reference and " + cur.describe() + " in the current batch"));
                }
            }
            case DATETIME -> {
                if (ref != PhysicalType.TIMESTAMP || cur != PhysicalType.TIMESTAMP) {
                    return Optional.of(new Problem(name, "dates or timestamps on both sides",
                            ref.describe() + " in the reference and " + cur.describe() + " in the current batch"));
                }
            }
            default -> {
                // text and unsupported columns are not compared
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code column} has rows and every cell is missing. (A column without rows is a shape, as a
     * saved profile's columns are: its storage type is known.)
     */
    private static boolean isEmpty(Column column) {
        return column.length() > 0 && column.missingCount() == column.length();
    }

    private static boolean isNumber(PhysicalType t) {
        return t == PhysicalType.FLOAT || t == PhysicalType.INTEGER || t == PhysicalType.BOOLEAN;
    }

}
