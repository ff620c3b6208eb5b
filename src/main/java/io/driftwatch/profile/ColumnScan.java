package io.driftwatch.profile;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.stats.PairwiseSummation;
import java.util.Arrays;

/**
 * One column's part of the {@link TableFacts}, in two passes over its cells: its {@link ColumnFacts}
 * and the hashes the duplicate-column checks group by (one per {@link Blocks block}, with a flag for
 * blocks holding a missing cell, and one for the whole column).
 *
 * <p>Numbers: the first pass, in NumPy's pairwise order, sums the values (missing as 0, as pandas
 * fills them before summing), takes the minimum and maximum, hashes the blocks and counts the values
 * in 8,192 buckets of equal width (noting each row's bucket); the buckets holding the quartiles' ranks
 * (and the median's) are known from the counts, and the second pass, which sums the squared deviations
 * from the mean (pandas' two-pass variance, in NumPy's order), gathers those buckets' values, a few
 * hundred or thousand, from which {@link Quantiles#select} picks the ranks. No sort, no copy of the
 * column. The value at the median rank is the only one that can fill more than half of the rows; its
 * rows are counted (a third pass) only when its bucket is that full. Text: one pass counting codes and
 * hashing blocks by the labels' hashes (so equal labels hash equally across dictionaries).
 *
 * <p>Cell hashes: a number's bits after adding 0.0 (so −0.0 hashes as 0.0, which pandas treats as
 * equal), missing as a fixed token; a label's 64-bit hash of its characters. A block's hash sums
 * {@code (cell ^ rowSalt) · K} over its rows, which costs no dependency chain per cell; hashes only
 * select candidates, every match is verified cell by cell.
 *
 * <p>Deliberately low-level (hot loops over primitive chunks, each loop doing one thing so the
 * compiler keeps it tight). Not thread-safe: one scan per thread, each with its own {@link Scratch}.
 */
final class ColumnScan {
    /** What a missing cell hashes as. */
    static final long MISSING_TOKEN = 0x5bd1e9955bd1e995L;
    private static final long K = 0x9E3779B97F4A7C15L;
    private static final long ROW_SALT = 0xC2B2AE3D27D4EB4FL;
    private static final long ROW_K = 0xD6E8FEB86659FD93L;

    final ColumnFacts facts;
    /** The whole column's content (missing cells as a token); equal columns hash equally. */
    final long hash;
    /** Per block, its cells' hash. */
    final long[] blockHashes;
    /** Bit b set: block b has a missing cell (it can never be all-equal under pandas' {@code eq}). */
    final long[] missingBlocks;

    ColumnScan(ColumnFacts facts, long hash, long[] blockHashes, long[] missingBlocks) {
        this.facts = facts;
        this.hash = hash;
        this.blockHashes = blockHashes;
        this.missingBlocks = missingBlocks;
    }

    /**
     * A worker's reusable buffers: the bucket counts and each row's bucket, its share of the row
     * hashes, a chunk of codes, and room for the gathered values (grown to the largest gather, usually
     * a few thousand values).
     */
    static final class Scratch {
        private double[] values = new double[0];
        private double[] work = new double[0];
        final int[] buckets = new int[BUCKETS + 1];
        final byte[] regionOf = new byte[BUCKETS + 1];
        final char[] bucketOfRow;
        /** This worker's share of every row's hash: the sum over the columns it scanned. */
        final long[] rowHashes;
        final int[] codes = new int[CHUNK];

        Scratch(int rows) {
            this.bucketOfRow = new char[rows];
            this.rowHashes = new long[rows];
        }

        /** Makes room for {@code size} gathered values. */
        void gatherRoom(int size) {
            if (values.length < size) {
                int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(size, 2L * values.length));
                values = new double[capacity];
                work = new double[capacity];
            }
        }
    }

    /** Cells per chunk of a text column. */
    private static final int CHUNK = 1024;
    /**
     * The first level of quantile selection cuts the finite values' range into this many buckets: few
     * enough that the counts (and the bucket-to-region map) stay in the first-level cache.
     */
    private static final int BUCKETS = 1 << 13;

    /**
     * Scans {@code column}, the {@code index}-th of the table's considered columns, adding its cells
     * to the row hashes of {@code scratch}: a row's hash is the sum over the columns of
     * {@code (cell ^ salt(column)) · K}, so the workers' shares, added up, give every row's hash
     * whichever worker scanned which column.
     */
    static ColumnScan of(Column column, int index, Blocks blocks, Scratch scratch) {
        long salt = mix(index + 0x6A09E667F3BCC909L);
        if (column instanceof NumericColumn numbers) {
            return numbers(numbers, salt, blocks, scratch);
        }
        return labels((CategoricalColumn) column, salt, blocks, scratch);
    }

    /** The 64-bit hash of a label: its UTF-16 characters, mixed. */
    static long labelHash(String label) {
        long h = 0xcbf29ce484222325L ^ label.length();
        for (int i = 0; i < label.length(); i++) {
            h = (h ^ label.charAt(i)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** MurmurHash3's 64-bit finaliser. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static long columnHash(Column column, long[] blockHashes) {
        long h = mix(column.physicalType().ordinal() + 1L);
        for (long b : blockHashes) {
            h = mix(h ^ b) + K;
        }
        return h;
    }

    // ---------------------------------------------------------------- numbers

    /**
     * The first pass over a numeric column, fed to the pairwise sum chunk by chunk. Each chunk goes
     * through simple loops the compiler can keep tight: the block hashes; the bucket of every cell
     * (kept, by row, for the second pass; missing and infinite cells in a bucket of their own) and the
     * bucket counts; then the minimum and maximum, with missing cells set to 0 for the sum. The
     * buckets' range is that of the first chunk with two distinct finite values (earlier rows, all of
     * one finite value or not finite, are bucketed then); values outside it fall into the first or
     * last bucket, which only makes those buckets larger.
     */
    private static final class FirstPass implements PairwiseSummation.TermSource {
        private final NumericColumn column;
        private final boolean anyMissing;
        private final Blocks blocks;
        private final int[] counts;
        private final char[] bucketOfRow;
        private final long[] blockHashes;
        private final long[] missingBlocks;
        private int row;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private int block;
        private long blockHash;
        private boolean blockMissing;
        /** Null while every finite value seen is one value. */
        Bucketing bucketing;
        /** That one value, until then (NaN before any). */
        double onlyValue = Double.NaN;

        private final long columnSalt;
        private final long[] rowHashes;

        FirstPass(NumericColumn column, long columnSalt, Blocks blocks, Scratch scratch) {
            this.column = column;
            this.columnSalt = columnSalt;
            this.rowHashes = scratch.rowHashes;
            this.anyMissing = column.missingCount() > 0;
            this.blocks = blocks;
            this.counts = scratch.buckets;
            this.bucketOfRow = scratch.bucketOfRow;
            this.blockHashes = new long[blocks.count()];
            this.missingBlocks = new long[(blocks.count() + 63) >>> 6];
        }

        @Override
        public void next(double[] buffer, int count) {
            column.copyValues(row, buffer, 0, count);
            hashBlocks(buffer, count);
            long salt = columnSalt;
            long[] hashes = rowHashes;
            int r = row;
            for (int j = 0; j < count; j++) { // doubleToLongBits: every NaN the same; + 0.0: −0.0 as 0.0
                hashes[r + j] += (Double.doubleToLongBits(buffer[j] + 0.0) ^ salt) * ROW_K;
            }
            if (bucketing == null && settles(buffer, count)) {
                double[] earlier = new double[CHUNK];
                for (int from = 0; from < row; from += CHUNK) {
                    int n = Math.min(CHUNK, row - from);
                    column.copyValues(from, earlier, 0, n);
                    bucket(earlier, from, n);
                }
            }
            if (bucketing != null) {
                bucket(buffer, row, count);
            }
            double lo = min;
            double hi = max;
            if (anyMissing) {
                for (int j = 0; j < count; j++) {
                    double v = buffer[j];
                    if (v != v) {
                        buffer[j] = 0.0;
                    } else {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            } else {
                for (int j = 0; j < count; j++) {
                    double v = buffer[j];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            min = lo;
            max = hi;
            row += count;
        }

        /** Buckets the cells {@code values[0, count)} of rows {@code [from, from + count)}. */
        private void bucket(double[] values, int from, int count) {
            Bucketing b = bucketing;
            int[] c = counts;
            char[] rows = bucketOfRow;
            for (int j = 0; j < count; j++) {
                int k = b.of(values[j]);
                c[k]++;
                rows[from + j] = (char) k;
            }
        }

        /**
         * Whether this chunk, with the one finite value seen before, holds two distinct finite values;
         * if so the buckets' range is theirs.
         */
        private boolean settles(double[] buffer, int count) {
            double lo = onlyValue == onlyValue ? onlyValue : Double.POSITIVE_INFINITY;
            double hi = onlyValue == onlyValue ? onlyValue : Double.NEGATIVE_INFINITY;
            for (int j = 0; j < count; j++) {
                double v = buffer[j];
                if (v - v == 0.0) { // finite
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (lo < hi) {
                bucketing = new Bucketing(lo, hi);
                return true;
            }
            if (lo == hi) {
                onlyValue = lo;
            }
            return false;
        }

        /** Adds the chunk's cells (as read, missing ones NaN) to their blocks' hashes. */
        private void hashBlocks(double[] buffer, int count) {
            if (blocks.count() == 0) {
                return;
            }
            int r = row;
            int end = row + count;
            int b = block;
            long bh = blockHash;
            boolean bm = blockMissing;
            while (r < end) {
                int blockEnd = blocks.start(b + 1);
                int stop = Math.min(end, blockEnd);
                long salt = r * ROW_SALT;
                if (anyMissing) {
                    for (int i = r; i < stop; i++, salt += ROW_SALT) {
                        double v = buffer[i - row];
                        boolean m = v != v;
                        long bits = m ? MISSING_TOKEN : Double.doubleToRawLongBits(v + 0.0);
                        bm |= m;
                        bh += (bits ^ salt) * K;
                    }
                } else {
                    for (int i = r; i < stop; i++, salt += ROW_SALT) {
                        bh += (Double.doubleToRawLongBits(buffer[i - row] + 0.0) ^ salt) * K;
                    }
                }
                r = stop;
                if (r == blockEnd) {
                    blockHashes[b] = mix(bh);
                    if (bm) {
                        missingBlocks[b >>> 6] |= 1L << b;
                    }
                    b++;
                    bh = 0;
                    bm = false;
                }
            }
            block = b;
            blockHash = bh;
            blockMissing = bm;
        }
    }

    /**
     * Where the first level of quantile selection puts a value: {@link #BUCKETS} buckets of equal
     * width over a range {@code [lo, hi]} (halves are subtracted when the width would overflow),
     * values outside it in the first or last bucket, so the bucket is monotone in the value, which is
     * all the selection needs; missing and infinite values in bucket {@link #BUCKETS}, apart (the
     * ranks of the infinities are known from their counts).
     */
    private static final class Bucketing {
        private final double origin;
        private final double scale;
        private final double factor;

        Bucketing(double lo, double hi) {
            this.factor = Double.isInfinite(hi - lo) ? 0.5 : 1.0;
            this.origin = lo * factor;
            this.scale = BUCKETS / (hi * factor - origin);
        }

        int of(double v) {
            int b = (int) ((v * factor - origin) * scale);
            b = b < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b;
            return v - v == 0.0 ? b : BUCKETS;
        }
    }

    /**
     * The second pass: the values of the buckets holding wanted ranks gathered into their regions
     * of {@code values} (by the buckets the first pass noted), then squared deviations from the mean
     * (missing as 0) for the pairwise sum.
     */
    private static final class SecondPass implements PairwiseSummation.TermSource {
        private final NumericColumn column;
        private final boolean anyMissing;
        private final double mean;
        private final char[] bucketOfRow;
        private final byte[] regionOf; // by bucket: region + 1, or 0
        private final int[] fill;
        private final double[] values;
        private int row;

        SecondPass(NumericColumn column, double mean, Scratch scratch, int[] fill) {
            this.column = column;
            this.anyMissing = column.missingCount() > 0;
            this.mean = mean;
            this.bucketOfRow = scratch.bucketOfRow;
            this.regionOf = scratch.regionOf;
            this.fill = fill;
            this.values = scratch.values;
        }

        @Override
        public void next(double[] buffer, int count) {
            column.copyValues(row, buffer, 0, count);
            char[] rows = bucketOfRow;
            byte[] regions = regionOf;
            int r = row;
            for (int j = 0; j < count; j++) {
                int t = regions[rows[r + j]];
                if (t != 0) {
                    values[fill[t - 1]++] = buffer[j];
                }
            }
            double avg = mean;
            if (anyMissing) {
                for (int j = 0; j < count; j++) {
                    double v = buffer[j];
                    double d = avg - v;
                    buffer[j] = v != v ? 0.0 : d * d;
                }
            } else {
                for (int j = 0; j < count; j++) {
                    double d = avg - buffer[j];
                    buffer[j] = d * d;
                }
            }
            row += count;
        }
    }

    private static ColumnScan numbers(NumericColumn column, long salt, Blocks blocks, Scratch scratch) {
        int n = column.length();
        int[] counts = scratch.buckets;
        Arrays.fill(counts, 0);
        FirstPass first = new FirstPass(column, salt, blocks, scratch);
        double sum = PairwiseSummation.sum(first, n);
        int m = n - column.missingCount();
        ColumnFacts.Numbers numbers;
        int majority = 0;
        if (m == 0) {
            numbers = new ColumnFacts.Numbers(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN);
        } else {
            double mean = sum / m;
            int negative = 0;
            int positive = 0;
            if (Double.isInfinite(first.min) || Double.isInfinite(first.max)) {
                int[] infinite = infinities(column);
                negative = infinite[0];
                positive = infinite[1];
            }
            int[] ranks = Quantiles.ranks(m, Quantiles.QUARTILES);
            int median = (m - 1) / 2;
            double[] stats = new double[ranks.length];
            // ranks among the infinities are known; the others are looked for in the buckets
            int k0 = 0;
            while (k0 < ranks.length && ranks[k0] < negative) {
                stats[k0++] = Double.NEGATIVE_INFINITY;
            }
            int k1 = ranks.length;
            while (k1 > k0 && ranks[k1 - 1] >= m - positive) {
                stats[--k1] = Double.POSITIVE_INFINITY;
            }
            double squares;
            int medianRows = Math.max(negative, positive);
            byte[] regionOf = scratch.regionOf;
            Arrays.fill(regionOf, (byte) 0);
            if (first.bucketing == null) { // one finite value at most: no bucket, nothing to gather
                for (int k = k0; k < k1; k++) {
                    stats[k] = first.onlyValue;
                }
                medianRows = Math.max(medianRows, m - negative - positive);
                squares = PairwiseSummation.sum(new SecondPass(column, mean, scratch, new int[0]), n);
            } else {
                int[] firstRank = new int[ranks.length];
                int[] regionStart = new int[ranks.length];
                int[] regionLength = new int[ranks.length];
                int[] rankFrom = new int[ranks.length + 1];
                int regions = 0;
                int before = negative;
                int k = k0;
                int placed = 0;
                for (int b = 0; b < BUCKETS; b++) {
                    int c = counts[b];
                    if (k < k1 && ranks[k] < before + c) {
                        firstRank[regions] = before;
                        regionStart[regions] = placed;
                        regionLength[regions] = c;
                        rankFrom[regions] = k;
                        placed += c;
                        regions++;
                        regionOf[b] = (byte) regions;
                        while (k < k1 && ranks[k] < before + c) {
                            k++;
                        }
                    }
                    if (median >= before && median < before + c) {
                        medianRows = Math.max(medianRows, c);
                    }
                    before += c;
                }
                rankFrom[regions] = k1;
                scratch.gatherRoom(placed);
                squares = PairwiseSummation.sum(new SecondPass(column, mean, scratch,
                        Arrays.copyOf(regionStart, regions)), n);
                for (int t = 0; t < regions; t++) {
                    Quantiles.select(scratch.values, scratch.work, regionStart[t], regionLength[t], ranks,
                            rankFrom[t], rankFrom[t + 1], firstRank[t], stats, 1);
                }
            }
            double candidate = stats[Arrays.binarySearch(ranks, median)];
            if (2L * medianRows > n) { // only then can a value fill more than half of the rows
                int rows = countEqual(column, candidate);
                majority = 2L * rows > n ? rows : 0;
            }
            numbers = new ColumnFacts.Numbers(negative, positive, first.min, first.max, mean,
                    m > 1 ? Math.sqrt(squares / (m - 1)) : Double.NaN,
                    Quantiles.interpolate(m, 0.25, ranks, stats), Quantiles.interpolate(m, 0.5, ranks, stats),
                    Quantiles.interpolate(m, 0.75, ranks, stats));
        }
        boolean constant = m == 0 || numbers.min() == numbers.max();
        ColumnFacts facts = new ColumnFacts(column.name(), column.physicalType(), n, column.missingCount(), majority,
                constant, numbers);
        return new ColumnScan(facts, columnHash(column, first.blockHashes), first.blockHashes, first.missingBlocks);
    }

    /** The −∞ and +∞ cells. */
    private static int[] infinities(NumericColumn column) {
        int negative = 0;
        int positive = 0;
        double[] buffer = new double[CHUNK];
        for (int from = 0; from < column.length(); from += CHUNK) {
            int count = Math.min(CHUNK, column.length() - from);
            column.copyValues(from, buffer, 0, count);
            for (int j = 0; j < count; j++) {
                negative += buffer[j] == Double.NEGATIVE_INFINITY ? 1 : 0;
                positive += buffer[j] == Double.POSITIVE_INFINITY ? 1 : 0;
            }
        }
        return new int[] {negative, positive};
    }

    /** Cells equal to {@code value}. */
    private static int countEqual(NumericColumn column, double value) {
        int n = column.length();
        double[] buffer = new double[CHUNK];
        int equal = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int count = Math.min(CHUNK, n - from);
            column.copyValues(from, buffer, 0, count);
            for (int j = 0; j < count; j++) {
                equal += buffer[j] == value ? 1 : 0;
            }
        }
        return equal;
    }

    // ---------------------------------------------------------------- labels

    private static ColumnScan labels(CategoricalColumn column, long salt, Blocks blocks, Scratch scratch) {
        int n = column.length();
        long[] labelHashes = labelHashes(column);
        long[] counts = new long[labelHashes.length];
        long[] blockHashes = new long[blocks.count()];
        long[] missingBlocks = new long[(blocks.count() + 63) >>> 6];
        int[] buffer = scratch.codes;
        int block = 0;
        int end = blocks.count() == 0 ? Integer.MAX_VALUE : blocks.start(1);
        long bh = 0;
        boolean bm = false;
        for (int from = 0; from < n; from += buffer.length) {
            int count = Math.min(buffer.length, n - from);
            column.copyCodes(from, buffer, 0, count);
            long[] hashes = scratch.rowHashes;
            for (int j = 0; j < count; j++) { // codes: equal labels of one column have equal codes
                hashes[from + j] += (buffer[j] ^ salt) * ROW_K;
            }
            int r = from;
            for (int j = 0; j < count; j++, r++) {
                int code = buffer[j];
                long bits;
                if (code < 0) {
                    bits = MISSING_TOKEN;
                    bm = true;
                } else {
                    counts[code]++;
                    bits = labelHashes[code];
                }
                bh += (bits ^ (r * ROW_SALT)) * K;
                if (r + 1 == end) {
                    blockHashes[block] = mix(bh);
                    if (bm) {
                        missingBlocks[block >>> 6] |= 1L << block;
                    }
                    block++;
                    end = block + 1 <= blocks.count() ? blocks.start(block + 1) : Integer.MAX_VALUE;
                    bh = 0;
                    bm = false;
                }
            }
        }
        long top = 0;
        int distinct = 0;
        for (long c : counts) {
            if (c > 0) {
                distinct++;
                top = Math.max(top, c);
            }
        }
        int majority = 2 * top > n ? (int) top : 0;
        ColumnFacts facts = new ColumnFacts(column.name(), column.physicalType(), n, column.missingCount(), majority,
                distinct <= 1, null);
        return new ColumnScan(facts, columnHash(column, blockHashes), blockHashes, missingBlocks);
    }

    /** The label hashes of {@code column}'s dictionary, by code. */
    static long[] labelHashes(CategoricalColumn column) {
        long[] hashes = new long[column.cardinality()];
        for (int code = 0; code < hashes.length; code++) {
            hashes[code] = labelHash(column.label(code));
        }
        return hashes;
    }
}
