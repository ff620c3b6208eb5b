package io.driftwatch.quality;

import io.driftwatch.analysis.ClassLabel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classes met on one side of a check, each with a code {@code 0, 1, …} in order of first
 * appearance, and the encoding of a column's cells into those codes. Two labels are one class when
 * Python's {@code ==} says so ({@code 1}, {@code 1.0} and {@code True} are one class; the first kind
 * met is kept).
 *
 * <p>The per-cell loops look a value up in a direct table (small non-negative whole numbers, the
 * usual class encoding) or an open-addressing table of the value's bits, and the dictionary only once
 * per distinct value; no boxing per cell. Deliberately low-level for that reason.
 *
 * <p>Not thread-safe: one instance per side being scored.
 */
final class LabelCodes {
    /** Most classes a classification side may have (the contingency table is their square). */
    static final int MAX_CLASSES = 1000;
    private static final int SMALL = 256;

    private final List<ClassLabel> labels = new ArrayList<>();
    private final Map<Double, Integer> numbers = new HashMap<>();
    private final Map<String, Integer> texts = new HashMap<>();

    /** Number of classes. */
    int size() {
        return labels.size();
    }

    /** The class of {@code code}. */
    ClassLabel label(int code) {
        return labels.get(code);
    }

    /** The code of the class {@code label} is equal to (Python's {@code ==}), or -1. */
    int find(ClassLabel label) {
        Integer code = label.kind().isNumeric() ? numbers.get(label.number()) : texts.get(label.text());
        return code == null ? -1 : code;
    }

    /** The code of {@code label}'s class, which joins the classes when new. */
    int add(ClassLabel label) {
        int code = find(label);
        if (code >= 0) {
            return code;
        }
        code = labels.size();
        labels.add(label);
        if (label.kind().isNumeric()) {
            numbers.put(label.number(), code);
        } else {
            texts.put(label.text(), code);
        }
        return code;
    }

    /**
     * The codes of {@code values[0, n)} (finite numbers) read as labels of {@code kind}; null when
     * they hold more than {@link #MAX_CLASSES} classes.
     */
    int[] encode(double[] values, int n, ClassLabel.Kind kind) {
        int[] out = new int[n];
        int[] small = new int[SMALL];
        Arrays.fill(small, -1);
        BitsIndex others = null;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            int iv = (int) v;
            int code;
            if (iv == v && iv >= 0 && iv < SMALL) {
                code = small[iv];
                if (code < 0) {
                    code = add(ClassLabel.ofNumber(kind, iv));
                    small[iv] = code;
                }
            } else {
                if (others == null) {
                    others = new BitsIndex();
                }
                long key = Double.doubleToLongBits(v + 0.0);
                code = others.get(key);
                if (code < 0) {
                    code = add(ClassLabel.ofNumber(kind, v));
                    others.put(key, code);
                }
            }
            if (labels.size() > MAX_CLASSES) {
                return null;
            }
            out[i] = code;
        }
        return out;
    }

    /**
     * The codes of the text cells {@code dictionaryCodes[0, n)} (codes into {@code dictionary}, none
     * missing); null when they hold more than {@link #MAX_CLASSES} classes.
     */
    int[] encode(int[] dictionaryCodes, int n, String[] dictionary) {
        int[] remap = new int[dictionary.length];
        Arrays.fill(remap, -1);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int c = dictionaryCodes[i];
            int code = remap[c];
            if (code < 0) {
                code = add(ClassLabel.ofText(dictionary[c]));
                remap[c] = code;
                if (labels.size() > MAX_CLASSES) {
                    return null;
                }
            }
            out[i] = code;
        }
        return out;
    }

    /** An open-addressing map from a double's bits to a code. */
    private static final class BitsIndex {
        private long[] keys = new long[64];
        private int[] codes = filled(64);
        private int count;

        int get(long key) {
            int mask = keys.length - 1;
            int slot = mix(key) & mask;
            while (codes[slot] >= 0) {
                if (keys[slot] == key) {
                    return codes[slot];
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }

        void put(long key, int code) {
            if (2 * (count + 1) > keys.length) {
                long[] oldKeys = keys;
                int[] oldCodes = codes;
                keys = new long[oldKeys.length * 2];
                codes = filled(oldKeys.length * 2);
                count = 0;
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldCodes[i] >= 0) {
                        put(oldKeys[i], oldCodes[i]);
                    }
                }
            }
            int mask = keys.length - 1;
            int slot = mix(key) & mask;
            while (codes[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            codes[slot] = code;
            count++;
        }

        private static int[] filled(int size) {
            int[] a = new int[size];
            Arrays.fill(a, -1);
            return a;
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
