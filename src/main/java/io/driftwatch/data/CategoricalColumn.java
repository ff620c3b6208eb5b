package io.driftwatch.data;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A column of category labels stored as {@code int[]} codes into a dictionary of distinct strings,
 * in order of first appearance. A missing cell has code {@link #MISSING}.
 *
 * <p>Thread-safe: immutable. Accessors that expose arrays return copies.
 */
public final class CategoricalColumn implements Column {
    /** The code of a missing cell. */
    public static final int MISSING = -1;

    private final String name;
    private final int[] codes;
    private final int length;
    private final String[] dictionary;
    private final int missingCount;

    CategoricalColumn(String name, int[] codes, int length, String[] dictionary, int missingCount) {
        this.name = name;
        this.codes = codes;
        this.length = length;
        this.dictionary = dictionary;
        this.missingCount = missingCount;
    }

    /** A column holding {@code labels}, where {@code null} is a missing cell. */
    public static CategoricalColumn of(String name, String... labels) {
        CategoricalColumnBuilder builder = new CategoricalColumnBuilder(name, labels.length);
        for (String label : labels) {
            if (label == null) {
                builder.appendMissing();
            } else {
                builder.append(label);
            }
        }
        return builder.build();
    }

    /**
     * A column over {@code codes[0, length)} into {@code dictionary}, taking ownership of both arrays
     * (no copy): for readers that map a source dictionary once and fill codes in bulk. A code of
     * {@link #MISSING} is a missing cell.
     *
     * @throws IllegalArgumentException when a code is outside the dictionary or a label repeats
     */
    public static CategoricalColumn wrap(String name, int[] codes, int length, String[] dictionary) {
        if (length < 0 || length > codes.length) {
            throw new IllegalArgumentException("length " + length + " outside array of " + codes.length);
        }
        Set<String> seen = new HashSet<>();
        for (String label : dictionary) {
            if (label == null || !seen.add(label)) {
                throw new IllegalArgumentException("dictionary label " + (label == null ? "null" : "'" + label + "' repeated"));
            }
        }
        int missing = 0;
        int size = dictionary.length;
        for (int i = 0; i < length; i++) {
            int code = codes[i];
            if (code == MISSING) {
                missing++;
            } else if (code < 0 || code >= size) {
                throw new IllegalArgumentException("code " + code + " at row " + i + " outside dictionary of " + size);
            }
        }
        return new CategoricalColumn(name, codes, length, dictionary, missing);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PhysicalType physicalType() {
        return PhysicalType.STRING;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int missingCount() {
        return missingCount;
    }

    @Override
    public boolean isMissing(int row) {
        return code(row) == MISSING;
    }

    /** The dictionary code of cell {@code row}, {@link #MISSING} when missing. */
    public int code(int row) {
        if (row < 0 || row >= length) {
            throw new IndexOutOfBoundsException("row " + row + " of " + length);
        }
        return codes[row];
    }

    /** A copy of all codes. */
    public int[] codes() {
        return Arrays.copyOf(codes, length);
    }

    /**
     * Copies the codes of cells {@code [from, from + count)} into {@code dest} from
     * {@code destOffset} ({@link #MISSING} where missing). For loops that walk a column block by block.
     *
     * @throws IndexOutOfBoundsException when a range lies outside the column or {@code dest}
     */
    public void copyCodes(int from, int[] dest, int destOffset, int count) {
        java.util.Objects.checkFromIndexSize(from, count, length);
        System.arraycopy(codes, from, dest, destOffset, count);
    }

    /** Number of distinct labels. */
    public int cardinality() {
        return dictionary.length;
    }

    /** The label of {@code code}. */
    public String label(int code) {
        return dictionary[code];
    }

    /** A copy of the dictionary: label {@code i} has code {@code i}. */
    public String[] dictionary() {
        return dictionary.clone();
    }

    /** Occurrences of each code, indexed by code; missing cells are not counted. */
    public long[] countsByCode() {
        long[] counts = new long[dictionary.length];
        int[] c = codes;
        for (int i = 0; i < length; i++) {
            int code = c[i];
            if (code >= 0) {
                counts[code]++;
            }
        }
        return counts;
    }

    /**
     * A new column of the cells at {@code rows}, in that order (rows already checked to lie in
     * {@code [0, length)} by {@link Chunks#select}), with a compacted dictionary: only the labels
     * those cells use, in their order of first appearance, as a reader would have built it.
     */
    CategoricalColumn select(int[] rows) {
        int n = rows.length;
        int[] source = codes;
        int[] newCode = new int[dictionary.length];
        Arrays.fill(newCode, MISSING);
        String[] labels = new String[Math.min(dictionary.length, n)];
        int labelCount = 0;
        int missing = 0;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int code = source[rows[i]];
            if (code == MISSING) {
                out[i] = MISSING;
                missing++;
                continue;
            }
            int mapped = newCode[code];
            if (mapped == MISSING) {
                mapped = labelCount;
                newCode[code] = mapped;
                labels[labelCount++] = dictionary[code];
            }
            out[i] = mapped;
        }
        return new CategoricalColumn(name, out, n, Arrays.copyOf(labels, labelCount), missing);
    }

    /** The label of cell {@code row}, or {@code null} when missing. */
    public String labelAt(int row) {
        int code = code(row);
        return code == MISSING ? null : dictionary[code];
    }

    @Override
    public long sizeInBytes() {
        return 4L * length;
    }

    @Override
    public String toString() {
        return "CategoricalColumn[" + name + ", " + length + " rows, " + dictionary.length + " labels, "
                + missingCount + " missing]";
    }
}
