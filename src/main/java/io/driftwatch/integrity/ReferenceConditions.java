package io.driftwatch.integrity;

import static io.driftwatch.integrity.FindingText.bound;
import static io.driftwatch.integrity.FindingText.count;
import static io.driftwatch.integrity.FindingText.percent;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Parallelism;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.integrity.IntegrityFinding.Condition;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.ColumnProfile;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.stats.ClopperPearson;
import io.driftwatch.stats.Exceedances;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Driftwatch's data-quality conditions derived from the reference profile ({@code integrity.tests:
 * reference}): each column of the current batch is read once and checked against what the reference
 * led to expect, and every broken condition becomes an {@link IntegrityFinding}.
 *
 * <p>The conditions (defaults in {@link IntegrityOptions#defaults()}):
 * <ul>
 *   <li>{@link Condition#COLUMN_MISSING}: a reference column (not ignored) is not in the batch;
 *       {@link Condition#COLUMN_NEW}: the batch has a column (considered by the check) that the
 *       reference has not.</li>
 *   <li>{@link Condition#TYPE_CHANGED}: the column holds another kind of value than in the reference:
 *       numbers (whole or decimal, one kind), true/false values, dates or text. The column's other
 *       value conditions are then skipped (they would compare apples with pears).</li>
 *   <li>{@link Condition#BECAME_EMPTY}: the reference has values, every current cell is missing.</li>
 *   <li>{@link Condition#BECAME_CONSTANT}: the current values are all equal (at least one) where the
 *       reference has several.</li>
 *   <li>{@link Condition#MISSING_SHARE}: the missing share exceeds the reference's by more than
 *       {@code missingTolerance}, judged on the one-sided lower Clopper–Pearson bound of the current
 *       share at {@code confidence} ({@link ClopperPearson}): a finding only when even that bound
 *       is above the reference's share plus the tolerance, so a small batch does not alarm on noise
 *       and fewer missing values never alarm. {@link Condition#DUPLICATED_ROWS} is the same test on
 *       the share of duplicated rows with {@code duplicatedTolerance}. The reference's share is taken
 *       as known (the reference is the larger batch; the tolerance absorbs its own noise).</li>
 *   <li>{@link Condition#OUT_OF_RANGE} (numerical columns): values below {@code min − margin·(max −
 *       min)} or above {@code max + margin·(max − min)} of the reference's finite values, margin
 *       {@code rangeMargin}.</li>
 *   <li>{@link Condition#NEW_CATEGORY} (categorical columns, text or number codes): values the
 *       reference never had.</li>
 * </ul>
 *
 * <p>Chance. A batch drawn exactly like the reference still has values beyond the reference's
 * extremes (half the time one value of an equally large batch lies above its maximum), categories
 * that are rare enough to be absent from the reference, and, when small, a single value where the
 * reference has a few. So the conditions without a tolerance are judged against chance, assuming
 * the two batches exchangeable: out of range and new categories with the exceedance distribution
 * ({@link Exceedances}: a finding when more values lie beyond one end of the range, or a new
 * category has more rows, than a batch drawn like the reference shows with probability {@code α});
 * constant and empty with the probability that every current value is the same, or missing, when
 * drawn from the reference's values ({@code Σ p_v^m}, resp. {@code p_missing^m}). The level
 * {@code α} is {@code (1 − confidence) / C}, {@code C} the number of columns compared (Bonferroni),
 * halved for each end of a range: the chance that a batch drawn like the reference raises any of
 * these findings is at most {@code 1 − confidence}. The shares keep their own bound at
 * {@code confidence} (their tolerance already keeps noise out).
 *
 * <p>Findings come critical first, then in the reference's column order (new columns after it, in
 * the batch's order; the dataset's duplicated rows first), then in {@link Condition} order.
 *
 * <p>Thread-safe: immutable; columns are evaluated in parallel on the executor given.
 */
final class ReferenceConditions {
    /** What a cell holding a number looks like, to tell the values that made a column text. */
    private static final Pattern NUMBER = Pattern.compile(
            "\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*|\\s*[+-]?(inf|infinity|nan)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final int DATASET = -1;

    private final IntegrityOptions options;
    private final Set<String> ignored;

    /**
     * @param options the margin, tolerances and confidence
     * @param ignored the columns the monitor ignores: never missing, new or checked
     */
    ReferenceConditions(IntegrityOptions options, Set<String> ignored) {
        this.options = Objects.requireNonNull(options, "options");
        this.ignored = Set.copyOf(ignored);
    }

    /** Every condition except the duplicated rows (whose counts are not known). */
    List<IntegrityFinding> evaluate(CheckData data, Executor executor) {
        return evaluate(data, Optional.empty(), executor);
    }

    /** Every condition, the duplicated rows read from {@code duplicates}. */
    List<IntegrityFinding> evaluate(CheckData data, DuplicatedRows duplicates, Executor executor) {
        return evaluate(data, Optional.of(duplicates), executor);
    }

    private List<IntegrityFinding> evaluate(CheckData data, Optional<DuplicatedRows> duplicates, Executor executor) {
        ReferenceProfile reference = data.reference().orElseThrow(
                () -> new IllegalArgumentException("the reference conditions need a reference"));
        Table current = data.current();
        Map<String, ColumnType> types = data.types();
        Map<String, Integer> position = new HashMap<>();
        List<IntegrityFinding> findings = new ArrayList<>();
        List<ColumnProfile> compared = new ArrayList<>();
        for (ColumnProfile ref : reference.columns()) {
            position.put(ref.name(), position.size());
            if (ignored.contains(ref.name())) {
                continue;
            }
            Optional<Column> cur = current.column(ref.name());
            if (cur.isEmpty()) {
                findings.add(columnMissing(ref));
            } else if (types.containsKey(ref.name())) {
                compared.add(ref);
            }
        }
        for (Column cur : current.columns()) {
            String name = cur.name();
            if (!ignored.contains(name) && types.containsKey(name) && reference.column(name).isEmpty()) {
                position.put(name, position.size());
                findings.add(columnNew(cur, types.get(name)));
            }
        }
        duplicates.flatMap(this::duplicatedRows).ifPresent(findings::add);

        double alpha = (1 - options.confidence()) / Math.max(1, compared.size());
        List<CompletableFuture<List<IntegrityFinding>>> futures = new ArrayList<>(compared.size());
        for (ColumnProfile ref : compared) {
            Column cur = current.column(ref.name()).orElseThrow();
            ColumnType type = types.get(ref.name());
            futures.add(CompletableFuture.supplyAsync(() -> column(ref, cur, type, alpha), executor));
        }
        for (CompletableFuture<List<IntegrityFinding>> f : futures) {
            findings.addAll(Parallelism.join(f));
        }
        findings.sort(Comparator
                .comparing((IntegrityFinding f) -> f.condition().severity() != IntegrityFinding.Severity.CRITICAL)
                .thenComparingInt(f -> f.column() == null ? DATASET : position.get(f.column()))
                .thenComparing(IntegrityFinding::condition));
        return findings;
    }

    // ---------------------------------------------------------------- one column

    /** The findings of one column present on both sides; {@code alpha} is the column's level. */
    private List<IntegrityFinding> column(ColumnProfile ref, Column cur, ColumnType type, double alpha) {
        List<IntegrityFinding> out = new ArrayList<>(2);
        int rows = cur.length();
        if (rows == 0 || ref.rows() == 0) {
            return out;
        }
        long values = rows - (long) cur.missingCount();
        long refValues = ref.rows() - (long) ref.missing();
        if (values == 0) {
            double refMissingShare = (double) ref.missing() / ref.rows();
            if (refValues > 0 && Math.pow(refMissingShare, rows) <= alpha) {
                out.add(becameEmpty(ref, cur));
                return out;
            }
            missingShare(ref, cur).ifPresent(out::add);
            return out;
        }
        missingShare(ref, cur).ifPresent(out::add);
        if (refValues == 0) {
            return out; // nothing known of the values, not even their type
        }
        if (Kind.of(ref.physicalType()) != Kind.of(cur.physicalType())) {
            out.add(typeChanged(ref, cur, values));
            return out;
        }
        if (ref instanceof NumericProfile numbers && cur instanceof NumericColumn column) {
            numbers(numbers, column, type, values, alpha, out);
        } else if (ref instanceof CategoricalProfile labels && cur instanceof CategoricalColumn column) {
            labels(labels, column, type, values, alpha, out);
        }
        return out;
    }

    private void numbers(NumericProfile ref, NumericColumn cur, ColumnType type, long values, double alpha,
            List<IntegrityFinding> out) {
        double[] sorted = ref.sortedValues();
        int n = sorted.length;
        ColumnScan scan;
        if (type == ColumnType.NUMERICAL && n > 0) {
            double min = sorted[0];
            double max = sorted[n - 1];
            double widen = options.rangeMargin() * (max - min);
            double lo = min - widen;
            double hi = max + widen;
            scan = ColumnScan.range(cur, lo, hi);
            if (scan.above > 0 || scan.below > 0) {
                long limit = Exceedances.minimumCount(n, values, alpha / 2);
                if (scan.above >= limit || scan.below >= limit) {
                    scan.keepExtremes(cur, lo, hi);
                    out.add(outOfRange(ref, cur, scan, lo, hi, limit));
                }
            }
        } else if (type == ColumnType.CATEGORICAL && n > 0) {
            scan = ColumnScan.unknownValues(cur, ColumnScan.distinct(sorted));
            if (scan.unknownCount > 0) {
                newNumericCategories(ref, cur, scan, values, alpha).ifPresent(out::add);
            }
        } else {
            scan = ColumnScan.constancy(cur);
        }
        if (!scan.varied()) {
            long[] groups = ColumnScan.runLengths(sorted);
            if (ref.infinite() > 0) {
                groups = Arrays.copyOf(groups, groups.length + 1);
                groups[groups.length - 1] = ref.infinite();
            }
            if (allEqualProbability(groups, values, alpha) <= alpha) {
                out.add(becameConstant(cur, groups.length, FindingText.value(scan.min, cur.physicalType()), values));
            }
        }
    }

    private void labels(CategoricalProfile ref, CategoricalColumn cur, ColumnType type, long values, double alpha,
            List<IntegrityFinding> out) {
        long[] counts = cur.countsByCode();
        int distinct = 0;
        int firstCode = -1;
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0) {
                distinct++;
                firstCode = firstCode < 0 ? code : firstCode;
            }
        }
        if (type == ColumnType.CATEGORICAL) {
            newLabels(ref, cur, counts, values, alpha).ifPresent(out::add);
        }
        if (distinct == 1 && allEqualProbability(ref.counts(), values, alpha) <= alpha) {
            out.add(becameConstant(cur, ref.size(), cur.label(firstCode), values));
        }
    }

    /**
     * The probability that {@code m} values drawn from a distribution with these group counts are all
     * equal: {@code Σ (c / total)^m}; stops adding once past {@code alpha} (only the comparison matters).
     */
    private static double allEqualProbability(long[] groups, long m, double alpha) {
        long total = 0;
        for (long g : groups) {
            total += g;
        }
        double p = 0;
        for (long g : groups) {
            p += Math.pow((double) g / total, m);
            if (p > alpha) {
                return p;
            }
        }
        return p;
    }

    // ---------------------------------------------------------------- the findings

    private static IntegrityFinding columnMissing(ColumnProfile ref) {
        return new IntegrityFinding(Condition.COLUMN_MISSING, ref.name(),
                "the column, as in the reference (" + ref.physicalType().describe() + ")",
                "no such column in the current batch", 0, List.of());
    }

    private static IntegrityFinding columnNew(Column cur, ColumnType type) {
        return new IntegrityFinding(Condition.COLUMN_NEW, cur.name(), "only the reference's columns",
                "a column the reference does not have (" + cur.physicalType().describe() + ", " + type.label() + ")",
                0, someValues(cur));
    }

    private static IntegrityFinding becameEmpty(ColumnProfile ref, Column cur) {
        long refValues = ref.rows() - (long) ref.missing();
        return new IntegrityFinding(Condition.BECAME_EMPTY, cur.name(),
                "values, as in " + percent((double) refValues / ref.rows()) + " of the reference's rows",
                "every one of the " + count(cur.length()) + " rows is missing", cur.length(), List.of());
    }

    private static IntegrityFinding becameConstant(Column cur, int refDistinct, String value, long values) {
        return new IntegrityFinding(Condition.BECAME_CONSTANT, cur.name(),
                "several values, as the reference's " + count(refDistinct) + " distinct ones",
                "the single value " + value + " in all " + count(values) + " rows with a value", values,
                List.of(value));
    }

    private Optional<IntegrityFinding> missingShare(ColumnProfile ref, Column cur) {
        int missing = cur.missingCount();
        int rows = cur.length();
        double refShare = (double) ref.missing() / ref.rows();
        double limit = refShare + options.missingTolerance();
        if (missing == 0 || (double) missing / rows <= limit) {
            return Optional.empty();
        }
        double lower = ClopperPearson.lowerBound(missing, rows, options.confidence());
        if (!(lower > limit)) {
            return Optional.empty();
        }
        return Optional.of(new IntegrityFinding(Condition.MISSING_SHARE, cur.name(),
                "at most " + percent(limit) + " missing (the reference's " + percent(refShare) + " + tolerance "
                        + percent(options.missingTolerance()) + ")",
                percent((double) missing / rows) + " missing: " + count(missing) + " of " + count(rows)
                        + " rows (at least " + percent(lower) + " with " + percent(options.confidence())
                        + " confidence)",
                missing, List.of()));
    }

    private Optional<IntegrityFinding> duplicatedRows(DuplicatedRows d) {
        if (d.currentRows() == 0 || d.currentDuplicated() == 0) {
            return Optional.empty();
        }
        double refShare = d.referenceRows() == 0 ? 0 : (double) d.referenceDuplicated() / d.referenceRows();
        double limit = refShare + options.duplicatedTolerance();
        double share = (double) d.currentDuplicated() / d.currentRows();
        if (share <= limit) {
            return Optional.empty();
        }
        double lower = ClopperPearson.lowerBound(d.currentDuplicated(), d.currentRows(), options.confidence());
        if (!(lower > limit)) {
            return Optional.empty();
        }
        return Optional.of(new IntegrityFinding(Condition.DUPLICATED_ROWS, null,
                "at most " + percent(limit) + " duplicated rows (the reference's " + percent(refShare)
                        + " + tolerance " + percent(options.duplicatedTolerance()) + ")",
                percent(share) + " duplicated: " + count(d.currentDuplicated()) + " of " + count(d.currentRows())
                        + " rows repeat an earlier row (at least " + percent(lower) + " with "
                        + percent(options.confidence()) + " confidence)",
                d.currentDuplicated(), List.of()));
    }

    private IntegrityFinding outOfRange(NumericProfile ref, NumericColumn cur, ColumnScan scan, double lo, double hi,
            long limit) {
        double[] sorted = ref.sortedValues();
        String expected = "values in [" + bound(lo) + ", " + bound(hi) + "]" + (options.rangeMargin() > 0
                ? ", the reference's range [" + bound(sorted[0]) + ", " + bound(sorted[sorted.length - 1])
                        + "] widened by " + percent(options.rangeMargin()) + " of its width on each side"
                : ", the reference's range");
        List<String> parts = new ArrayList<>(2);
        if (scan.above > 0) {
            parts.add(count(scan.above) + (scan.above == 1 ? " value" : " values") + " above " + bound(hi)
                    + ", up to " + FindingText.value(scan.highest[0], cur.physicalType()));
        }
        if (scan.below > 0) {
            parts.add(count(scan.below) + (scan.below == 1 ? " value" : " values") + " below " + bound(lo)
                    + ", down to " + FindingText.value(scan.lowest[0], cur.physicalType()));
        }
        String seen = String.join("; ", parts) + (limit == 1
                ? "; in a batch this small even one is unlikely by chance"
                : "; by chance a batch drawn like the reference has up to " + count(limit - 1) + " beyond either end");
        List<String> examples = new ArrayList<>(IntegrityFinding.MAX_EXAMPLES);
        int hi1 = 0;
        int lo1 = 0;
        while (examples.size() < IntegrityFinding.MAX_EXAMPLES && (hi1 < scan.highestCount || lo1 < scan.lowestCount)) {
            if (hi1 < scan.highestCount) {
                examples.add(FindingText.value(scan.highest[hi1++], cur.physicalType()));
            }
            if (lo1 < scan.lowestCount && examples.size() < IntegrityFinding.MAX_EXAMPLES) {
                examples.add(FindingText.value(scan.lowest[lo1++], cur.physicalType()));
            }
        }
        return new IntegrityFinding(Condition.OUT_OF_RANGE, cur.name(), expected, seen, scan.above + scan.below,
                examples);
    }

    private static Optional<IntegrityFinding> newNumericCategories(NumericProfile ref, NumericColumn cur,
            ColumnScan scan, long values, double alpha) {
        double[] unknown = Arrays.copyOf(scan.unknown, scan.unknownCount);
        Arrays.sort(unknown);
        List<String> labels = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < unknown.length;) {
            int j = i;
            while (j < unknown.length && unknown[j] == unknown[i]) {
                j++;
            }
            labels.add(FindingText.value(unknown[i], cur.physicalType()));
            counts.add((long) (j - i));
            i = j;
        }
        long refValues = ref.rows() - (long) ref.missing();
        return newCategories(cur.name(), refDistinct(ref), labels, counts, refValues, values, alpha);
    }

    private static Optional<IntegrityFinding> newLabels(CategoricalProfile ref, CategoricalColumn cur, long[] counts,
            long values, double alpha) {
        List<String> labels = new ArrayList<>();
        List<Long> newCounts = new ArrayList<>();
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0 && !knows(ref, cur.label(code))) {
                labels.add(cur.label(code));
                newCounts.add(counts[code]);
            }
        }
        if (labels.isEmpty()) {
            return Optional.empty();
        }
        long refValues = ref.rows() - (long) ref.missing();
        return newCategories(cur.name(), ref.size(), labels, newCounts, refValues, values, alpha);
    }

    /** The finding for categories never seen in the reference, when one of them is too frequent for chance. */
    private static Optional<IntegrityFinding> newCategories(String column, int refDistinct, List<String> labels,
            List<Long> counts, long refValues, long values, double alpha) {
        long rows = 0;
        long most = 0;
        for (long c : counts) {
            rows += c;
            most = Math.max(most, c);
        }
        long limit = Exceedances.minimumCount(refValues, values, alpha);
        if (most < limit) {
            return Optional.empty();
        }
        Integer[] order = new Integer[labels.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing((Integer i) -> -counts.get(i)).thenComparing(labels::get));
        List<String> examples = new ArrayList<>(IntegrityFinding.MAX_EXAMPLES);
        for (int k = 0; k < Math.min(order.length, IntegrityFinding.MAX_EXAMPLES); k++) {
            examples.add(labels.get(order[k]));
        }
        String seen = count(labels.size()) + (labels.size() == 1 ? " category" : " categories")
                + " the reference never had, in " + count(rows) + (rows == 1 ? " row" : " rows")
                + (labels.size() == 1 ? "" : " (the most frequent in " + count(counts.get(order[0])) + ")")
                + (limit == 1 ? "; in a batch this small even one such row is unlikely by chance"
                        : "; by chance a category absent from the reference has up to " + count(limit - 1) + " rows");
        return Optional.of(new IntegrityFinding(Condition.NEW_CATEGORY, column,
                "one of the reference's " + count(refDistinct) + " categories", seen, rows, examples));
    }

    private static IntegrityFinding typeChanged(ColumnProfile ref, Column cur, long values) {
        String expected = ref.physicalType().describe() + ", as in the reference";
        if (ref instanceof CategoricalProfile labels && labels.size() > 0) {
            expected += " (such as " + String.join(", ", frequentLabels(labels, 3)) + ")";
        }
        if (cur instanceof CategoricalColumn text) {
            long[] counts = text.countsByCode();
            long notNumbers = 0;
            List<String> labels = new ArrayList<>();
            List<Long> labelCounts = new ArrayList<>();
            for (int code = 0; code < counts.length; code++) {
                if (counts[code] > 0 && !NUMBER.matcher(text.label(code)).matches()) {
                    notNumbers += counts[code];
                    labels.add(text.label(code));
                    labelCounts.add(counts[code]);
                }
            }
            if (notNumbers == 0) {
                return new IntegrityFinding(Condition.TYPE_CHANGED, cur.name(), expected,
                        "text (numbers written as text) in all " + count(values) + " rows with a value", values,
                        mostFrequent(text, counts));
            }
            Integer[] order = new Integer[labels.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparing((Integer i) -> -labelCounts.get(i)).thenComparing(labels::get));
            List<String> examples = new ArrayList<>();
            for (int k = 0; k < Math.min(order.length, IntegrityFinding.MAX_EXAMPLES); k++) {
                examples.add(labels.get(order[k]));
            }
            return new IntegrityFinding(Condition.TYPE_CHANGED, cur.name(), expected,
                    "text: " + count(notNumbers) + " of " + count(values) + " values are not numbers", notNumbers,
                    examples);
        }
        return new IntegrityFinding(Condition.TYPE_CHANGED, cur.name(), expected,
                cur.physicalType().describe() + " in all " + count(values) + " rows with a value", values,
                someValues(cur));
    }

    // ---------------------------------------------------------------- helpers

    /** What kind of value a physical type holds; whole and decimal numbers are one kind. */
    private enum Kind {
        NUMBER, BOOLEAN, DATE, TEXT;

        static Kind of(PhysicalType type) {
            return switch (type) {
                case FLOAT, INTEGER -> NUMBER;
                case BOOLEAN -> BOOLEAN;
                case TIMESTAMP -> DATE;
                case STRING -> TEXT;
            };
        }
    }


    /** Whether the reference has the label (its labels are sorted ascending). */
    private static boolean knows(CategoricalProfile ref, String label) {
        int lo = 0;
        int hi = ref.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = ref.label(mid).compareTo(label);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static int refDistinct(NumericProfile ref) {
        return ColumnScan.runLengths(ref.sortedValues()).length;
    }

    private static List<String> frequentLabels(CategoricalProfile ref, int k) {
        Integer[] order = new Integer[ref.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing((Integer i) -> -ref.count(i)).thenComparing(ref::label));
        List<String> out = new ArrayList<>(k);
        for (int i = 0; i < Math.min(k, order.length); i++) {
            out.add(ref.label(order[i]));
        }
        return out;
    }

    private static List<String> mostFrequent(CategoricalColumn column, long[] counts) {
        Integer[] order = new Integer[counts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing((Integer i) -> -counts[i]).thenComparing(column::label));
        List<String> out = new ArrayList<>(IntegrityFinding.MAX_EXAMPLES);
        for (int i = 0; i < order.length && out.size() < IntegrityFinding.MAX_EXAMPLES; i++) {
            if (counts[order[i]] > 0) {
                out.add(column.label(order[i]));
            }
        }
        return out;
    }

    /** A few values of a column: its most frequent labels, or its first distinct numbers in row order. */
    private static List<String> someValues(Column column) {
        if (column instanceof CategoricalColumn labels) {
            return mostFrequent(labels, labels.countsByCode());
        }
        NumericColumn numbers = (NumericColumn) column;
        double[] seen = new double[IntegrityFinding.MAX_EXAMPLES];
        int k = 0;
        for (int i = 0; i < numbers.length() && k < seen.length; i++) {
            double v = numbers.value(i);
            boolean repeated = v != v;
            for (int j = 0; j < k && !repeated; j++) {
                repeated = seen[j] == v;
            }
            if (!repeated) {
                seen[k++] = v;
            }
        }
        List<String> out = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            out.add(FindingText.value(seen[j], numbers.physicalType()));
        }
        return out;
    }

}
