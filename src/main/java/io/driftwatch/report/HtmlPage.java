package io.driftwatch.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What the report's page shell ({@code report.ftlh}) lays out, all formatted: the title, the inputs
 * and when the check ran, and the check's sections in order, each with the template of its own view
 * and that view's model.
 *
 * <p>Thread-safe: immutable.
 *
 * @param headline what the page's {@code <title>} leads with: every section's verdict, in order
 * @param kind what the report is about, for the banner ({@code data drift and data quality report})
 * @param referenceRows the reference's rows, printed; null for a check without a reference
 * @param reference where the reference came from; null for a check without a reference
 */
record HtmlPage(
        String title,
        String headline,
        String kind,
        String referenceRows,
        String currentRows,
        String createdAt,
        Source reference,
        Source current,
        String version,
        String timings,
        List<Part> sections) {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** One section on the page: its view's template and the model it lays out. */
    record Part(String template, Object model) {
    }

    /** Where one input came from, printed. */
    record Source(String name, String format, String rows, String sha256, String lineage) {
        static Source of(BatchInfo batch, long fallbackRows) {
            if (batch == null) {
                return new Source("(not recorded)", null, DisplayNumbers.count(fallbackRows), null, null);
            }
            return new Source(batch.source(), batch.format(), DisplayNumbers.count(batch.rows()), batch.sha256(),
                    lineage(batch.lineage()));
        }

        /**
         * {@code DVC: data/train.csv md5 c937… (data/train.csv.dvc, from cache, commit 0123456)}, or
         * {@code MLflow: model bike-demand version 3 (alias champion), run 4f2a…, dataset bikes-2011 digest 9f1c
         * (mlflow-artifacts:/…)}.
         */
        static String lineage(io.driftwatch.data.Lineage l) {
            if (l == null) {
                return null;
            }
            if (l.system().equals("mlflow")) {
                return "MLflow: model " + l.fact("model") + " version " + l.fact("version")
                        + (l.fact("alias") == null ? "" : " (alias " + l.fact("alias") + ")") + ", run " + l.fact("runId")
                        + ", dataset " + l.fact("dataset") + " digest " + l.fact("digest") + " (" + l.fact("source") + ")";
            }
            StringBuilder s = new StringBuilder(l.system().toUpperCase(java.util.Locale.ROOT)).append(": ");
            s.append(l.fact("path") == null ? "" : l.fact("path")).append(l.fact("md5") == null ? ""
                    : " md5 " + l.fact("md5"));
            java.util.List<String> more = new java.util.ArrayList<>();
            for (String key : java.util.List.of("file", "from")) {
                if (l.fact(key) != null) {
                    more.add(key.equals("from") ? "from " + l.fact(key) : l.fact(key));
                }
            }
            if (l.fact("gitCommit") != null) {
                more.add("commit " + l.fact("gitCommit").substring(0, Math.min(12, l.fact("gitCommit").length())));
            }
            return more.isEmpty() ? s.toString() : s.append(" (").append(String.join(", ", more)).append(')').toString();
        }
    }

    static HtmlPage of(CheckReport report, String headline, List<String> topics, List<Part> sections) {
        boolean withReference = report.hasReference();
        String title = report.title() != null ? report.title()
                : withReference ? name(report.referenceBatch(), "reference") + " vs " + name(report.currentBatch(), "current")
                : name(report.currentBatch(), "current");
        Timings t = report.timings();
        String timings = t == null ? null
                : "read " + t.readMillis() + " ms · analysis " + t.analysisMillis() + " ms · total " + t.totalMillis() + " ms";
        String kind = (topics.isEmpty() ? "check" : String.join(" and ", topics)) + " report";
        return new HtmlPage(title, headline, kind,
                withReference ? DisplayNumbers.count(report.referenceRows()) : null,
                DisplayNumbers.count(report.currentRows()),
                report.createdAt() == null ? null : CREATED.format(report.createdAt()),
                withReference ? Source.of(report.referenceBatch(), report.referenceRows()) : null,
                Source.of(report.currentBatch(), report.currentRows()),
                report.driftwatchVersion() == null ? CheckReport.runningVersion() : report.driftwatchVersion(),
                timings, List.copyOf(sections));
    }

    private static String name(BatchInfo batch, String fallback) {
        return batch == null ? fallback : batch.source();
    }
}
