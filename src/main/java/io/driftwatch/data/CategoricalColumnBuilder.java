package io.driftwatch.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Grows a {@link CategoricalColumn} one cell at a time. Labels are interned in an open-addressing
 * table keyed by their characters, so a reader can pass a slice of its buffer
 * ({@link #append(char[], int, int)}) and a string is allocated only for a label not seen before.
 * Deliberately low-level for that reason; the rest of the package is plain.
 *
 * <p>A reader that fills several builders in parallel (one per part of a file) joins them in order
 * with {@link #appendAll(CategoricalColumnBuilder)}, which maps the other builder's codes onto this
 * one's dictionary: the result is the builder one reader would have filled, dictionary order
 * (first appearance) included. {@link #build()} hands its code array to the column without a copy
 * when at most 1/16 of it is unused.
 *
 * <p>Parts read in parallel may instead write their codes into slices of one array ({@link Parts}),
 * as {@link NumericColumnBuilder.Parts} does for numbers: the join then maps each later part's codes in
 * place, and no part allocates an array of its own unless it outgrows its slice.
 *
 * <p>Not thread-safe: one builder per reader thread ({@link Parts} is thread-safe: its parts' builders
 * may be filled on different threads).
 */
public final class CategoricalColumnBuilder {
    private final String name;
    /** The array the codes go to, from {@link #base} on; shared with other parts' builders while {@link #parts} is set. */
    private int[] codes;
    /** Where cell 0 of this builder is in {@link #codes}: 0 unless it fills a slice of a shared array. */
    private int base;
    /** How many cells {@link #codes} holds for this builder from {@link #base}. */
    private int room;
    private int length;
    private int missingCount;
    /** The shared array's owner while this builder writes into its slice of it; null for an array of its own. */
    private Parts parts;

    private String[] labels = new String[16];
    private int[] labelHashes = new int[16];
    private int labelCount;
    private int[] slots = newSlots(64); // code + 1, 0 = empty
    /**
     * Labels of one to seven ASCII bytes, none of them zero, that {@link #codeOfShortAscii} has met,
     * as the little-endian word of their bytes (the rest zero; 0 = empty slot), with their codes: a
     * second index to the same dictionary, looked up by one multiplication and one comparison.
     */
    private long[] shortWords = new long[64];
    private int[] shortCodes = new int[64];
    private int shortCount;

    public CategoricalColumnBuilder(String name, int expectedLength) {
        this.name = name;
        this.codes = new int[Math.max(16, expectedLength)];
        this.room = codes.length;
    }

    private CategoricalColumnBuilder(Parts parts, int base, int slice) {
        this.name = parts.name;
        this.codes = parts.array();
        this.base = base;
        this.room = slice;
        this.parts = parts;
    }

    /**
     * The builders of one text column read in parts, each filling its slice of one code array that
     * the first of them allocates ({@code sum(partRows)} cells), joined in order with
     * {@link #appendAll(CategoricalColumnBuilder)} (see {@link NumericColumnBuilder.Parts}).
     *
     * <p>Thread-safe: the builders may be made and filled on different threads, one builder per
     * thread; join them once every part is done.
     */
    public static final class Parts {
        private final String name;
        private final PartSlices layout;
        private int[] shared;

        /** @param partRows the expected cells of each part, in order */
        public Parts(String name, int[] partRows) {
            this.name = name;
            this.layout = new PartSlices(partRows);
        }

        /** A new, empty builder for part {@code j}'s slice. */
        public CategoricalColumnBuilder part(int j) {
            return new CategoricalColumnBuilder(this, layout.start(j), layout.slice(j));
        }

        private synchronized int[] array() {
            if (shared == null) {
                shared = new int[layout.arrayLength()];
            }
            return shared;
        }
    }

    public String name() {
        return name;
    }

    /** Number of cells appended so far. */
    public int length() {
        return length;
    }

    /**
     * Number of distinct labels so far: a {@link #code} at or past the size before the call is a
     * label seen for the first time.
     */
    public int dictionarySize() {
        return labelCount;
    }

    /**
     * The code of the label held in {@code buf[offset, offset + len)}, which joins the dictionary
     * if new; no cell is appended (see {@link #appendCodes}). The buffer is not kept.
     */
    public int code(char[] buf, int offset, int len) {
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
                maybeRehash();
                return code;
            }
            int code = entry - 1;
            if (labelHashes[code] == h && sameChars(labels[code], buf, offset, len)) {
                return code;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The code of the label held in the ASCII bytes {@code buf[offset, offset + len)}, as
     * {@link #code(char[], int, int)} gives it for the same characters (every byte below 128: the
     * caller checks). The buffer is not kept.
     */
    public int codeOfAscii(byte[] buf, int offset, int len) {
        int h = 0;
        for (int i = offset, end = offset + len; i < end; i++) {
            h = 31 * h + buf[i];
        }
        int mask = slots.length - 1;
        int slot = mix(h) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                int code = addLabel(new String(buf, offset, len, StandardCharsets.ISO_8859_1), h);
                slots[slot] = code + 1;
                maybeRehash();
                return code;
            }
            int code = entry - 1;
            if (labelHashes[code] == h && sameBytes(labels[code], buf, offset, len)) {
                return code;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * {@link #codeOfAscii} of a label of one to seven ASCII bytes, none of them zero, given also as
     * {@code word}: the label's bytes in little-endian order, the bytes past it zero. The reader
     * that split the cell has its bytes in a word already; the label then costs a multiplication and
     * a comparison instead of a hash and a comparison a byte at a time.
     */
    public int codeOfShortAscii(long word, byte[] buf, int offset, int len) {
        long[] words = shortWords;
        int mask = words.length - 1;
        int slot = shortSlot(word, mask);
        while (true) {
            long known = words[slot];
            if (known == word) {
                return shortCodes[slot];
            }
            if (known == 0) {
                int code = codeOfAscii(buf, offset, len);
                words[slot] = word;
                shortCodes[slot] = code;
                if (++shortCount * 2 > words.length) {
                    growShortWords();
                }
                return code;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The slot of {@code word} in a table of {@code mask + 1} slots: the top bits of its product
     * with 2^64 / phi ("Fibonacci hashing"), which depend on every byte of the label (the low bits
     * would not on its last bytes, where labels such as {@code c0_v001} and {@code c0_v002} differ).
     */
    private static int shortSlot(long word, int mask) {
        return (int) ((word * 0x9E3779B97F4A7C15L) >>> Long.numberOfLeadingZeros(mask));
    }

    private void growShortWords() {
        long[] words = new long[shortWords.length * 2];
        int[] wordCodes = new int[words.length];
        int mask = words.length - 1;
        for (int i = 0; i < shortWords.length; i++) {
            long word = shortWords[i];
            if (word != 0) {
                int slot = shortSlot(word, mask);
                while (words[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                words[slot] = word;
                wordCodes[slot] = shortCodes[i];
            }
        }
        shortWords = words;
        shortCodes = wordCodes;
    }

    /**
     * Appends the cells {@code source[offset, offset + count)}: codes given by {@link #code} or
     * {@link CategoricalColumn#MISSING}.
     */
    public void appendCodes(int[] source, int offset, int count) {
        java.util.Objects.checkFromIndexSize(offset, count, source.length);
        ensureCapacity(length + count);
        int[] dest = codes;
        int n = length;
        int at = base + n;
        int missing = 0;
        for (int i = 0; i < count; i++) {
            int code = source[offset + i];
            if (code < 0) {
                missing++;
            } else if (code >= labelCount) {
                throw new IllegalArgumentException("code " + code + " is not in the dictionary of " + labelCount);
            }
            dest[at + i] = code < 0 ? CategoricalColumn.MISSING : code;
        }
        length = n + count;
        missingCount += missing;
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

    /** Appends {@code count} missing cells. */
    public void appendMissing(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        ensureCapacity(length + count);
        Arrays.fill(codes, base + length, base + length + count, CategoricalColumn.MISSING);
        length += count;
        missingCount += count;
    }

    /**
     * Appends every cell of {@code other}, in order: its labels not yet known here join the
     * dictionary in {@code other}'s order of first appearance. When {@code other} is the next part of
     * the same {@link Parts}, its codes are mapped where they are (and moved down next to this
     * builder's when its slice does not start right there), this builder takes over its slice, and
     * {@code other} must not be used afterwards; otherwise {@code other} is left unchanged.
     */
    public void appendAll(CategoricalColumnBuilder other) {
        int[] map = new int[other.labelCount];
        for (int code = 0; code < other.labelCount; code++) {
            map[code] = intern(other.labels[code], other.labelHashes[code]);
        }
        int count = other.length;
        if (count == 0) {
            return;
        }
        int[] source = other.codes;
        int from = other.base;
        if (parts != null && other.parts == parts && source == codes && from >= base + length) {
            room = from + other.room - base; // other's slice is this builder's now
        } else {
            ensureCapacity(length + count);
        }
        int[] dest = codes;
        int at = base + length;
        // in place, at <= from: each code is read before it is overwritten
        for (int i = 0; i < count; i++) {
            int code = source[from + i];
            dest[at + i] = code < 0 ? code : map[code];
        }
        length += count;
        missingCount += other.missingCount;
    }

    /**
     * Makes room for {@code capacity} cells in all, so that appending up to that many does not grow.
     * Grows geometrically, as {@link NumericColumnBuilder#ensureCapacity} does, so appending a few
     * hundred codes at a time copies the codes O(log n) times.
     */
    public void ensureCapacity(int capacity) {
        if (capacity > room) {
            resize(NumericColumnBuilder.grownCapacity(room, capacity));
        }
    }

    /** Moves the codes to an array of their own of {@code capacity} cells (leaving a shared array for good). */
    private void resize(int capacity) {
        int[] grown = new int[capacity];
        System.arraycopy(codes, base, grown, 0, length);
        codes = grown;
        base = 0;
        room = capacity;
        parts = null;
    }

    /** The number of cells the builder holds before it must grow again. */
    int capacity() {
        return room;
    }

    /** Whether the codes are in the shared array of a {@link Parts}, for tests. */
    boolean inSharedArray() {
        return parts != null;
    }

    /** The code of {@code label} (whose hash is {@code h}), adding it to the dictionary when new. */
    private int intern(String label, int h) {
        int mask = slots.length - 1;
        int slot = mix(h) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                int code = addLabel(label, h);
                slots[slot] = code + 1;
                maybeRehash();
                return code;
            }
            int code = entry - 1;
            if (labelHashes[code] == h && labels[code].equals(label)) {
                return code;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The column; the builder must not be used afterwards. The code array is handed over as it is
     * when little of it is unused, else trimmed to the length.
     */
    public CategoricalColumn build() {
        int[] exact = base == 0 && codes.length - length <= codes.length / 16 ? codes
                : Arrays.copyOfRange(codes, base, base + length);
        String[] dictionary = Arrays.copyOf(labels, labelCount);
        codes = null;
        return new CategoricalColumn(name, exact, length, dictionary, missingCount);
    }

    private void appendCode(int code) {
        if (length == room) {
            resize(NumericColumnBuilder.grownCapacity(room, length + 1));
        }
        codes[base + length++] = code;
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

    private static boolean sameBytes(String label, byte[] buf, int offset, int len) {
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
