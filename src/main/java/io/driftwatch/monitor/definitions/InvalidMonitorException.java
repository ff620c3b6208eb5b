package io.driftwatch.monitor.definitions;

import io.driftwatch.DriftwatchException;
import java.util.List;

/**
 * A monitor definition is not valid: malformed YAML or JSON, an unknown key, an unknown test or
 * correction, a threshold that is not a non-negative number, a drift share outside [0, 1], a column
 * listed in two roles. The message names the source, the line and column where known, and the field
 * path ({@code drift.per_column.temp.method}); {@link #problems()} lists the problems found, so one
 * edit can fix them all: the first {@link #LISTED} in document order, and the message says how many
 * more there are (a definition with a million mistakes gets an answer of a few kilobytes).
 *
 * <p>Thread-safe: immutable.
 */
public final class InvalidMonitorException extends DriftwatchException {
    private static final long serialVersionUID = 1L;
    /** How many problems are listed at most. */
    public static final int LISTED = 100;

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
    private final int total;

    public InvalidMonitorException(String source, List<Problem> problems) {
        super(message(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems.subList(0, Math.min(LISTED, problems.size())));
        this.total = problems.size();
    }

    /** The file or upload the definition came from. */
    public String source() {
        return source;
    }

    /** The problems found, in document order, at most {@link #LISTED}; never empty. */
    public List<Problem> problems() {
        return problems;
    }

    /** How many problems were found, listed or not. */
    public int total() {
        return total;
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
                .append(" problems").append(problems.size() > LISTED ? " (the first " + LISTED + " listed)" : "")
                .append(':');
        for (Problem p : problems.subList(0, Math.min(LISTED, problems.size()))) {
            b.append(System.lineSeparator()).append("  ").append(p.describe());
        }
        if (problems.size() > LISTED) {
            b.append(System.lineSeparator()).append("  … and ").append(problems.size() - LISTED)
                    .append(" more; fix these and send it again to see the rest");
        }
        return b.toString();
    }
}
