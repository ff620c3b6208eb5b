package io.driftwatch.integrity;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Parallelism;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.integrity.DataSummary.CategoricalStats;
import io.driftwatch.integrity.DataSummary.ColumnCounts;
import io.driftwatch.integrity.DataSummary.NumericStats;
import io.driftwatch.integrity.DataSummary.ValueStats;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.ColumnFacts;
import io.driftwatch.profile.ColumnProfile;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.profile.TableFacts;
import io.driftwatch.stats.CategoryCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Builds the {@link DataSummary} of a batch: of the current batch from its table, of the reference
 * from its profile. Both sides go through the same code: the {@link TableFacts} (computed for the
 * current batch here, kept in the profile for the reference) give the counts and numeric statistics,
 * and the value counts of categorical columns come from the labels and their counts (the table's
 * dictionary, the profile's counts) or, for numbers shown as categories, from the distinct values
 * (counted in the table, run-length over the profile's sorted values, infinities from the facts).
 *
 * <p>Which columns: those of {@code types} (ignored columns are not in it); datetime, text and
 * unsupported columns count in the dataset statistics only. Value statistics: categorical columns
 * first, then numerical ones, each in {@code types}' order (Evidently lists them so). A numerical
 * column stored as text gets no value statistics ({@link #problems} names it).
 *
 * <p>Thread-safe: stateless.
 */
public final class DataSummaries {
    private DataSummaries() {
    }

    /** The summary of {@code table} over the columns of {@code types}, on the calling thread. */
    public static DataSummary of(Table table, Map<String, ColumnType> types) {
        return of(table, types, Runnable::run);
    }

    /** The summary of {@code table} over the columns of {@code types}, parallel work on {@code executor}. */
    public static DataSummary of(Table table, Map<String, ColumnType> types, Executor executor) {
        List<String> considered = new ArrayList<>();
        for (Column c : table.columns()) {
            if (types.containsKey(c.name())) {
                considered.add(c.name());
            }
        }
        // the categorical columns' value counts, on the executor while the facts are computed
        Map<String, Counting> counted = new HashMap<>();
        for (Map.Entry<String, ColumnType> e : types.entrySet()) {
            Column c = table.column(e.getKey()).orElse(null);
            if (c != null && e.getValue() == ColumnType.CATEGORICAL) {
                Counting counting = new Counting(c);
                counted.put(c.name(), counting);
                try {
                    executor.execute(counting::claim);
                } catch (java.util.concurrent.RejectedExecutionException rejected) {
                    // counted on this thread when needed
                }
            }
        }
        TableFacts facts = TableFacts.of(table, considered, executor);
        return summary(facts, types, (column, f) -> counted.get(column).result());
    }

    /**
     * One column's value counts, computed once by whoever claims it first: a pool thread, or the
     * caller when it needs the result before any pool thread started (so a busy executor never
     * blocks the summary).
     */
    private static final class Counting {
        private final Column column;
        private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
        private final CompletableFuture<Counts> result = new CompletableFuture<>();

        Counting(Column column) {
            this.column = column;
        }

        void claim() {
            if (claimed.compareAndSet(false, true)) {
                try {
                    result.complete(column instanceof CategoricalColumn labels ? countLabels(labels)
                            : countNumbers((NumericColumn) column));
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            }
        }

        Counts result() {
            claim();
            return Parallelism.join(result);
        }
    }

    /**
     * The summary of the reference in {@code profile}, over its columns in {@code types}.
     *
     * @throws IllegalArgumentException when {@link #referenceProblem} finds one
     */
    public static DataSummary of(ReferenceProfile profile, Map<String, ColumnType> types) {
        referenceProblem(profile, types).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        TableFacts facts = profile.facts().orElseThrow();
        return summary(facts, types, (column, f) -> {
            ColumnProfile p = profile.column(column).orElse(null);
            if (p instanceof CategoricalProfile labels) {
                return new Counts(labels.labels(), labels.counts(), null);
            }
            if (p instanceof NumericProfile numbers && f.numbers() != null) {
                return countSorted(numbers.sortedValues(), f.numbers().negativeInfinite(), f.numbers().positiveInfinite());
            }
            return null;
        });
    }

    /**
     * Why the reference's summary cannot be built from {@code profile} for a check over the columns
     * of {@code types}, if it cannot: a profile written before profiles held the dataset facts, or
     * facts over other columns than the check considers (a profile built with other ignored columns).
     */
    public static Optional<String> referenceProblem(ReferenceProfile profile, Map<String, ColumnType> types) {
        if (profile.facts().isEmpty()) {
            return Optional.of("the reference profile was written by an older Driftwatch (profile format 1) and lacks"
                    + " the dataset facts the data summary needs (duplicated and empty rows, duplicated columns,"
                    + " numeric statistics): build it again (driftwatch profile --reference … --monitor …)");
        }
        TableFacts facts = profile.facts().get();
        TreeSet<String> onlyProfile = new TreeSet<>(facts.columnNames());
        onlyProfile.removeAll(types.keySet());
        TreeSet<String> onlyCheck = new TreeSet<>();
        for (String name : types.keySet()) {
            if (!facts.columnNames().contains(name) && profile.column(name).isPresent()) {
                onlyCheck.add(name);
            }
        }
        if (onlyProfile.isEmpty() && onlyCheck.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder("the reference profile's dataset facts were computed over other columns"
                + " than this check considers (");
        if (!onlyProfile.isEmpty()) {
            why.append("the check ignores ").append(names(onlyProfile));
        }
        if (!onlyCheck.isEmpty()) {
            why.append(onlyProfile.isEmpty() ? "" : "; ").append("the profile left out ").append(names(onlyCheck));
        }
        return Optional.of(why.append("): build the profile again with the monitor's ignored columns"
                + " (driftwatch profile --reference … --monitor …)").toString());
    }

    /**
     * What the summary of {@code summary}'s batch leaves out, in words: numerical columns stored as
     * text, which have no numeric statistics.
     *
     * @param side "current" or "reference", to name the batch
     */
    public static List<String> problems(DataSummary summary, Map<String, ColumnType> types, String side) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, ColumnType> e : types.entrySet()) {
            if (e.getValue() != ColumnType.NUMERICAL) {
                continue;
            }
            boolean present = false;
            for (ValueStats s : summary.columns()) {
                present |= s.column().equals(e.getKey());
            }
            if (!present) {
                out.add("column '" + e.getKey() + "' is numerical but the " + side
                        + " holds text there: no min, max, mean, std or quantiles");
            }
        }
        return out;
    }

    private static String names(TreeSet<String> names) {
        List<String> quoted = new ArrayList<>();
        for (String n : names) {
            if (quoted.size() == 5) {
                quoted.add("… (" + names.size() + " in all)");
                break;
            }
            quoted.add("'" + n + "'");
        }
        return String.join(", ", quoted);
    }

    /** The value counts of a categorical column: labels and counts, or numbers (then labels are made from them). */
    private record Counts(String[] labels, long[] counts, double[] numbers) {
    }

    @FunctionalInterface
    private interface CountSource {
        Counts counts(String column, ColumnFacts facts);
    }

    private static DataSummary summary(TableFacts facts, Map<String, ColumnType> types, CountSource counts) {
        int numerical = 0;
        int categorical = 0;
        int datetime = 0;
        int text = 0;
        for (ColumnFacts c : facts.columns()) {
            ColumnType type = types.get(c.name());
            if (type == ColumnType.NUMERICAL) {
                numerical++;
            } else if (type == ColumnType.CATEGORICAL) {
                categorical++;
            } else if (type == ColumnType.DATETIME) {
                datetime++;
            } else if (type == ColumnType.TEXT) {
                text++;
            }
        }
        int rows = facts.rows();
        int almostConstant = 0;
        int empty = 0;
        int constant = 0;
        for (ColumnFacts c : facts.columns()) {
            if (rows > 0 && (double) c.majority() / rows >= 0.95) {
                almostConstant++;
            }
            if (c.missing() == c.rows()) {
                empty++;
            }
            if (c.constant()) {
                constant++;
            }
        }
        List<ValueStats> stats = new ArrayList<>();
        for (Map.Entry<String, ColumnType> e : types.entrySet()) {
            ColumnFacts f = facts.column(e.getKey()).orElse(null);
            if (f != null && e.getValue() == ColumnType.CATEGORICAL) {
                Counts c = counts.counts(e.getKey(), f);
                if (c != null) {
                    stats.add(categorical(f, c));
                }
            }
        }
        for (Map.Entry<String, ColumnType> e : types.entrySet()) {
            ColumnFacts f = facts.column(e.getKey()).orElse(null);
            if (f != null && e.getValue() == ColumnType.NUMERICAL && f.numbers() != null) {
                ColumnFacts.Numbers n = f.numbers();
                stats.add(new NumericStats(f.name(), f.rows(), f.missing(), n.min(), n.max(), n.mean(), n.std(),
                        n.quantile25(), n.quantile50(), n.quantile75()));
            }
        }
        return new DataSummary(rows, new ColumnCounts(facts.columns().size(), numerical, categorical, datetime, text),
                facts.duplicatedRows(), Math.toIntExact(facts.duplicatedColumnPairs()),
                Math.toIntExact(facts.almostDuplicatedColumnPairs()), almostConstant, facts.emptyRows(), empty, constant,
                facts.missingCells(), stats);
    }

    /** The value counts, most frequent first, ties by label (numbers by value). */
    private static CategoricalStats categorical(ColumnFacts facts, Counts c) {
        int k = c.counts().length;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        if (c.numbers() != null) {
            double[] x = c.numbers();
            Arrays.sort(order, (a, b) -> c.counts()[a] != c.counts()[b] ? Long.compare(c.counts()[b], c.counts()[a])
                    : Double.compare(x[a], x[b]));
        } else {
            String[] l = c.labels();
            Arrays.sort(order, (a, b) -> c.counts()[a] != c.counts()[b] ? Long.compare(c.counts()[b], c.counts()[a])
                    : l[a].compareTo(l[b]));
        }
        List<String> labels = new ArrayList<>(k);
        long[] counts = new long[k];
        int n = 0;
        for (int i : order) {
            if (c.counts()[i] == 0) {
                continue;
            }
            labels.add(c.numbers() != null ? numberLabel(c.numbers()[i], facts.physicalType()) : c.labels()[i]);
            counts[n++] = c.counts()[i];
        }
        return new CategoricalStats(facts.name(), facts.rows(), facts.missing(), labels, Arrays.copyOf(counts, n));
    }

    /** A number shown as a category: {@code false}/{@code true} for booleans (as Evidently shows them), else as drift shows it. */
    static String numberLabel(double v, PhysicalType type) {
        if (type == PhysicalType.BOOLEAN && (v == 0 || v == 1)) {
            return v == 0 ? "false" : "true";
        }
        return CategoryCounts.numberLabel(v);
    }

    private static Counts countLabels(CategoricalColumn column) {
        return new Counts(column.dictionary(), column.countsByCode(), null);
    }

    /** Small whole numbers (booleans, codes, counts) are counted by index. */
    private static final int DIRECT = 1024;

    /** Distinct non-missing values of a numeric column and their counts (−0.0 counted as 0.0), ascending. */
    private static Counts countNumbers(NumericColumn column) {
        int n = column.length();
        long[] direct = new long[DIRECT];
        int capacity = 16;
        double[] keys = new double[capacity];
        long[] counts = new long[capacity];
        boolean[] used = new boolean[capacity];
        int size = 0;
        double[] buffer = new double[1024];
        for (int from = 0; from < n; from += buffer.length) {
            int count = Math.min(buffer.length, n - from);
            column.copyValues(from, buffer, 0, count);
            for (int j = 0; j < count; j++) {
                double v = buffer[j];
                int index = (int) v;
                if (index == v && index >= 0 && index < DIRECT) { // −0.0 too; never NaN
                    direct[index]++;
                    continue;
                }
                if (v != v) {
                    continue;
                }
                v += 0.0;
                int mask = capacity - 1;
                int slot = (int) mix(Double.doubleToRawLongBits(v)) & mask;
                while (used[slot] && keys[slot] != v) {
                    slot = (slot + 1) & mask;
                }
                if (!used[slot]) {
                    used[slot] = true;
                    keys[slot] = v;
                    size++;
                }
                counts[slot]++;
                if (2 * size > capacity) {
                    int bigger = capacity * 2;
                    double[] k2 = new double[bigger];
                    long[] c2 = new long[bigger];
                    boolean[] u2 = new boolean[bigger];
                    for (int s = 0; s < capacity; s++) {
                        if (used[s]) {
                            int t = (int) mix(Double.doubleToRawLongBits(keys[s])) & (bigger - 1);
                            while (u2[t]) {
                                t = (t + 1) & (bigger - 1);
                            }
                            u2[t] = true;
                            k2[t] = keys[s];
                            c2[t] = counts[s];
                        }
                    }
                    keys = k2;
                    counts = c2;
                    used = u2;
                    capacity = bigger;
                }
            }
        }
        int small = 0;
        for (long c : direct) {
            small += c > 0 ? 1 : 0;
        }
        double[] outKeys = new double[size + small];
        long[] outCounts = new long[size + small];
        int k = 0;
        for (int i = 0; i < DIRECT; i++) {
            if (direct[i] > 0) {
                outKeys[k] = i;
                outCounts[k++] = direct[i];
            }
        }
        for (int s = 0; s < capacity; s++) {
            if (used[s]) {
                outKeys[k] = keys[s];
                outCounts[k] = counts[s];
                k++;
            }
        }
        return sortedByValue(outKeys, outCounts);
    }

    /** Run lengths of sorted finite values, with the infinities counted apart. */
    private static Counts countSorted(double[] sorted, int negativeInfinite, int positiveInfinite) {
        int distinct = (negativeInfinite > 0 ? 1 : 0) + (positiveInfinite > 0 ? 1 : 0);
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        double[] keys = new double[distinct];
        long[] counts = new long[distinct];
        int k = 0;
        if (negativeInfinite > 0) {
            keys[k] = Double.NEGATIVE_INFINITY;
            counts[k++] = negativeInfinite;
        }
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                keys[k] = sorted[i] + 0.0;
                counts[k++] = 1;
            } else {
                counts[k - 1]++;
            }
        }
        if (positiveInfinite > 0) {
            keys[k] = Double.POSITIVE_INFINITY;
            counts[k] = positiveInfinite;
        }
        return new Counts(null, counts, keys);
    }

    private static Counts sortedByValue(double[] keys, long[] counts) {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(keys[a], keys[b]));
        double[] k = new double[keys.length];
        long[] c = new long[keys.length];
        for (int i = 0; i < order.length; i++) {
            k[i] = keys[order[i]];
            c[i] = counts[order[i]];
        }
        return new Counts(null, c, k);
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
