package io.driftwatch.profile;

import java.util.Arrays;

/**
 * A set of non-zero {@code long}s by open addressing, without boxing: the candidate column pairs of
 * {@link ColumnDuplicates}.
 *
 * <p>Not thread-safe.
 */
final class LongHashSet {
    private long[] slots = new long[16];
    private int size;

    /** Adds {@code key} (not 0). */
    void add(long key) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        if (insert(slots, key)) {
            size++;
        }
    }

    void addAll(LongHashSet other) {
        for (long key : other.slots) {
            if (key != 0) {
                add(key);
            }
        }
    }

    int size() {
        return size;
    }

    /** The keys, ascending. */
    long[] toArray() {
        long[] out = new long[size];
        int n = 0;
        for (long key : slots) {
            if (key != 0) {
                out[n++] = key;
            }
        }
        Arrays.sort(out);
        return out;
    }

    private static boolean insert(long[] table, long key) {
        int mask = table.length - 1;
        int slot = (int) ColumnScan.mix(key) & mask;
        while (table[slot] != 0) {
            if (table[slot] == key) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = key;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long key : slots) {
            if (key != 0) {
                insert(bigger, key);
            }
        }
        slots = bigger;
    }
}
