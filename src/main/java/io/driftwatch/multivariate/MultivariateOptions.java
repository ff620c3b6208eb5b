package io.driftwatch.multivariate;

import io.driftwatch.analysis.Chunking;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code multivariate:} options of a monitor: which methods run, how batches are chunked, the
 * feature columns (empty: the tested columns that are not the model's), and the share of variance
 * the PCA keeps.
 *
 * <p>Thread-safe: immutable.
 *
 * @param methods the methods, in the order given, each at most once
 * @param chunks how the current batch and the reference are split
 * @param columns the feature columns; empty for the tested columns that are not the model's
 * @param variance the PCA's share of explained variance, strictly between 0 and 1
 */
public record MultivariateOptions(List<Method> methods, Chunking chunks, List<String> columns, double variance) {

    /** A multivariate drift method. */
    public enum Method {
        /** NannyML's data reconstruction drift: PCA reconstruction error. */
        PCA,
        /** NannyML's domain classifier: ROC AUC of telling a chunk from the reference. */
        DOMAIN_CLASSIFIER;

        /** The name monitor files use: {@code pca}, {@code domain_classifier}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MultivariateOptions {
        methods = List.copyOf(methods);
        Objects.requireNonNull(chunks, "chunks");
        columns = List.copyOf(columns);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("at least one method");
        }
        if (!(variance > 0 && variance < 1)) {
            throw new IllegalArgumentException("variance must be strictly between 0 and 1, got " + variance);
        }
    }

    /** PCA only, 10 chunks, the default features, 0.65 of the variance. */
    public static MultivariateOptions defaults() {
        return new MultivariateOptions(List.of(Method.PCA), Chunking.defaults(), List.of(),
                PcaReconstruction.DEFAULT_VARIANCE_EXPLAINED);
    }
}
