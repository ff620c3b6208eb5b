package io.driftwatch.monitor;

import io.driftwatch.DriftwatchException;
import java.util.List;

/**
 * A monitor definition is not valid: malformed YAML or JSON, an unknown key, an unknown test or
 * correction, a threshold that is not a non-negative number, a drift share outside [0, 1], a column
 * listed in two roles. The message names the source, the line and column where known, and the field
 * path ({@code drift.per_column.temp.method}); {@link #problems()} lists every problem found, so one
 * edit can fix them all.
 *
 * <p>Thread-safe: immutable.
 */
public class InvalidMonitorException extends DriftwatchException {
    private static final long serialVersionUID = 1L;

    /**
     * One thing wrong with a definition.
     *
     * @param field the field path, e.g. {@code drift.share} or {@code columns.numerical[2]}; empty for
     *     the document as a whole
     * @param line 1-based line in the source, or 0 when not known
     * @param column 1-based column in the source, or 0 when not known
     * @param message what is wrong and what would be valid
     */
    public record Problem(String field, int line, int column, String message) implements java.io.Serializable {
        /** The problem in one line: {@code line 4, column 3: drift.share: must be …}. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            if (line > 0) {
                b.append("line ").append(line);
                if (column > 0) {
                    b.append(", column ").append(column);
                }
                b.append(": ");
            }
            if (!field.isEmpty()) {
                b.append(field).append(": ");
            }
            return b.append(message).toString();
        }
    }

    private final String source;
    private final List<Problem> problems;

    InvalidMonitorException(String source, List<Problem> problems) {
        super(message(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file or upload the definition came from. */
    public String source() {
        return source;
    }

    /** Every problem found, in document order; never empty. */
    public List<Problem> problems() {
        return problems;
    }

    /** The field path of the first problem (what an API error's {@code field} names). */
    public String field() {
        return problems.get(0).field();
    }

    private static String message(String source, List<Problem> problems) {
        if (problems.size() == 1) {
            return "monitor " + source + " is invalid: " + problems.get(0).describe();
        }
        StringBuilder b = new StringBuilder("monitor ").append(source).append(" has ").append(problems.size())
                .append(" problems:");
        for (Problem p : problems) {
            b.append(System.lineSeparator()).append("  ").append(p.describe());
        }
        return b.toString();
    }
}
