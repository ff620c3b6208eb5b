package io.driftwatch.notify;

import io.driftwatch.drift.DatasetDrift;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The plain-text wording of an alert that every channel shares: the title, the one-sentence
 * summary, how a score or a share is printed. Returns unescaped text; each channel escapes it for its
 * receiver's markup and truncates it to the receiver's limits.
 *
 * <p>Thread-safe: stateless.
 */
final class AlertText {
    /** The longest column name or error message printed before it is cut with an ellipsis. */
    static final int NAME_LIMIT = 100;
    static final int ERROR_LIMIT = 500;
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private AlertText() {
    }

    /**
     * "Data drift detected: bike-sharing", "Model degraded and data drift detected: churn", "Check failed: …",
     * "Data drift resolved: …", "Model quality resolved: …", "Test alert: …".
     */
    static String title(AlertEvent e) {
        String what = switch (e.kind()) {
            case TRIGGERED -> e.checkFailed() ? "Check failed" : opened(e.breaches());
            case RESOLVED -> resolved(e.breaches());
            case TEST -> "Test alert";
        };
        return what + ": " + e.monitor();
    }

    /**
     * "Model degraded", "Model quality failed, data quality failed and data drift detected"; a model
     * that degraded is not also said to have failed its quality.
     */
    private static String opened(Set<Breach> breaches) {
        List<String> titles = new ArrayList<>();
        for (Breach b : breaches) {
            if (b != Breach.MODEL_QUALITY || !breaches.contains(Breach.MODEL_DEGRADED)) {
                String title = b.title();
                titles.add(titles.isEmpty() ? title : Character.toLowerCase(title.charAt(0)) + title.substring(1));
            }
        }
        if (titles.isEmpty()) {
            return "Incident opened";
        }
        int last = titles.size() - 1;
        return last == 0 ? titles.get(0) : String.join(", ", titles.subList(0, last)) + " and " + titles.get(last);
    }

    /** "Model quality resolved" when the incident was about one topic, "Incident resolved" otherwise. */
    private static String resolved(Set<Breach> about) {
        Set<String> topics = new LinkedHashSet<>();
        for (Breach b : about) {
            topics.add(b.topic());
        }
        return topics.size() == 1 ? topics.iterator().next() + " resolved" : "Incident resolved";
    }

    /** One or two sentences saying what happened, with the numbers that matter, the model's first. */
    static String summary(AlertEvent e) {
        if (e.kind() == AlertEvent.Kind.TEST) {
            return "This is a test alert from Driftwatch for monitor " + e.monitor()
                    + ". If you can read it, the channel works.";
        }
        AlertEvent.Findings f = e.findings();
        if (e.checkFailed()) {
            return "The check could not be completed: " + cut(f.checkError(), ERROR_LIMIT);
        }
        DatasetDrift d = f.drift();
        String counts = d == null ? null : d.numberOfDriftedColumns() + " of " + d.numberOfColumns()
                + " columns drifted (share " + share(d.share()) + ", threshold " + share(d.threshold()) + ")";
        if (e.kind() == AlertEvent.Kind.RESOLVED) {
            Set<Breach> about = e.breaches();
            if (about.isEmpty() || about.equals(EnumSet.of(Breach.DATA_DRIFT))) {
                return d == null ? "The incident is closed." : "Back below the drift threshold: " + counts + ".";
            }
            return "The latest check breaches none of the alert conditions." + (d == null ? "" : " " + counts + ".");
        }
        List<String> sentences = new ArrayList<>();
        if (!f.modelQuality().isEmpty()) {
            int more = f.modelQuality().size() - 1;
            sentences.add("Model quality: " + cut(f.modelQuality().get(0), ERROR_LIMIT) + (more == 0 ? ""
                    : " (and " + more + (more == 1 ? " more finding)" : " more findings)")) + ".");
        }
        first(sentences, "Estimated performance", f.estimate());
        first(sentences, "Drift across columns", f.multivariate());
        if (counts != null) {
            sentences.add(counts + ".");
        }
        if (!f.dataQuality().isEmpty()) {
            sentences.add(dataQualityCount(e) + ".");
        }
        return sentences.isEmpty() ? "An incident is open." : String.join(" ", sentences);
    }

    /** "Estimated performance: <first line> (and 1 more finding)." when there are lines. */
    private static void first(List<String> sentences, String topic, List<String> lines) {
        if (!lines.isEmpty()) {
            int more = lines.size() - 1;
            sentences.add(topic + ": " + cut(lines.get(0), ERROR_LIMIT) + (more == 0 ? ""
                    : " (and " + more + (more == 1 ? " more finding)" : " more findings)")) + ".");
        }
    }

    /** "2 data-quality failures", "1 data-quality failure". */
    static String dataQualityCount(AlertEvent e) {
        int n = e.findings().dataQuality().size();
        return n + (n == 1 ? " data-quality failure" : " data-quality failures");
    }

    /** "0.58 (threshold 0.50)". */
    static String shareWithThreshold(DatasetDrift d) {
        return share(d.share()) + " (threshold " + share(d.threshold()) + ")";
    }

    /** "7 of 12". */
    static String driftedCount(DatasetDrift d) {
        return d.numberOfDriftedColumns() + " of " + d.numberOfColumns();
    }

    /** A share or threshold in [0, 1], two decimals: "0.58". */
    static String share(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** "ks, p-value 1.2e-09 (threshold 0.05)". */
    static String score(DriftedColumn c) {
        return c.test() + ", " + c.scoreKind().label() + " " + number(c.score()) + " (threshold "
                + number(c.threshold()) + ")";
    }

    /** A score or threshold: up to four significant digits, scientific notation when tiny or huge. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == 0 || Double.isInfinite(v)) {
            return v == 0 ? "0" : (v > 0 ? "inf" : "-inf");
        }
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e6) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.indexOf('.') >= 0 && s.indexOf('e') < 0) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return s;
    }

    /** "2024-05-01 12:00:00 UTC". */
    static String time(Instant t) {
        return UTC.format(t);
    }

    /** {@code s} cut to at most {@code max} characters, ending with an ellipsis when cut. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // do not split a surrogate pair
        }
        return s.substring(0, end) + "…";
    }

    /** How many drifted columns were not listed, or 0. */
    static int notListed(AlertEvent e, int listed) {
        int drifted = e.findings().drift() == null ? e.findings().topColumns().size() : e.findings().drift().numberOfDriftedColumns();
        return Math.max(0, drifted - listed);
    }
}
