package io.driftwatch.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Rows for DAO tests, with every field set to a value that tells rows apart, so a query that
 * ignores a column or returns another row's value fails the test.
 *
 * <p>Thread-safe: stateless.
 */
final class StoreRows {
    /** Microseconds set, as the service writes them (it truncates {@code Instant.now()} to micros). */
    static final Instant T0 = Instant.parse("2026-03-01T08:15:30.123456Z");

    private StoreRows() {
    }

    /** The SHA-256 in hex of {@code text}: a well-formed, distinct hash per name. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static DatasetRow dataset(String name) {
        String sha = sha256(name);
        return new DatasetRow(sha.substring(0, 24), sha, "csv", 100 + name.length(), 4_000L + name.hashCode() % 1000,
                "[{\"name\":\"" + name + "\",\"type\":\"num\"}]", T0.plusSeconds(name.length()));
    }

    static ProfileRow profile(DatasetRow dataset) {
        return new ProfileRow(sha256("profile of " + dataset.id()), dataset.id(), dataset.rowCount(), 777L,
                T0.plusMillis(1));
    }

    static MonitorRow monitor(String id, DatasetRow reference, ProfileRow profile) {
        return new MonitorRow(id, "name: " + id + "\nreference: " + reference.id() + "\n", "application/yaml",
                reference.id(), profile.sha256(), 1, T0, T0.plusNanos(1_000));
    }

    /**
     * A check that ran; a third of the ids (by hash) have no data-quality counts (no integrity
     * analysis), the others counts that follow from the id.
     */
    static CheckRow check(String id, MonitorRow monitor, DatasetRow dataset, Instant createdAt) {
        Integer failures = Math.floorMod(id.hashCode(), 3) == 0 ? null : id.length() + Math.floorMod(id.hashCode(), 7);
        return new CheckRow(id, monitor.id(), monitor.version(), dataset.id(), createdAt, id.hashCode() % 2 == 0,
                0.25, 0.5, 4, 1, 0, 1_234L, "{\"check\":\"" + id + "\"}", monitor.id() + "/" + id + ".html",
                CheckRow.OK, null, null, failures, failures == null ? null : failures / 2);
    }

    /** {@code n} column results of {@code checkId}; the last one could not be tested (null test, score, threshold). */
    static List<CheckColumnRow> columns(String checkId, int n) {
        List<CheckColumnRow> rows = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            rows.add(new CheckColumnRow(checkId, i, checkId + "-col" + i, i % 2 == 0 ? "num" : "cat",
                    i % 2 == 0 ? "ks" : "chisquare", 0.001 * (i + 1), 0.05, i == 0, null,
                    Math.log(0.001 * (i + 1)) / Math.log(0.05), i % 2 == 0 ? "K-S p_value" : "chi-square p_value",
                    i % 2 == 0 ? "<=" : "<", "p_value"));
        }
        if (n > 0) {
            rows.add(new CheckColumnRow(checkId, n - 1, checkId + "-broken", "num", null, null, null, false,
                    "only NaN in the current batch", null, null, null, null));
        }
        return rows;
    }
}
