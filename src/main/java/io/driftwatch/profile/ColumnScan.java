package io.driftwatch.profile;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.stats.PairwiseSummation;

/**
 * One column's part of the {@link TableFacts}, in two passes over its cells: its {@link ColumnFacts}
 * and the hashes the duplicate-column checks group by (one per {@link Blocks block}, with a flag for
 * blocks holding a missing cell, and one for the whole column).
 *
 * <p>Numbers: the first pass, in NumPy's pairwise order, sums the values (missing as 0, as pandas
 * fills them before summing), takes the minimum and maximum, hashes the blocks and copies the
 * non-missing values aside; the quartiles are selected from that copy; the second pass sums the
 * squared deviations from the mean (pandas' two-pass variance) and counts the median value's rows,
 * which is the only value that can fill more than half of the rows. Text: one pass counting codes and
 * hashing blocks by the labels' hashes (so equal labels hash equally across dictionaries).
 *
 * <p>Cell hashes: a number's bits after adding 0.0 (so −0.0 hashes as 0.0, which pandas treats as
 * equal), missing as a fixed token; a label's 64-bit hash of its characters. A block's hash sums
 * {@code (cell ^ rowSalt) · K} over its rows, which costs no dependency chain per cell; hashes only
 * select candidates, every match is verified cell by cell.
 *
 * <p>Deliberately low-level (hot loops over primitive blocks). Not thread-safe: one scan per thread,
 * each with its own {@link Scratch}.
 */
final class ColumnScan {
    /** What a missing cell hashes as. */
    static final long MISSING_TOKEN = 0x5bd1e9955bd1e995L;
    private static final long K = 0x9E3779B97F4A7C15L;
    private static final long ROW_SALT = 0xC2B2AE3D27D4EB4FL;

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

    /** A worker's reusable buffers: a chunk buffer and room for one column's values. */
    static final class Scratch {
        final double[] values;
        final int[] codes = new int[CHUNK];

        Scratch(int rows) {
            this.values = new double[rows];
        }
    }

    /** Cells per chunk of a text column. */
    private static final int CHUNK = 1024;

    static ColumnScan of(Column column, Blocks blocks, Scratch scratch) {
        if (column instanceof NumericColumn numbers) {
            return numbers(numbers, blocks, scratch);
        }
        return labels((CategoricalColumn) column, blocks, scratch);
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

    /** The hash of a number cell (any NaN as the missing token, −0.0 as 0.0). */
    static long numberHash(double v) {
        return v != v ? MISSING_TOKEN : Double.doubleToRawLongBits(v + 0.0);
    }

    private static long columnHash(Column column, long[] blockHashes) {
        long h = mix(column.physicalType().ordinal() + 1L);
        for (long b : blockHashes) {
            h = mix(h ^ b) + K;
        }
        return h;
    }

    // ---------------------------------------------------------------- numbers

    /** The first pass over a numeric column, fed to the pairwise sum chunk by chunk. */
    private static final class FirstPass implements PairwiseSummation.TermSource {
        private final NumericColumn column;
        private final Blocks blocks;
        private final double[] kept;
        private final long[] blockHashes;
        private final long[] missingBlocks;
        private int row;
        private int kept0;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private int block;
        private int blockEnd;
        private long blockHash;
        private boolean blockMissing;

        FirstPass(NumericColumn column, Blocks blocks, double[] kept) {
            this.column = column;
            this.blocks = blocks;
            this.kept = kept;
            this.blockHashes = new long[blocks.count()];
            this.missingBlocks = new long[(blocks.count() + 63) >>> 6];
            this.blockEnd = blocks.count() == 0 ? Integer.MAX_VALUE : blocks.start(1);
        }

        @Override
        public void next(double[] buffer, int count) {
            column.copyValues(row, buffer, 0, count);
            double[] keep = kept;
            int k = kept0;
            double lo = min;
            double hi = max;
            long bh = blockHash;
            boolean bm = blockMissing;
            int r = row;
            int end = blockEnd;
            for (int j = 0; j < count; j++, r++) {
                double v = buffer[j];
                long bits;
                if (v != v) {
                    buffer[j] = 0.0;
                    bits = MISSING_TOKEN;
                    bm = true;
                } else {
                    if (v < lo) {
                        lo = v;
                    }
                    if (v > hi) {
                        hi = v;
                    }
                    keep[k++] = v;
                    bits = Double.doubleToRawLongBits(v + 0.0);
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
            row = r;
            kept0 = k;
            min = lo;
            max = hi;
            blockHash = bh;
            blockMissing = bm;
            blockEnd = end;
        }
    }

    /** The second pass: squared deviations from the mean (missing as 0), and the rows of one value. */
    private static final class SecondPass implements PairwiseSummation.TermSource {
        private final NumericColumn column;
        private final double mean;
        private final double candidate;
        private int row;
        private int matches;

        SecondPass(NumericColumn column, double mean, double candidate) {
            this.column = column;
            this.mean = mean;
            this.candidate = candidate;
        }

        @Override
        public void next(double[] buffer, int count) {
            column.copyValues(row, buffer, 0, count);
            double avg = mean;
            double c = candidate;
            int hits = matches;
            for (int j = 0; j < count; j++) {
                double v = buffer[j];
                hits += v == c ? 1 : 0;
                double d = avg - v;
                buffer[j] = v != v ? 0.0 : d * d;
            }
            matches = hits;
            row += count;
        }
    }

    private static ColumnScan numbers(NumericColumn column, Blocks blocks, Scratch scratch) {
        int n = column.length();
        FirstPass first = new FirstPass(column, blocks, scratch.values);
        double sum = PairwiseSummation.sum(first, n);
        int m = first.kept0;
        double min = m == 0 ? Double.NaN : first.min;
        double max = m == 0 ? Double.NaN : first.max;
        int negative = 0;
        int positive = 0;
        if (min == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            double[] kept = scratch.values;
            for (int i = 0; i < m; i++) {
                negative += kept[i] == Double.NEGATIVE_INFINITY ? 1 : 0;
                positive += kept[i] == Double.POSITIVE_INFINITY ? 1 : 0;
            }
        }
        double mean = m == 0 ? Double.NaN : sum / m;
        double[] quartiles = new double[3];
        Quantiles.linear(scratch.values, m, Quantiles.QUARTILES, quartiles);
        double candidate = m == 0 ? Double.NaN : scratch.values[(m - 1) / 2];
        double std = Double.NaN;
        int candidateRows = 0;
        if (m > 0) {
            SecondPass second = new SecondPass(column, mean, candidate);
            double squares = PairwiseSummation.sum(second, n);
            std = m > 1 ? Math.sqrt(squares / (m - 1)) : Double.NaN;
            candidateRows = second.matches;
        }
        int majority = 2L * candidateRows > n ? candidateRows : 0;
        boolean constant = m == 0 || min == max;
        ColumnFacts facts = new ColumnFacts(column.name(), column.physicalType(), n, column.missingCount(), majority,
                constant, new ColumnFacts.Numbers(negative, positive, min, max, mean, std, quartiles[0], quartiles[1],
                        quartiles[2]));
        return new ColumnScan(facts, columnHash(column, first.blockHashes), first.blockHashes, first.missingBlocks);
    }

    // ---------------------------------------------------------------- labels

    private static ColumnScan labels(CategoricalColumn column, Blocks blocks, Scratch scratch) {
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
