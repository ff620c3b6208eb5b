package io.driftwatch.spark;

import io.driftwatch.DriftwatchException;
import io.driftwatch.data.ColumnType;
import io.driftwatch.analysis.Sections;
import io.driftwatch.drift.DriftOptions;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.drift.SketchDrift;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.report.BatchInfo;
import io.driftwatch.report.CheckReport;
import io.driftwatch.report.ColumnRoles;
import io.driftwatch.report.HtmlReport;
import io.driftwatch.report.SketchDriftReport;
import io.driftwatch.report.Timings;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * The check job: the current batch (a table, a Parquet or CSV path, a query) reduced to a sketch
 * profile with the reference profile's settings, every column tested against the reference on the
 * sketches ({@link SketchDrift}: Evidently's automatic choice of test, verdicts drift, no drift or
 * undecided), the table {@code driftwatch check --sketch} prints written to stdout and its
 * {@code sketch} JSON document to {@code --json}, the HTML report the service and {@code check --sketch
 * --report} render for a check on sketch profiles to {@code --report} ({@link HtmlReport}: no charts, a sketch
 * is not the rows). Optionally the current profile is written
 * ({@code --out}) and posted to a Driftwatch service as a check of a monitor ({@code --post URL
 * --monitor ID}, token from {@code --token} or the environment variable {@code DRIFTWATCH_TOKEN}),
 * whose own check then alerts and records as any other.
 *
 * <pre>
 * spark-submit --class io.driftwatch.spark.CheckJob target/driftwatch-spark.jar \
 *     --reference REF.sketch (--table T | --parquet PATH | --csv PATH | --sql "SELECT …") \
 *     [--json FILE.json] [--report FILE.html] [--out CURRENT.sketch] [--columns a,b] [--ignore a,b] [--numerical a,b]
 *     [--categorical a,b] [--column-batch N] [--option key=value]… [--post URL --monitor ID [--token T]]
 * </pre>
 *
 * Exit status as {@code driftwatch check}'s: 0 no dataset drift, 1 dataset drift (undecided columns
 * count as not drifted), 2 bad arguments, an unreadable input or file, or a post the service refused.
 *
 * <p>Thread-safe: stateless; each run uses the session it is given.
 */
public final class CheckJob {
    static final Set<String> FLAGS = ProfileJob.flags("--reference", "--json", "--report", "--out", "--columns", "--ignore",
            "--numerical", "--categorical", "--column-batch", "--post", "--monitor", "--token");
    /** Where the token comes from when {@code --token} is not given (a command line shows in process lists). */
    public static final String TOKEN_VARIABLE = "DRIFTWATCH_TOKEN";

    private CheckJob() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("driftwatch check").getOrCreate();
        int status;
        try {
            status = run(spark, args, System.out, System.err, System.getenv(TOKEN_VARIABLE));
        } finally {
            spark.stop();
        }
        System.exit(status);
    }

    /**
     * Runs the job on {@code spark}; returns the exit status.
     *
     * @param environmentToken the token to post with when {@code --token} is not given, or null
     */
    public static int run(SparkSession spark, String[] args, PrintStream out, PrintStream err,
            String environmentToken) {
        try {
            return checked(spark, args, out, environmentToken);
        } catch (DriftwatchException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (org.apache.spark.sql.AnalysisException e) {
            err.println(e.getMessage()); // a missing table, path or column; a query that does not parse
            return 2;
        }
    }

    /** The job; Spark's analysis errors surface here (Scala declares none, so Java is told of them). */
    private static int checked(SparkSession spark, String[] args, PrintStream out,
            String environmentToken) throws org.apache.spark.sql.AnalysisException {
        JobArguments a = JobArguments.parse(args, FLAGS,
                Set.of("--option", "--columns", "--ignore", "--numerical", "--categorical"));
        String referenceFile = a.required("--reference");
        Input input = Input.of(a);
        ProfilePoster poster = null;
        String monitor = null;
        if (a.has("--post") || a.has("--monitor")) {
            poster = new ProfilePoster(URI.create(a.required("--post")), a.get("--token").orElse(environmentToken));
            monitor = a.required("--monitor");
        } else if (a.has("--token")) {
            throw new JobArgumentException("argument --token goes with --post URL --monitor ID");
        }
        Map<String, ColumnType> declared = new LinkedHashMap<>();
        a.list("--numerical").forEach(c -> declared.put(c, ColumnType.NUMERICAL));
        for (String c : a.list("--categorical")) {
            if (declared.put(c, ColumnType.CATEGORICAL) != null) {
                throw new JobArgumentException("column '" + c + "' is declared both numerical and categorical");
            }
        }
        Set<String> ignored = new HashSet<>(a.list("--ignore"));
        int columnBatch = a.positive("--column-batch", SparkProfiler.DEFAULT_COLUMN_BATCH);

        Instant createdAt = Instant.now();
        long start = System.nanoTime();
        JobFiles files = new JobFiles(spark.sparkContext().hadoopConfiguration());
        SketchProfile reference = files.readProfile(referenceFile);
        SparkProfiler.Result profiled = SparkProfiler.profile(input.load(spark), a.list("--columns"),
                reference.settings(), columnBatch);
        SketchProfile current = profiled.profile();
        if (a.has("--out")) {
            files.write(a.required("--out"), "sketch profile", current::writeTo);
        }
        long read = System.nanoTime();
        DriftResult drift = SketchDrift.section(reference, current, declared, ignored, DriftOptions.defaults());
        long analysed = System.nanoTime();
        SketchDrift.Result result = drift.sketch().result();
        SketchDriftReport report = new SketchDriftReport(result, referenceFile, reference.rowCount(),
                input.describe(), current.rowCount(), reference.settings());
        report.print(out);
        ProfileJob.printSkipped(out, profiled.skipped());
        if (a.has("--json")) {
            files.write(a.required("--json"), "JSON result", report::writeJson);
            out.println();
            out.println("JSON result written to " + a.required("--json"));
        }
        if (a.has("--report")) {
            Timings timings = new Timings(millis(start, read), millis(read, analysed), millis(start, analysed));
            CheckReport check = new CheckReport(referenceFile + " vs " + input.describe(), Sections.of(drift), null,
                    null, SketchDrift.types(current, declared, ignored), ColumnRoles.none(),
                    new BatchInfo(referenceFile, "sketch", reference.rowCount(), null),
                    new BatchInfo(input.describe(), input.kind().name().toLowerCase(Locale.ROOT), current.rowCount(),
                            null), timings, createdAt, CheckReport.runningVersion());
            files.write(a.required("--report"), "HTML report", stream -> {
                Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                HtmlReport.render(check, writer);
                writer.flush();
            });
            if (!a.has("--json")) {
                out.println();
            }
            out.println("HTML report written to " + a.required("--report"));
        }
        if (poster != null) {
            ProfilePoster.Answer answer = poster.post(monitor, current);
            out.printf(Locale.ROOT, "Posted the current profile to %s: %d%n%s%n", answer.uri(), answer.status(),
                    answer.body());
        }
        return result.dataset().detected() ? 1 : 0;
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
