package io.driftwatch.cli;

import io.driftwatch.data.Lineage;
import io.driftwatch.io.lineage.DvcReference;
import io.driftwatch.io.lineage.MlflowReference;
import io.driftwatch.io.lineage.TrackedFile;
import io.driftwatch.store.S3Objects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A reference as the command line names it: a path; a DVC-tracked file ({@code data/train.csv.dvc}, or
 * {@code dvc:data/train.csv}), resolved from the working directory to its verified content in the DVC
 * cache, a local or S3 remote or the workspace; or a registered MLflow model's training dataset
 * ({@code mlflow:models:/NAME@ALIAS}, through {@code MLFLOW_TRACKING_URI}), copied to a temporary file
 * that {@link #close()} deletes. Versioned ones come with their lineage.
 *
 * <p>Not thread-safe: one command uses it.
 *
 * @param name what the user gave (reports show it)
 * @param file the file to read
 * @param lineage the version of the data; null for a plain path
 * @param copy whether {@code file} is a temporary copy to delete (a download)
 */
record ReferenceArgument(String name, Path file, Lineage lineage, boolean copy) implements AutoCloseable {

    /**
     * The reference {@code name} names; a plain name (a path, an {@code s3://} URL) is made local by
     * {@code plain}.
     *
     * @throws io.driftwatch.io.lineage.UnresolvableReferenceException when a versioned reference cannot be
     *     resolved (naming what is missing or wrong)
     */
    static ReferenceArgument of(String name, java.util.function.Function<String, Path> plain) {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        // the client (made only if the reference is in S3) is closed once the content is resolved
        try (S3Objects.ReferenceStorage s3 = S3Objects.forReferences(System::getenv)) {
            if (DvcReference.names(name)) {
                TrackedFile t = DvcReference.resolve(name, Path.of(""), s3, temp);
                return new ReferenceArgument(name, t.file(), t.lineage(), t.temporary());
            }
            if (MlflowReference.names(name)) {
                // the command line reads what its user can read: any local dataset source is allowed
                TrackedFile t = MlflowReference.fromEnvironment(System::getenv).resolve(name, temp, path -> true, s3);
                return new ReferenceArgument(name, t.file(), t.lineage(), t.temporary());
            }
        }
        return new ReferenceArgument(name, plain.apply(name), null, false);
    }

    /** A line for the terminal saying which version of the data this is; null for a plain path. */
    String describe() {
        if (lineage == null) {
            return null;
        }
        if (lineage.system().equals("mlflow")) {
            return "Reference MLflow: model " + lineage.fact("model") + " version " + lineage.fact("version") + ", run "
                    + lineage.fact("runId") + ", dataset " + lineage.fact("dataset");
        }
        return "Reference DVC: " + lineage.fact("path") + " md5 " + lineage.fact("md5") + " (from " + lineage.fact("from")
                + ")";
    }

    /** Deletes the temporary copy of an MLflow dataset. */
    @Override
    public void close() {
        if (copy) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }
}
