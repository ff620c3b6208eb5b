package io.driftwatch.spark;

import io.driftwatch.DriftwatchException;
import io.driftwatch.profile.SketchProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files a job reads and writes (profiles, the JSON result), on any file system Hadoop reaches
 * from the driver: {@code hdfs://}, {@code s3a://}, {@code gs://}, {@code abfs://} where the cluster
 * has their connectors, {@code file:///} for the driver's own disk. A path without a scheme is on the
 * cluster's default file system ({@code fs.defaultFS}: HDFS on most clusters, the local disk in
 * local mode). Written files are replaced.
 *
 * <p>Thread-safe: stateless apart from the Hadoop configuration it is given.
 */
final class JobFiles {
    /** A write or read of a job's file failed. */
    static final class JobFileException extends DriftwatchException {
        private static final long serialVersionUID = 1L;

        JobFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Writes a file's bytes. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private final Configuration hadoop;

    JobFiles(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    /** Reads a sketch profile. */
    SketchProfile readProfile(String file) {
        Path path = new Path(file);
        try (InputStream in = path.getFileSystem(hadoop).open(path)) {
            return SketchProfile.readFrom(in, file);
        } catch (IOException e) {
            throw new JobFileException("cannot read the sketch profile " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code file} (replacing it), {@code what} naming it in an error. */
    void write(String file, String what, Writer writer) {
        Path path = new Path(file);
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            try (FSDataOutputStream out = fs.create(path, true)) {
                writer.write(out);
            }
        } catch (IOException e) {
            throw new JobFileException("cannot write the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
