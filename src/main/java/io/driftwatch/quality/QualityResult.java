package io.driftwatch.quality;

import io.driftwatch.analysis.ModelTask;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.Section;
import java.util.List;
import java.util.Objects;

/**
 * The quality of a model on a current batch, beside its reference: both sides' metrics, the
 * baselines of the no-reference tests, Evidently's default tests, Driftwatch's baseline tests, the
 * degradation tests, and the error Evidently 0.7.21's report would fail with on the same data. The
 * {@code quality} section of a check.
 *
 * <p>Thread-safe: immutable.
 *
 * @param task the model's task
 * @param testKind which tests the monitor asked for ({@link QualityOptions#tests()}): the lists of the
 *     others are empty
 * @param current the current batch's side
 * @param reference the reference's side, or null when the check has no reference
 * @param baselines without a reference: Evidently's dummy metrics (those its tests used) and, for a
 *     regression, Driftwatch's baselines; empty with a reference
 * @param tests Evidently's default tests: with a reference each metric within ±20 % (classification)
 *     or ±10 % (regression) of the reference's; without, against the dummy baselines
 * @param baselineTests Driftwatch's no-reference regression tests against its baselines (the model
 *     must beat the best constant prediction); empty otherwise
 * @param degradation the degradation tests ({@code quality.tests: degradation}); empty otherwise
 * @param evidentlyError the exception Evidently 0.7.21's whole report would raise
 *     ({@code "ValueError: …"}), or null when it would not
 * @param errors what kept the analysis from running all it was asked (no reference rows to measure,
 *     degradation tests without a reference); empty when nothing did
 * @param charts what the report draws: ROC and precision-recall curves, a regression's density and error
 *     histogram, from the same rows as the metrics
 */
public record QualityResult(ModelTask task, QualityOptions.Tests testKind, QualitySide current, QualitySide reference,
        List<Baseline> baselines, List<MetricTest> tests, List<MetricTest> baselineTests,
        List<DegradationTest> degradation, String evidentlyError, List<String> errors, QualityCharts charts)
        implements Section {

    /** The section's name in the result. */
    public static final String NAME = "quality";

    public QualityResult {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(testKind, "testKind");
        Objects.requireNonNull(current, "current");
        baselines = List.copyOf(baselines);
        tests = List.copyOf(tests);
        baselineTests = List.copyOf(baselineTests);
        degradation = List.copyOf(degradation);
        errors = List.copyOf(errors);
        Objects.requireNonNull(charts, "charts");
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Whether the model failed the tests the monitor asked for: one of Evidently's default tests, or a
     * degradation test (Driftwatch's baseline tests inform and never fail a check).
     */
    public boolean failed() {
        for (MetricTest t : tests) {
            if (t.status().failed()) {
                return true;
            }
        }
        for (DegradationTest t : degradation) {
            if (t.failed()) {
                return true;
            }
        }
        return false;
    }

    /** This result as the tests {@code kind} leave it: the lists of the tests not asked for emptied. */
    QualityResult withTests(QualityOptions.Tests kind, List<DegradationTest> degradationTests, List<String> moreErrors) {
        List<String> allErrors = new java.util.ArrayList<>(errors);
        allErrors.addAll(moreErrors);
        boolean evidently = kind == QualityOptions.Tests.EVIDENTLY;
        return new QualityResult(task, kind, current, reference, baselines, evidently ? tests : List.of(),
                evidently ? baselineTests : List.of(), degradationTests, evidentlyError, allErrors, charts);
    }
}
