package io.driftwatch.profile;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.profile.internal.Workers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Duplicated and almost-duplicated column pairs, as Evidently 0.7.21 counts them (pairs, not
 * columns): a pair {@code i < j} is duplicated when {@code Series.equals} holds (the same storage
 * type, equal values, missing equals missing), and almost duplicated when both have the same storage
 * type and {@code eq().sum() / rows >= 0.95} (missing never equals anything).
 *
 * <p>Evidently compares every pair cell by cell: quadratic in columns times rows, hopeless past a
 * thousand columns. Here:
 * <ol>
 * <li>Duplicated: columns are grouped by storage type and content hash; only columns in one group are
 *     compared, and they fall into classes of equal columns ({@code s} equal columns make
 *     {@code s(s − 1)/2} pairs).
 * <li>Almost duplicated, within a class: two equal columns agree exactly where they are not
 *     missing, so all pairs of a class pass or fail together on its non-missing count.
 * <li>Across classes, an exact filter (see {@link Blocks}): a passing pair agrees on every cell of at
 *     least one block. For each block, the classes' representatives are bucketed by storage type and
 *     block hash (blocks with a missing cell cannot agree and are left out); pairs sharing a bucket
 *     in some block are candidates, and only candidates are compared cell by cell (stopping as soon as
 *     too many cells differ). A pair of equal classes of sizes {@code a} and {@code b} counts
 *     {@code a·b} pairs.
 * </ol>
 * Columns with more missing cells than a passing pair may have unequal ones take no part. The cost
 * is one pass over the hashes per block plus the comparisons of candidates: linear for data whose
 * columns are not nearly equal to one another.
 *
 * <p>Deliberately low-level. Thread-safe: stateless.
 */
final class ColumnDuplicates {
    private static final int CHUNK = 1024;

    private ColumnDuplicates() {
    }

    /** Duplicated and almost-duplicated pairs. */
    record Pairs(long duplicated, long almostDuplicated) {
    }

    static Pairs count(List<Column> columns, ColumnScan[] scans, Blocks blocks, Executor executor) {
        int m = columns.size();
        int[] classOf = new int[m];
        int[] classSize = new int[m];
        Map<Long, List<Integer>> groups = new HashMap<>();
        for (int c = 0; c < m; c++) {
            long key = scans[c].hash * 31 + columns.get(c).physicalType().ordinal();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        for (List<Integer> group : groups.values()) {
            List<Integer> representatives = new ArrayList<>();
            for (int c : group) {
                int into = -1;
                for (int r : representatives) {
                    if (columns.get(r).physicalType() == columns.get(c).physicalType()
                            && equal(columns.get(r), columns.get(c))) {
                        into = r;
                        break;
                    }
                }
                if (into < 0) {
                    representatives.add(c);
                    into = c;
                }
                classOf[c] = into;
                classSize[into]++;
            }
        }
        long duplicated = 0;
        for (int c = 0; c < m; c++) {
            duplicated += pairs(classSize[c]);
        }
        if (blocks.rows() == 0) {
            return new Pairs(duplicated, 0); // eq().sum() / 0 is NaN, never >= 0.95
        }
        long almost = 0;
        List<Integer> eligible = new ArrayList<>();
        int[] perType = new int[io.driftwatch.data.PhysicalType.values().length];
        for (int c = 0; c < m; c++) {
            if (classOf[c] == c && blocks.rows() - scans[c].facts.missing() >= blocks.equalCells()) {
                almost += pairs(classSize[c]);
                eligible.add(c);
                perType[columns.get(c).physicalType().ordinal()]++;
            }
        }
        List<Integer> partners = new ArrayList<>();
        for (int c : eligible) {
            if (perType[columns.get(c).physicalType().ordinal()] > 1) {
                partners.add(c);
            }
        }
        if (partners.size() > 1) {
            almost += almostAcross(columns, scans, blocks, partners, classSize, executor);
        }
        return new Pairs(duplicated, almost);
    }

    private static long pairs(long s) {
        return s * (s - 1) / 2;
    }

    /** Pairs of almost-equal columns among distinct representatives, weighted by their class sizes. */
    private static long almostAcross(List<Column> columns, ColumnScan[] scans, Blocks blocks, List<Integer> partners,
            int[] classSize, Executor executor) {
        int p = partners.size();
        int[] cols = new int[p];
        long[] salts = new long[p];
        int[] types = new int[p];
        for (int i = 0; i < p; i++) {
            cols[i] = partners.get(i);
            types[i] = columns.get(cols[i]).physicalType().ordinal();
            salts[i] = ColumnScan.mix(types[i] + 0x51L);
        }
        long[][] hashes = new long[p][];
        long[][] missing = new long[p][];
        for (int i = 0; i < p; i++) {
            hashes[i] = scans[cols[i]].blockHashes;
            missing[i] = scans[cols[i]].missingBlocks;
        }
        int blockCount = blocks.count();
        int perItem = Math.max(1, Math.min(4096, blockCount / (4 * Runtime.getRuntime().availableProcessors())));
        int items = (blockCount + perItem - 1) / perItem;
        LongHashSet[] found = new LongHashSet[items];
        Workers.run(executor, items, () -> new BucketTable(p), (item, table) -> {
            LongHashSet candidates = new LongHashSet();
            int end = Math.min(blockCount, (item + 1) * perItem);
            for (int b = item * perItem; b < end; b++) {
                table.clear();
                long bit = 1L << b;
                int word = b >>> 6;
                for (int i = 0; i < p; i++) {
                    if ((missing[i][word] & bit) == 0) {
                        table.add(hashes[i][b] ^ salts[i], i, types, candidates);
                    }
                }
            }
            found[item] = candidates;
        });
        LongHashSet all = new LongHashSet();
        for (LongHashSet set : found) {
            all.addAll(set);
        }
        long[] candidates = all.toArray();
        AtomicLong almost = new AtomicLong();
        Workers.run(executor, candidates.length, () -> new double[2][CHUNK], (k, buffers) -> {
            int a = cols[(int) (candidates[k] >>> 32)];
            int b = cols[(int) candidates[k]];
            if (equalCells(columns.get(a), columns.get(b), blocks.maxUnequal(), buffers) >= blocks.equalCells()) {
                almost.addAndGet((long) classSize[a] * classSize[b]);
            }
        });
        return almost.get();
    }

    /**
     * One block's buckets: an open-addressing table of block hashes, each bucket a chain of the
     * partners that had it; adding a partner records a candidate pair with every earlier member of its
     * bucket of the same storage type.
     */
    private static final class BucketTable {
        private final long[] keys;
        private final int[] heads;
        private final int[] stamps;
        private final int[] next;
        private final int mask;
        private int stamp;

        BucketTable(int partners) {
            int capacity = Integer.highestOneBit(Math.max(2, partners)) << 2;
            keys = new long[capacity];
            heads = new int[capacity];
            stamps = new int[capacity];
            next = new int[partners];
            mask = capacity - 1;
        }

        void clear() {
            stamp++;
        }

        void add(long key, int partner, int[] types, LongHashSet candidates) {
            int slot = (int) (key ^ (key >>> 32)) & mask; // block hashes are mixed already
            while (stamps[slot] == stamp) {
                if (keys[slot] == key) {
                    for (int other = heads[slot]; other >= 0; other = next[other]) {
                        if (types[other] == types[partner]) {
                            candidates.add(((long) other << 32) | partner);
                        }
                    }
                    next[partner] = heads[slot];
                    heads[slot] = partner;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            stamps[slot] = stamp;
            keys[slot] = key;
            heads[slot] = partner;
            next[partner] = -1;
        }
    }

    /**
     * Cells where {@code a} and {@code b} hold the same value, neither missing (pandas' {@code eq}),
     * or any number above {@code rows − maxUnequal − 1} once more than {@code maxUnequal} cells differ.
     */
    static long equalCells(Column a, Column b, int maxUnequal, double[][] buffers) {
        int n = a.length();
        long equal = 0;
        long unequal = 0;
        if (a instanceof NumericColumn x && b instanceof NumericColumn y) {
            double[] u = buffers[0];
            double[] v = buffers[1];
            for (int from = 0; from < n && unequal <= maxUnequal; from += CHUNK) {
                int count = Math.min(CHUNK, n - from);
                x.copyValues(from, u, 0, count);
                y.copyValues(from, v, 0, count);
                int e = 0;
                for (int i = 0; i < count; i++) {
                    e += u[i] == v[i] ? 1 : 0;
                }
                equal += e;
                unequal += count - e;
            }
            return unequal > maxUnequal ? 0 : equal;
        }
        CategoricalColumn x = (CategoricalColumn) a;
        CategoricalColumn y = (CategoricalColumn) b;
        int[] map = codeMap(x, y);
        for (int r = 0; r < n && unequal <= maxUnequal; r++) {
            int cx = x.code(r);
            if (cx >= 0 && map[cx] == y.code(r)) {
                equal++;
            } else {
                unequal++;
            }
        }
        return unequal > maxUnequal ? 0 : equal;
    }

    /** Whether two columns of one storage type hold equal values, missing equal to missing ({@code Series.equals}). */
    static boolean equal(Column a, Column b) {
        int n = a.length();
        if (a instanceof NumericColumn x && b instanceof NumericColumn y) {
            if (x.missingCount() != y.missingCount()) {
                return false;
            }
            for (int r = 0; r < n; r++) {
                double u = x.value(r);
                double v = y.value(r);
                if (u != v && (u == u || v == v)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof CategoricalColumn x && b instanceof CategoricalColumn y) {
            if (x.missingCount() != y.missingCount()) {
                return false;
            }
            int[] map = codeMap(x, y);
            for (int r = 0; r < n; r++) {
                int cx = x.code(r);
                int cy = y.code(r);
                if (cx < 0 ? cy >= 0 : map[cx] != cy) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** For each code of {@code x}, the code of the same label in {@code y}, or −2 when {@code y} lacks it. */
    private static int[] codeMap(CategoricalColumn x, CategoricalColumn y) {
        Map<String, Integer> codes = new HashMap<>();
        for (int c = 0; c < y.cardinality(); c++) {
            codes.put(y.label(c), c);
        }
        int[] map = new int[x.cardinality()];
        for (int c = 0; c < map.length; c++) {
            map[c] = codes.getOrDefault(x.label(c), -2);
        }
        return map;
    }
}
