package io.driftwatch.cli;

import io.driftwatch.data.Lineage;
import io.driftwatch.io.lineage.DvcReference;
import java.nio.file.Path;

/**
 * A reference as the command line names it: a path, or a DVC-tracked file ({@code data/train.csv.dvc},
 * or {@code dvc:data/train.csv}), resolved from the working directory to its verified content in the
 * DVC cache, a local remote or the workspace, with its lineage.
 *
 * <p>Thread-safe: immutable.
 *
 * @param name what the user gave (reports show it)
 * @param file the file to read
 * @param lineage the version of the data; null for a plain path
 */
record ReferenceArgument(String name, Path file, Lineage lineage) {

    /**
     * The reference {@code name} names.
     *
     * @throws io.driftwatch.io.lineage.UnresolvableReferenceException when a DVC-tracked file cannot be
     *     resolved to content with its recorded hash
     */
    static ReferenceArgument of(String name) {
        if (DvcReference.names(name)) {
            DvcReference.Tracked t = DvcReference.resolve(name, Path.of(""));
            return new ReferenceArgument(name, t.file(), t.lineage());
        }
        return new ReferenceArgument(name, Path.of(name), null);
    }
}
