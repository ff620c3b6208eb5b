package io.driftwatch.multivariate;

import io.driftwatch.DriftwatchException;
import io.driftwatch.analysis.Analysis;
import io.driftwatch.analysis.CheckData;
import io.driftwatch.analysis.Chunking;
import io.driftwatch.data.Chunks;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The multivariate drift analysis of a check ({@code multivariate}): the current batch and the
 * reference's rows of the feature columns (which the reference profile keeps) are split into chunks
 * with the monitor's rule; the PCA reconstruction error is fitted on the reference, its thresholds
 * from the reference's chunks; the domain classifier tells each current chunk from the whole
 * reference. The features are the monitor's {@code columns:}, or else the check's tested columns that
 * are not the model's. A method that cannot run is an error entry of the section.
 *
 * <p>Thread-safe: immutable; one instance can run many checks at once.
 */
public final class MultivariateAnalysis implements Analysis {
    private final MultivariateOptions options;
    private final Set<String> excluded;

    private MultivariateAnalysis(MultivariateOptions options, Set<String> excluded) {
        this.options = Objects.requireNonNull(options, "options");
        this.excluded = Set.copyOf(excluded);
    }

    /** The analysis with a monitor's {@code multivariate:} options. */
    public static MultivariateAnalysis of(MultivariateOptions options) {
        return new MultivariateAnalysis(options, Set.of());
    }

    /** This analysis leaving {@code columns} (the model's target, prediction, probabilities) out of the default features. */
    public MultivariateAnalysis excluding(Set<String> columns) {
        return new MultivariateAnalysis(options, columns);
    }

    /**
     * The columns whose reference rows this analysis reads: the monitor's {@code columns}, or else every
     * candidate not excluded; and the timestamp column of period chunks.
     */
    public static List<String> referenceColumns(MultivariateOptions options, List<String> candidates,
            Set<String> excluded) {
        List<String> out = new ArrayList<>();
        if (options.columns().isEmpty()) {
            for (String c : candidates) {
                if (!excluded.contains(c)) {
                    out.add(c);
                }
            }
        } else {
            out.addAll(options.columns());
        }
        if (options.chunks().kind() == Chunking.Kind.PERIOD) {
            out.add(options.chunks().column());
        }
        return List.copyOf(out);
    }

    @Override
    public MultivariateResult run(CheckData data) {
        Chunking chunking = options.chunks();
        Optional<ReferenceProfile> profile = data.reference();
        if (profile.isEmpty()) {
            return failed(List.of(), "multivariate drift compares the current batch with a reference, and this check"
                    + " has none");
        }
        Optional<Table> kept = profile.get().rows();
        Table current = data.current();
        List<String> features = new ArrayList<>();
        List<String> lacking = new ArrayList<>();
        if (options.columns().isEmpty()) {
            for (Map.Entry<String, ColumnType> e : data.types().entrySet()) {
                if (e.getValue().isTested() && !excluded.contains(e.getKey())) {
                    if (kept.isPresent() && kept.get().column(e.getKey()).isPresent()) {
                        features.add(e.getKey());
                    } else {
                        lacking.add(e.getKey());
                    }
                }
            }
        } else {
            for (String c : options.columns()) {
                if (current.column(c).isEmpty()) {
                    return failed(List.of(), "multivariate.columns: the current batch has no column '" + c + "'");
                }
                if (kept.isPresent() && kept.get().column(c).isPresent()) {
                    features.add(c);
                } else {
                    lacking.add(c);
                }
            }
        }
        if (chunking.kind() == Chunking.Kind.PERIOD && (kept.isEmpty()
                || kept.get().column(chunking.column()).isEmpty())) {
            lacking.add(chunking.column());
        }
        if (!lacking.isEmpty()) {
            return failed(features, "the reference profile keeps no rows of " + (lacking.size() == 1 ? "column '"
                    : "columns '") + String.join("', '", lacking) + "': profile the reference again with this monitor");
        }
        if (features.size() < 2) {
            return failed(features, "multivariate drift needs at least 2 feature columns, found " + features.size()
                    + (features.isEmpty() ? "" : " ('" + features.get(0) + "')"));
        }
        Table reference = kept.get();
        List<? extends Chunks.Chunk> referenceChunks;
        List<? extends Chunks.Chunk> chunks;
        try {
            referenceChunks = chunking.split(reference);
            chunks = chunking.split(current);
        } catch (IllegalArgumentException e) {
            return failed(features, e.getMessage());
        }
        if (chunks.isEmpty() || referenceChunks.isEmpty()) {
            return failed(features, (chunks.isEmpty() ? "the current batch" : "the reference")
                    + " has no chunk (no rows" + (chunking.kind() == Chunking.Kind.PERIOD ? " with a time in '"
                    + chunking.column() + "'" : "") + ")");
        }
        List<String> errors = new ArrayList<>();
        MultivariateResult.Reconstruction pca = null;
        MultivariateResult.Classifier classifier = null;
        for (MultivariateOptions.Method method : options.methods()) {
            try {
                switch (method) {
                    case PCA -> {
                        ReconstructionModel model = PcaReconstruction.withDefaults()
                                .withVarianceExplained(options.variance()).fit(reference, features, referenceChunks);
                        pca = new MultivariateResult.Reconstruction(model.components(), options.variance(),
                                model.lowerThreshold(), model.upperThreshold(), referenceChunks.size(),
                                model.evaluate(current, chunks));
                    }
                    case DOMAIN_CLASSIFIER -> {
                        DomainClassifier dc = DomainClassifier.withDefaults();
                        DomainClassifierModel model = dc.fit(reference, features);
                        classifier = new MultivariateResult.Classifier(dc.lowerThreshold(), dc.upperThreshold(),
                                dc.folds(), dc.seed(), model.evaluate(current, chunks));
                    }
                }
            } catch (DriftwatchException | IllegalArgumentException e) {
                errors.add(method.label() + ": " + e.getMessage());
            }
        }
        return new MultivariateResult(chunking, Chunking.windows(chunks), features, pca, classifier, errors);
    }

    private MultivariateResult failed(List<String> features, String why) {
        return new MultivariateResult(options.chunks(), List.of(), features, null, null, List.of(why));
    }
}
