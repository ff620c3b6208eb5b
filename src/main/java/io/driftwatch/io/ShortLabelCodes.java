package io.driftwatch.io;

/**
 * Column codes of short string values keyed by their raw bytes, as two little-endian words and a
 * length: a categorical column repeats a few labels millions of times, and a repeated label found
 * here costs two memory loads and a probe, where the general path decodes its UTF-8, hashes the
 * characters and compares them with the label's. The caller reads the words (masked to the value's
 * bytes), asks {@link #find}, and on a miss decodes the value the general way and {@link #put}s its
 * code. Stops taking entries past {@value #MAX_ENTRIES} (a column of unique values gains nothing).
 *
 * <p>Deliberately low-level: parallel primitive arrays, linear probing.
 *
 * <p>Not thread-safe: one per column reader.
 */
final class ShortLabelCodes {
    /** The longest value the two words hold. */
    static final int MAX_BYTES = 16;
    private static final int MAX_ENTRIES = 1 << 16;

    private long[] firsts = new long[64];
    private long[] seconds = new long[64];
    private int[] lengths = new int[64]; // length + 1; 0 = empty slot
    private int[] codes = new int[64];
    private int size;

    /** The low {@code bytes} bytes of a little-endian word (all of it from 8 bytes on). */
    static long low(long word, int bytes) {
        return bytes >= 8 ? word : bytes <= 0 ? 0L : word & ((1L << (bytes << 3)) - 1);
    }

    /** The code stored for the value, or -1. */
    int find(long first, long second, int length) {
        int mask = lengths.length - 1;
        int slot = slot(first, second, length) & mask;
        while (true) {
            int stored = lengths[slot];
            if (stored == 0) {
                return -1;
            }
            if (stored == length + 1 && firsts[slot] == first && seconds[slot] == second) {
                return codes[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Remembers {@code code} for the value (absent: the caller has just missed it). */
    void put(long first, long second, int length, int code) {
        if (size >= MAX_ENTRIES) {
            return;
        }
        if ((size + 1) * 2 > lengths.length) {
            grow();
        }
        insert(first, second, length, code);
        size++;
    }

    private void insert(long first, long second, int length, int code) {
        int mask = lengths.length - 1;
        int slot = slot(first, second, length) & mask;
        while (lengths[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        firsts[slot] = first;
        seconds[slot] = second;
        lengths[slot] = length + 1;
        codes[slot] = code;
    }

    private void grow() {
        long[] oldFirsts = firsts;
        long[] oldSeconds = seconds;
        int[] oldLengths = lengths;
        int[] oldCodes = codes;
        int capacity = oldLengths.length * 2;
        firsts = new long[capacity];
        seconds = new long[capacity];
        lengths = new int[capacity];
        codes = new int[capacity];
        for (int i = 0; i < oldLengths.length; i++) {
            if (oldLengths[i] != 0) {
                insert(oldFirsts[i], oldSeconds[i], oldLengths[i] - 1, oldCodes[i]);
            }
        }
    }

    private static int slot(long first, long second, int length) {
        long h = (first * 0x9E3779B97F4A7C15L) ^ (second * 0xC2B2AE3D27D4EB4FL) ^ length;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return "ShortLabelCodes[" + size + " labels in " + lengths.length + " slots]";
    }
}
