package io.driftwatch.trigger;

import java.util.HashSet;
import java.util.Set;

/**
 * Metric, param and tag keys MLflow accepts, made from column names that may hold anything.
 * MLflow allows letters, digits, underscores, dashes, periods, spaces and slashes in a key of at
 * most 250 characters, and rejects keys that are not already a normalised path ({@code a//b},
 * {@code a/./b}, a leading {@code /}). A column name keeps its letters, digits, {@code _ - .} and
 * spaces; every other character (slashes included) becomes {@code _}; {@code .} and {@code ..}
 * become {@code _} and {@code __}. Two columns that sanitise to the same key are told apart by
 * a {@code _2}, {@code _3}… suffix, in column order, so the mapping is deterministic.
 *
 * <p>Not thread-safe: one instance per rendered payload (it remembers the keys it gave out).
 */
final class MlflowKeys {
    /** MLflow's longest key. */
    static final int MAX_KEY = 250;

    private final Set<String> used = new HashSet<>();

    /** A key {@code prefix + column} that MLflow accepts and that this instance has not given out. */
    String unique(String prefix, String column) {
        String base = fit(prefix, sanitise(column));
        String key = base;
        for (int n = 2; !used.add(key); n++) {
            key = fit(prefix, sanitise(column), "_" + n);
        }
        return key;
    }

    /** {@code name} with only characters MLflow accepts in a key segment. */
    static String sanitise(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> out.appendCodePoint(allowed(c) ? c : '_'));
        String s = out.toString();
        if (s.isEmpty()) {
            return "_";
        }
        if (s.equals(".") || s.equals("..")) {
            return s.replace('.', '_');
        }
        return s;
    }

    /** Whether MLflow accepts {@code key} as is (the rule this class enforces). */
    static boolean valid(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY || key.startsWith("/")) {
            return false;
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
            if (!segment.codePoints().allMatch(MlflowKeys::allowed)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowed(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ' ';
    }

    private static String fit(String prefix, String name) {
        return fit(prefix, name, "");
    }

    private static String fit(String prefix, String name, String suffix) {
        int room = MAX_KEY - prefix.length() - suffix.length();
        String n = name;
        if (n.length() > room) {
            int end = room;
            if (Character.isLowSurrogate(n.charAt(end)) && end > 0) {
                end--; // never split a surrogate pair
            }
            n = n.substring(0, end);
        }
        return prefix + n + suffix;
    }
}
