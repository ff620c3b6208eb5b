package io.driftwatch.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Batches of an order log for the data-quality service tests: a reference of {@value #ROWS} rows
 * ({@code amount} uniform in [10, 100) with cents, {@code items} 1 to 5, {@code channel} web, store
 * or phone at 60 / 30 / 10 %), and current batches made from exactly its rows, shuffled, so that
 * Evidently's reference tests (row count and every statistic within ±10 %) pass on a clean batch
 * and fail only where a fault was put in: amounts gone missing, rows duplicated, a column turned
 * constant. {@link #channelsSwapped} drifts without any data-quality failure (web and phone trade
 * places: a categorical column's value counts are not among the tests).
 *
 * <p>Thread-safe: stateless.
 */
public final class DataQualityBatches {
    /** Rows of the reference and of every batch. */
    public static final int ROWS = 400;
    private static final String HEADER = "amount,items,channel";
    private static final long REFERENCE_SEED = 16;

    private DataQualityBatches() {
    }

    /** The monitor: {@code integrity: {tests: evidently}}, a drift share of 0.3 (one of the three columns), and {@code extra}. */
    public static String monitor(String name, String referenceId, String extra) {
        return "name: " + name + "\nreference: " + referenceId + "\n"
                + "columns: {numerical: [amount, items], categorical: [channel]}\n"
                + "drift: {share: 0.3}\n"
                + "integrity: {tests: evidently}\n" + extra;
    }

    /** The reference. */
    public static byte[] reference() {
        return csv(referenceRows());
    }

    /** The reference's rows in another order: no drift, no data-quality failure. */
    public static byte[] clean(long seed) {
        return csv(shuffled(seed));
    }

    /** {@code n} amounts gone missing: data-quality failures (missing values), no drift. */
    public static byte[] missingAmounts(long seed, int n) {
        List<String[]> rows = shuffled(seed);
        for (int i = 0; i < n; i++) {
            rows.get(i * (ROWS / n))[0] = "";
        }
        return csv(rows);
    }

    /** {@code n} rows replaced by copies of others (an upstream join gone wrong): failures, no drift. */
    public static byte[] duplicatedRows(long seed, int n) {
        List<String[]> rows = shuffled(seed);
        for (int i = 0; i < n; i++) {
            rows.set(ROWS - 1 - i, rows.get(i).clone());
        }
        return csv(rows);
    }

    /** {@code items} stuck at 3 (a feature turned constant): failures, and {@code items} drifts. */
    public static byte[] constantItems(long seed) {
        List<String[]> rows = shuffled(seed);
        for (String[] r : rows) {
            r[1] = "3";
        }
        return csv(rows);
    }

    /** Web and phone swapped: {@code channel} drifts (dataset drift at a share of 0.3), data quality is clean. */
    public static byte[] channelsSwapped(long seed) {
        List<String[]> rows = shuffled(seed);
        for (String[] r : rows) {
            r[2] = switch (r[2]) {
                case "web" -> "phone";
                case "phone" -> "web";
                default -> r[2];
            };
        }
        return csv(rows);
    }

    private static List<String[]> referenceRows() {
        Random random = new Random(REFERENCE_SEED);
        List<String[]> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            double u = random.nextDouble();
            String channel = u < 0.6 ? "web" : u < 0.9 ? "store" : "phone";
            rows.add(new String[] {String.format(Locale.ROOT, "%.2f", 10 + 90 * random.nextDouble()),
                Integer.toString(1 + random.nextInt(5)), channel});
        }
        return rows;
    }

    private static List<String[]> shuffled(long seed) {
        List<String[]> rows = referenceRows();
        java.util.Collections.shuffle(rows, new Random(seed));
        return rows;
    }

    private static byte[] csv(List<String[]> rows) {
        StringBuilder out = new StringBuilder(ROWS * 20).append(HEADER).append('\n');
        for (String[] r : rows) {
            out.append(String.join(",", r)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
