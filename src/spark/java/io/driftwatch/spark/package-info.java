/**
 * Driftwatch on Apache Spark (docs/spark.md): jobs run with {@code spark-submit} from
 * {@code target/driftwatch-spark.jar} that reduce a table too large for one machine to a
 * {@link io.driftwatch.profile.SketchProfile} over its partitions, with the same {@code profile} code
 * the command line streams a file through, and test it against a reference profile with the same
 * {@code drift} and {@code stats} code ({@link io.driftwatch.spark.ProfileJob},
 * {@link io.driftwatch.spark.CheckJob}); and the client that posts a profile to a Driftwatch service as
 * a check's current batch ({@link io.driftwatch.spark.ProfilePoster}).
 *
 * <p>What belongs here: reading Spark's rows into Driftwatch's columns, the partition-and-merge
 * plan, the jobs' arguments and files. What does not: statistics, the profile format, the report
 * (those live in the packages below, unchanged), and anything the service runs. Built by
 * {@code src/spark/pom.xml}, never into the main jar.
 */
package io.driftwatch.spark;
