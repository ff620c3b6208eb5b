package io.driftwatch.data;

import java.util.Arrays;

/**
 * Grows a {@link CategoricalColumn} one cell at a time. Labels are interned in an open-addressing
 * table keyed by their characters, so a reader can pass a slice of its buffer
 * ({@link #append(char[], int, int)}) and a string is allocated only for a label not seen before.
 * Deliberately low-level for that reason; the rest of the package is plain.
 *
 * <p>Not thread-safe: one builder per reader thread.
 */
public final class CategoricalColumnBuilder {
    private final String name;
    private int[] codes;
    private int length;
    private int missingCount;

    private String[] labels = new String[16];
    private int[] labelHashes = new int[16];
    private int labelCount;
    private int[] slots = newSlots(64); // code + 1, 0 = empty

    public CategoricalColumnBuilder(String name, int expectedLength) {
        this.name = name;
        this.codes = new int[Math.max(16, expectedLength)];
    }

    public String name() {
        return name;
    }

    /** Number of cells appended so far. */
    public int length() {
        return length;
    }

    /** Appends the label held in {@code buf[offset, offset + len)}; the buffer is not kept. */
    public void append(char[] buf, int offset, int len) {
        int h = 0;
        for (int i = offset, end = offset + len; i < end; i++) {
            h = 31 * h + buf[i];
        }
        int mask = slots.length - 1;
        int slot = mix(h) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                int code = addLabel(new String(buf, offset, len), h);
                slots[slot] = code + 1;
                appendCode(code);
                maybeRehash();
                return;
            }
            int code = entry - 1;
            if (labelHashes[code] == h && sameChars(labels[code], buf, offset, len)) {
                appendCode(code);
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Appends {@code label}, which must not be null (use {@link #appendMissing()}). */
    public void append(String label) {
        int h = label.hashCode();
        int mask = slots.length - 1;
        int slot = mix(h) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                int code = addLabel(label, h);
                slots[slot] = code + 1;
                appendCode(code);
                maybeRehash();
                return;
            }
            int code = entry - 1;
            if (labelHashes[code] == h && labels[code].equals(label)) {
                appendCode(code);
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Appends a missing cell. */
    public void appendMissing() {
        appendCode(CategoricalColumn.MISSING);
        missingCount++;
    }

    /** The column; the builder must not be used afterwards. */
    public CategoricalColumn build() {
        int[] exact = codes.length == length ? codes : Arrays.copyOf(codes, length);
        String[] dictionary = Arrays.copyOf(labels, labelCount);
        codes = null;
        return new CategoricalColumn(name, exact, length, dictionary, missingCount);
    }

    private void appendCode(int code) {
        if (length == codes.length) {
            codes = Arrays.copyOf(codes, codes.length + (codes.length >> 1) + 16);
        }
        codes[length++] = code;
    }

    private int addLabel(String label, int hash) {
        if (labelCount == labels.length) {
            labels = Arrays.copyOf(labels, labelCount * 2);
            labelHashes = Arrays.copyOf(labelHashes, labelCount * 2);
        }
        labels[labelCount] = label;
        labelHashes[labelCount] = hash;
        return labelCount++;
    }

    private void maybeRehash() {
        if (labelCount * 2 <= slots.length) {
            return;
        }
        int[] bigger = newSlots(slots.length * 2);
        int mask = bigger.length - 1;
        for (int code = 0; code < labelCount; code++) {
            int slot = mix(labelHashes[code]) & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = code + 1;
        }
        slots = bigger;
    }

    private static boolean sameChars(String label, char[] buf, int offset, int len) {
        if (label.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (label.charAt(i) != buf[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private static int mix(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    private static int[] newSlots(int size) {
        return new int[size];
    }
}
