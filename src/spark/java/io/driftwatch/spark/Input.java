package io.driftwatch.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a job reads: a table of the session's catalog ({@code --table}), a Parquet or CSV path on any
 * file system Hadoop reaches ({@code --parquet}, {@code --csv}; a CSV file has a header and its
 * column types are inferred by Spark), or the result of a query ({@code --sql}); plus reader
 * options ({@code --option key=value}, repeatable, handed to Spark's reader).
 *
 * <p>Thread-safe: immutable.
 *
 * @param kind which of the four
 * @param source the table name, path or query
 * @param options Spark reader options
 */
record Input(Kind kind, String source, Map<String, String> options) {
    /** The flags that name an input. */
    static final Set<String> FLAGS = Set.of("--table", "--parquet", "--csv", "--sql", "--option");

    enum Kind {
        TABLE("--table"), PARQUET("--parquet"), CSV("--csv"), SQL("--sql");

        private final String flag;

        Kind(String flag) {
            this.flag = flag;
        }
    }

    Input {
        options = Map.copyOf(options);
    }

    /**
     * The one input {@code args} name.
     *
     * @throws JobArgumentException when none or more than one is named, or an option is not key=value
     */
    static Input of(JobArguments args) {
        List<Input> named = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String o : args.all("--option")) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new JobArgumentException("argument --option takes key=value, got '" + o + "'");
            }
            options.put(o.substring(0, eq), o.substring(eq + 1));
        }
        for (Kind kind : Kind.values()) {
            args.get(kind.flag).ifPresent(v -> named.add(new Input(kind, v, options)));
        }
        if (named.size() != 1) {
            throw new JobArgumentException("name exactly one input: --table T, --parquet PATH, --csv PATH or --sql QUERY"
                    + (named.isEmpty() ? "" : " (got " + String.join(", ", named.stream().map(i -> i.kind.flag).toList())
                            + ")"));
        }
        return named.get(0);
    }

    /** The input as a data frame (lazily: nothing is read until a job runs on it). */
    Dataset<Row> load(SparkSession spark) {
        DataFrameReader reader = spark.read().options(options);
        return switch (kind) {
            case TABLE -> spark.table(source);
            case PARQUET -> reader.parquet(source);
            case CSV -> {
                DataFrameReader csv = reader;
                if (!options.containsKey("header")) {
                    csv = csv.option("header", "true");
                }
                if (!options.containsKey("inferSchema")) {
                    csv = csv.option("inferSchema", "true");
                }
                yield csv.csv(source);
            }
            case SQL -> spark.sql(source);
        };
    }

    /** How results name the input: the table, path or query. */
    String describe() {
        return source;
    }
}
