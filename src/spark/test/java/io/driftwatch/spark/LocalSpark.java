package io.driftwatch.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session the tests share: local mode on two threads, no web UI, two shuffle
 * partitions, UTC as the session's time zone, bound to the loopback address (its warehouse folder under target/spark-build, set by
 * the build). Started by the first test that asks and stopped by Spark's own shutdown hook.
 *
 * <p>Thread-safe: the session is created once under the class lock.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("driftwatch-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
        }
        return session;
    }
}
