package io.driftwatch.quality;

import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.analysis.Analysis;
import io.driftwatch.analysis.CheckData;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model-quality analysis of a check ({@code quality}): the model's metrics on the current batch
 * and on the reference (scored from the rows of the model's columns its profile keeps), with the tests
 * the options ask for: Evidently's default tests (against the reference, or against Evidently's dummy
 * baselines when the check has none), Driftwatch's degradation tests, or none. What cannot be computed
 * is an error entry of the section, never a failed check.
 *
 * <p>Thread-safe: immutable; one instance can run many checks at once.
 */
public final class QualityAnalysis implements Analysis {
    private final ModelSpec spec;
    private final QualityOptions options;

    private QualityAnalysis(ModelSpec spec, QualityOptions options) {
        this.spec = spec;
        this.options = options;
    }

    /** The analysis of the model {@code spec} describes, with Evidently's default tests. */
    public static QualityAnalysis of(ModelSpec spec) {
        return new QualityAnalysis(Objects.requireNonNull(spec, "spec"), QualityOptions.defaults());
    }

    /** This analysis with a monitor's {@code quality:} options. */
    public QualityAnalysis with(QualityOptions newOptions) {
        return new QualityAnalysis(spec, Objects.requireNonNull(newOptions, "options"));
    }

    @Override
    public QualityResult run(CheckData data) {
        QualityEvaluator evaluator = QualityEvaluator.of(spec);
        Table current = data.current();
        Optional<ReferenceProfile> profile = data.reference();
        if (profile.isEmpty()) {
            QualityResult result = evaluator.evaluate(current);
            List<String> errors = options.tests() == QualityOptions.Tests.DEGRADATION
                    ? List.of("quality.tests: degradation compares with the reference, and this check has none")
                    : List.of();
            return result.withTests(options.tests(), List.of(), errors);
        }
        Optional<Table> rows = profile.get().rows();
        List<String> lacking = new ArrayList<>();
        for (String column : spec.columns()) {
            if (rows.isEmpty() || rows.get().column(column).isEmpty()) {
                lacking.add(column);
            }
        }
        if (!lacking.isEmpty()) {
            QualityResult result = evaluator.evaluate(current);
            String why = rows.isEmpty() ? "keeps no rows of the model's columns (it was made without the monitor's"
                    + " model: section)"
                    : "keeps no rows of the model's " + (lacking.size() == 1 ? "column '" : "columns '")
                    + String.join("', '", lacking) + "' (it was made with another model: section)";
            return new QualityResult(spec.task(), options.tests(), result.current(), null, List.of(), List.of(),
                    List.of(), List.of(), result.evidentlyError(), List.of("the reference profile " + why
                            + ": profile the reference again to compare the model with it"), result.charts());
        }
        if (options.tests() != QualityOptions.Tests.DEGRADATION) {
            QualityEvaluator.ScoredSide scored = evaluator.scoreReference(rows.get());
            return evaluator.evaluate(current, scored).withTests(options.tests(), List.of(), List.of());
        }
        // the standard errors are computed in the same passes as the metrics, from the same rows
        QualityEvaluator.ScoredSide scored = evaluator.scoreReferenceSampled(rows.get());
        QualityEvaluator.Sampled reference = scored.sampled();
        QualityEvaluator.Evaluated evaluated = evaluator.evaluateSampled(current, scored);
        QualityResult result = evaluated.result();
        List<DegradationTest> degradation = List.of();
        if (result.current().error() == null && reference.side().error() == null) {
            Map<QualityMetric, QualityOptions.Tolerance> watched = options.degradation().isEmpty()
                    ? Degradation.defaultTolerances(spec) : options.degradation();
            degradation = Degradation.tests(spec, reference, evaluated.current(),
                    new QualityOptions(options.tests(), watched, options.confidence()));
        }
        return result.withTests(options.tests(), degradation, List.of());
    }
}
