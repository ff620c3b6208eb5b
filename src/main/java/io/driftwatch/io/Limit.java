package io.driftwatch.io;

import java.util.Locale;

/**
 * A limit on what a batch may be or hold, with the setting that changes it, so a refusal can say
 * both: "more than 10000 columns, the most a batch may have (api.maxColumns)".
 *
 * <p>Thread-safe: immutable.
 *
 * @param max the most allowed (bytes, columns or characters, as the user of the limit says)
 * @param setting the configuration key that sets it, named when a batch is refused; null when
 *     nothing configures it (the command line reads with the built-in defaults)
 */
public record Limit(long max, String setting) implements java.io.Serializable {
    public Limit {
        if (max < 1) {
            throw new IllegalArgumentException("a limit must be at least 1, not " + max);
        }
    }

    /** A limit that no setting changes. */
    public static Limit builtIn(long max) {
        return new Limit(max, null);
    }

    /** {@code " (setting)"}, or nothing when no setting configures the limit. */
    public String settingSuffix() {
        return setting == null ? "" : " (" + setting + ")";
    }

    /** {@code "10000 columns"}: the limit and its unit. */
    public String describe(String unit) {
        return max + " " + unit;
    }

    /**
     * {@code "16777216 characters (16 MiB)"}: the limit and its unit, with the size in MiB (or KiB
     * below one MiB), to one decimal when it is not a whole number of them (for limits on bytes and
     * characters).
     */
    public String describeSize(String unit) {
        String text = max + " " + unit;
        if (max >= 1 << 20) {
            return text + " (" + scaled(max, 1 << 20) + " MiB)";
        }
        if (max >= 1 << 10) {
            return text + " (" + scaled(max, 1 << 10) + " KiB)";
        }
        return text;
    }

    private static String scaled(long value, long unit) {
        return value % unit == 0 ? Long.toString(value / unit)
                : String.format(Locale.ROOT, "%.1f", (double) value / unit);
    }
}
