package io.driftwatch.profile;

import io.driftwatch.data.PhysicalType;
import io.driftwatch.stats.FrequencySummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * A categorical column of a {@link SketchProfile}: exact cell and missing counts, and the label
 * counts: exact while the column has at most {@link SketchSettings#exactLabels()} distinct labels,
 * past that an Apache DataSketches frequent-items sketch ({@code ItemsSketch<String>}) whose
 * estimates are within {@link #maxError()} of the true counts (Misra-Gries with the purge of
 * Anderson et al., doi:10.1145/3127479.3128607; the error is at most {@code 3.5/mapSize} of the
 * values, often far less).
 *
 * <p>Merging is exact while the union of labels stays within the limit; the switch to the sketch
 * depends only on that union, so it happens the same in any order of merging.
 *
 * <p>Thread-safety: as {@link NumericSketch}: mutated only while a profile is built or merged.
 */
public final class CategoricalSketch implements ColumnSketch {
    private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();

    private final String name;
    private final SketchSettings settings;
    private long rows;
    private long missing;
    private Map<String, long[]> exact = new HashMap<>(); // null once the sketch took over
    private ItemsSketch<String> frequent;
    private FrequencySummary summary;

    CategoricalSketch(String name, SketchSettings settings) {
        this.name = name;
        this.settings = settings;
    }

    /** Restores an exact column read from a profile file. */
    static CategoricalSketch restoreExact(String name, SketchSettings settings, long rows, long missing,
            Map<String, long[]> counts) {
        CategoricalSketch s = new CategoricalSketch(name, settings);
        s.rows = rows;
        s.missing = missing;
        s.exact = counts;
        return s;
    }

    /** Restores a column in frequent-items mode read from a profile file. */
    static CategoricalSketch restoreFrequent(String name, SketchSettings settings, long rows, long missing,
            ItemsSketch<String> frequent) {
        CategoricalSketch s = new CategoricalSketch(name, settings);
        s.rows = rows;
        s.missing = missing;
        s.exact = null;
        s.frequent = frequent;
        return s;
    }

    /** Adds {@code count} cells of {@code label} ({@code null}: missing). */
    void update(String label, long count) {
        rows += count;
        summary = null;
        if (label == null) {
            missing += count;
        } else {
            countLabel(label, count);
        }
    }

    /** Counts {@code count} more of {@code label}, switching to the sketch when it is one label too many. */
    private void countLabel(String label, long count) {
        if (exact != null) {
            long[] c = exact.get(label);
            if (c != null) {
                c[0] += count;
                return;
            }
            if (exact.size() < settings.exactLabels()) {
                exact.put(label, new long[] {count});
                return;
            }
            switchToSketch();
        }
        frequent.update(label, count);
    }

    private void switchToSketch() {
        frequent = new ItemsSketch<>(settings.frequentItemsMapSize());
        for (Map.Entry<String, long[]> e : exact.entrySet()) {
            frequent.update(e.getKey(), e.getValue()[0]);
        }
        exact = null;
    }

    /** Merges {@code other} (same settings) into this column. */
    void merge(CategoricalSketch other) {
        rows += other.rows;
        missing += other.missing;
        summary = null;
        if (other.exact != null) {
            for (Map.Entry<String, long[]> e : other.exact.entrySet()) {
                countLabel(e.getKey(), e.getValue()[0]);
            }
            return;
        }
        if (exact != null) {
            switchToSketch();
        }
        frequent.merge(other.frequent);
    }

    /** A deep copy. */
    CategoricalSketch copy() {
        if (exact != null) {
            Map<String, long[]> counts = new HashMap<>();
            for (Map.Entry<String, long[]> e : exact.entrySet()) {
                counts.put(e.getKey(), new long[] {e.getValue()[0]});
            }
            return restoreExact(name, settings, rows, missing, counts);
        }
        return restoreFrequent(name, settings, rows, missing,
                ItemsSketch.getInstance(Memory.wrap(frequent.toByteArray(SERDE)), SERDE));
    }

    void seal() {
        if (summary == null) {
            summary = computeSummary();
        }
    }

    private FrequencySummary computeSummary() {
        if (exact != null) {
            String[] labels = new String[exact.size()];
            long[] counts = new long[labels.length];
            int i = 0;
            for (Map.Entry<String, long[]> e : exact.entrySet()) {
                labels[i] = e.getKey();
                counts[i++] = e.getValue()[0];
            }
            return FrequencySummary.exact(labels, counts);
        }
        // every tracked label (threshold 0), so the tests can look up either side's count of a frequent one
        ItemsSketch.Row<String>[] rowsOut = frequent.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES);
        List<ItemsSketch.Row<String>> listed = new ArrayList<>(rowsOut.length);
        for (ItemsSketch.Row<String> r : rowsOut) {
            if (!FrequencySummary.OTHER.equals(r.getItem())) {
                listed.add(r);
            }
        }
        int n = listed.size();
        String[] labels = new String[n];
        long[] estimates = new long[n];
        long[] lower = new long[n];
        long[] upper = new long[n];
        for (int i = 0; i < n; i++) {
            ItemsSketch.Row<String> r = listed.get(i);
            labels[i] = r.getItem();
            estimates[i] = r.getEstimate();
            lower[i] = r.getLowerBound();
            upper[i] = r.getUpperBound();
        }
        return FrequencySummary.estimated(labels, estimates, lower, upper, frequent.getStreamLength(),
                frequent.getMaximumError());
    }

    /** The summary the sketch tests read: exact label counts, or the frequent items with their bounds. */
    public FrequencySummary summary() {
        FrequencySummary s = summary;
        return s != null ? s : computeSummary();
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
    public long rows() {
        return rows;
    }

    @Override
    public long missing() {
        return missing;
    }

    /** Whether the label counts are exact. */
    public boolean isExact() {
        return exact != null;
    }

    /** The bound on a label's count error: 0 while exact. */
    public long maxError() {
        return exact != null ? 0 : frequent.getMaximumError();
    }

    SketchSettings settings() {
        return settings;
    }

    Map<String, long[]> exactCounts() {
        return exact;
    }

    byte[] frequentBytes() {
        return frequent.toByteArray(SERDE);
    }

    static ItemsSketch<String> readFrequent(Memory memory) {
        return ItemsSketch.getInstance(memory, SERDE);
    }

    @Override
    public String toString() {
        return "CategoricalSketch[" + name + ", rows=" + rows + (exact != null ? ", exact" : ", frequent items") + "]";
    }
}
