package io.driftwatch.spark;

import io.driftwatch.DriftwatchException;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * The profile job: a table, a Parquet or CSV path, or a query reduced to a sketch profile file, the
 * same file {@code driftwatch profile --sketch} writes and {@code driftwatch check --sketch} reads.
 *
 * <pre>
 * spark-submit --class io.driftwatch.spark.ProfileJob target/driftwatch-spark.jar \
 *     (--table T | --parquet PATH | --csv PATH | --sql "SELECT …") --out FILE.sketch \
 *     [--k K] [--columns a,b,c] [--column-batch N] [--option key=value]…
 * </pre>
 *
 * Exit status 0, or 2 with one line on stderr for bad arguments, an unreadable input or an
 * unwritable file.
 *
 * <p>Thread-safe: stateless; each run uses the session it is given.
 */
public final class ProfileJob {
    static final Set<String> FLAGS = flags("--out", "--k", "--columns", "--column-batch");

    private ProfileJob() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("driftwatch profile").getOrCreate();
        int status;
        try {
            status = run(spark, args, System.out, System.err);
        } finally {
            spark.stop();
        }
        System.exit(status);
    }

    /** Runs the job on {@code spark}; returns the exit status. */
    public static int run(SparkSession spark, String[] args, PrintStream out, PrintStream err) {
        try {
            return checked(spark, args, out);
        } catch (DriftwatchException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (org.apache.spark.sql.AnalysisException e) {
            err.println(e.getMessage()); // a missing table, path or column; a query that does not parse
            return 2;
        }
    }

    /** The job; Spark's analysis errors surface here (Scala declares none, so Java is told of them). */
    private static int checked(SparkSession spark, String[] args, PrintStream out)
            throws org.apache.spark.sql.AnalysisException {
        JobArguments a = JobArguments.parse(args, FLAGS, Set.of("--option", "--columns"));
        Input input = Input.of(a);
        String file = a.required("--out");
        SketchSettings settings = settings(a);
        int columnBatch = a.positive("--column-batch", SparkProfiler.DEFAULT_COLUMN_BATCH);
        SparkProfiler.Result result = SparkProfiler.profile(input.load(spark), a.list("--columns"), settings,
                columnBatch);
        SketchProfile profile = result.profile();
        new JobFiles(spark.sparkContext().hadoopConfiguration()).write(file, "sketch profile", profile::writeTo);
        out.printf(Locale.ROOT, "%s: sketch profile of %s (%,d rows, %d columns)%n", file, input.describe(),
                profile.rowCount(), profile.columns().size());
        printSkipped(out, result.skipped());
        return 0;
    }

    /** The default settings, with {@code --k} if given. */
    static SketchSettings settings(JobArguments a) {
        int k = a.positive("--k", SketchSettings.DEFAULT_K);
        try {
            return SketchSettings.defaults().withK(k);
        } catch (IllegalArgumentException e) {
            throw new JobArgumentException("argument --k: " + e.getMessage());
        }
    }

    static void printSkipped(PrintStream out, Map<String, String> skipped) {
        if (!skipped.isEmpty()) {
            StringBuilder line = new StringBuilder("Not profiled (a type a sketch profile does not read):");
            skipped.forEach((name, type) -> line.append(' ').append(name).append(" (").append(type).append(')'));
            out.println(line);
        }
    }

    static Set<String> flags(String... own) {
        Set<String> all = new HashSet<>(Input.FLAGS);
        all.addAll(List.of(own));
        return Set.copyOf(all);
    }
}
