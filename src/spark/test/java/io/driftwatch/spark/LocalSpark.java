package io.driftwatch.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session the tests share: local mode on two threads, no web UI, two shuffle
 * partitions, bound to the loopback address. Started by the first test that asks and stopped by
 * Spark's own shutdown hook.
 *
 * <p>Thread-safe: the session is created once under the class lock.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            Path warehouse;
            try {
                warehouse = Files.createTempDirectory("driftwatch-spark-warehouse");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            session = SparkSession.builder().master("local[2]").appName("driftwatch-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.warehouse.dir", warehouse.toString())
                    .getOrCreate();
        }
        return session;
    }
}
