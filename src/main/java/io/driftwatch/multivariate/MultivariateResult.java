package io.driftwatch.multivariate;

import io.driftwatch.analysis.Chunking;
import io.driftwatch.analysis.Section;
import java.util.List;
import java.util.Objects;

/**
 * Drift across columns on each chunk of the current batch (the {@code multivariate} section of a
 * check): the PCA reconstruction error and the domain classifier's ROC AUC, whichever the monitor
 * asked for, each with its thresholds, alerts and the columns that drive it. A method that could not
 * run is an entry of {@code errors} and a null result, never a failed check.
 *
 * <p>Thread-safe: immutable.
 *
 * @param chunking how the batches were split
 * @param chunks where each current chunk lies, in order
 * @param features the feature columns, in order (empty when none could be chosen)
 * @param pca the reconstruction error, or null when not asked for or it could not run
 * @param domainClassifier the classifier's AUC, or null when not asked for or it could not run
 * @param errors what kept a method from running; empty when nothing did
 */
public record MultivariateResult(Chunking chunking, List<Chunking.Window> chunks, List<String> features,
        Reconstruction pca, Classifier domainClassifier, List<String> errors) implements Section {

    /** The section's name in the result. */
    public static final String NAME = "multivariate";

    public MultivariateResult {
        Objects.requireNonNull(chunking, "chunking");
        chunks = List.copyOf(chunks);
        features = List.copyOf(features);
        errors = List.copyOf(errors);
    }

    /**
     * The PCA reconstruction error per chunk.
     *
     * @param components the principal components kept
     * @param variance the share of variance asked for
     * @param lowerThreshold alert at or below (NaN: none)
     * @param upperThreshold alert at or above (NaN: none)
     * @param referenceChunks how many reference chunks gave the thresholds
     * @param chunks one per current chunk, in order
     */
    public record Reconstruction(int components, double variance, double lowerThreshold, double upperThreshold,
            int referenceChunks, List<ReconstructionChunk> chunks) {
        public Reconstruction {
            chunks = List.copyOf(chunks);
        }

        /** Whether any chunk alerts. */
        public boolean alerts() {
            return chunks.stream().anyMatch(ReconstructionChunk::alert);
        }
    }

    /**
     * The domain classifier's ROC AUC per chunk.
     *
     * @param lowerThreshold alert below (NannyML: 0.45)
     * @param upperThreshold alert above (NannyML: 0.65)
     * @param folds the cross-validation folds
     * @param seed the seed of the folds and the trees
     * @param chunks one per current chunk, in order
     */
    public record Classifier(double lowerThreshold, double upperThreshold, int folds, long seed,
            List<ClassifierChunk> chunks) {
        public Classifier {
            chunks = List.copyOf(chunks);
        }

        /** Whether any chunk alerts. */
        public boolean alerts() {
            return chunks.stream().anyMatch(ClassifierChunk::alert);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether any method alerts on any chunk. */
    public boolean alerts() {
        return pca != null && pca.alerts() || domainClassifier != null && domainClassifier.alerts();
    }
}
