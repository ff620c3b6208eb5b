package io.driftwatch.quality;

import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.data.Table;
import io.driftwatch.quality.EvidentlyFailure.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Measures a model's quality from its labels, as Evidently 0.7.21's {@code ClassificationPreset} or
 * {@code RegressionPreset} with {@code include_tests=True} would, on the columns of a parsed batch.
 *
 * <p>A reference is measured once ({@link #measureReference}) and may be kept (it is an immutable
 * record); each current batch is then evaluated against it ({@link #evaluate(Table, QualitySide)}, or
 * {@link #evaluate(Table)} without a reference):
 * the current side's metrics, Evidently's default tests (within ±20 % / ±10 % of the reference), and
 * the first exception Evidently's report would raise on the pair. Without a reference the tests
 * compare with Evidently's dummy baselines (a stratified random classifier seeded with
 * {@code np.random.seed(0)}; for a regression, 0.7.21's dummies equal the model's own errors, so those
 * tests always fail; Driftwatch's corrected baselines and tests are returned beside them).
 *
 * <p>A metric that is undefined on the data carries an error and the rest goes on; a side that cannot
 * be scored at all (a missing column, a {@code pos_label} the target does not hold…) carries an error
 * of its own.
 *
 * <p>Thread-safe: immutable; calls may run concurrently.
 */
public final class QualityEvaluator {
    private final ModelSpec spec;

    private QualityEvaluator(ModelSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** The evaluator of the model {@code spec} describes. */
    public static QualityEvaluator of(ModelSpec spec) {
        return new QualityEvaluator(spec);
    }

    /** The model this evaluator scores. */
    public ModelSpec spec() {
        return spec;
    }

    /** The model's quality on the reference batch. */
    public QualitySide measureReference(Table reference) {
        return scoreReference(reference).side();
    }

    /**
     * One side measured, with what its charts are drawn from: a classifier's curves, a regression's scored
     * rows (until both sides are known, their bins are shared). Not thread-safe to share: the arrays are
     * the scorer's own, not copied.
     *
     * @param side the side's metrics
     * @param curves a classifier's curves; empty otherwise
     * @param actual a regression's scored targets ({@code side.rowsUsed()} from index 0); null otherwise
     * @param predicted a regression's scored predictions; null otherwise
     */
    record ScoredSide(QualitySide side, StandardErrors errors, List<QualityCharts.Curves> curves, double[] actual,
            double[] predicted) {
        /** A side measured elsewhere, with nothing to draw and no standard errors. */
        static ScoredSide withoutCharts(QualitySide side) {
            return new ScoredSide(side, StandardErrors.NONE, List.of(), null, null);
        }

        /** The side with its standard errors, what a degradation test compares. */
        Sampled sampled() {
            return new Sampled(side, errors);
        }
    }

    /** The model's quality on the reference batch, with what its charts are drawn from. */
    ScoredSide scoreReference(Table reference) {
        return score(reference, false);
    }

    /** One side of a check (the reference), with its metrics' standard errors when asked for. */
    private ScoredSide score(Table reference, boolean withStandardErrors) {
        if (spec.task().isClassification()) {
            ClassificationScorer scorer = new ClassificationScorer(spec);
            ClassificationScorer.Measured m = (withStandardErrors ? scorer.withStandardErrors() : scorer)
                    .measure(reference, false, false);
            return new ScoredSide(m.side(), m.errors(), m.curves(), null, null);
        }
        RegressionScorer scorer = new RegressionScorer(spec);
        RegressionScorer.Measured m = (withStandardErrors ? scorer.withStandardErrors() : scorer)
                .measure(reference, false);
        return new ScoredSide(m.side(), m.errors(), List.of(), m.actual(), m.predicted());
    }

    /**
     * A side measured with its metrics' standard errors, what a degradation test compares.
     *
     * @param side the side's metrics
     * @param errors their standard errors, computed from the same rows
     */
    record Sampled(QualitySide side, StandardErrors errors) {
    }

    /**
     * A current batch evaluated against a reference, with the current side's standard errors.
     *
     * @param result the evaluation, the same as {@link #evaluate(Table, QualitySide)}'s
     * @param currentErrors the standard errors of {@code result.current()}'s metrics
     */
    record Evaluated(QualityResult result, StandardErrors currentErrors) {
        /** The current side with its standard errors. */
        Sampled current() {
            return new Sampled(result.current(), currentErrors);
        }
    }

    /** The model's quality on the reference batch, with its metrics' standard errors (degradation tests). */
    Sampled sampleReference(Table reference) {
        return score(reference, true).sampled();
    }

    /**
     * The reference scored with its standard errors and what its charts are drawn from: what a check
     * with degradation tests compares with ({@link #evaluateSampled(Table, ScoredSide)}).
     */
    ScoredSide scoreReferenceSampled(Table reference) {
        return score(reference, true);
    }

    /**
     * {@link #evaluate(Table, QualitySide)} with the current side's standard errors, computed in the
     * same pass (degradation tests).
     */
    Evaluated evaluateSampled(Table current, QualitySide reference) {
        return run(current, ScoredSide.withoutCharts(Objects.requireNonNull(reference, "reference")), true);
    }

    /** {@link #evaluateSampled(Table, QualitySide)} with the reference's charts beside the current batch's. */
    Evaluated evaluateSampled(Table current, ScoredSide reference) {
        return run(current, Objects.requireNonNull(reference, "reference"), true);
    }

    /**
     * The model's quality on {@code current} without a reference: Evidently's no-reference tests
     * against its dummy baselines (and, for a regression, Driftwatch's baseline tests).
     */
    public QualityResult evaluate(Table current) {
        return run(current, null, false).result();
    }

    /** The model's quality on {@code current} against the reference table, with Evidently's default tests. */
    public QualityResult evaluate(Table current, Table reference) {
        return run(current, scoreReference(Objects.requireNonNull(reference, "reference")), false).result();
    }

    /**
     * The model's quality on {@code current} against the measured {@code reference}, with
     * Evidently's default tests.
     *
     * @throws IllegalArgumentException when {@code reference} was measured for another kind of task
     */
    public QualityResult evaluate(Table current, QualitySide reference) {
        return run(current, ScoredSide.withoutCharts(Objects.requireNonNull(reference, "reference")), false).result();
    }

    /** {@link #evaluate(Table, QualitySide)} with the reference's charts beside the current batch's. */
    QualityResult evaluate(Table current, ScoredSide reference) {
        return run(current, Objects.requireNonNull(reference, "reference"), false).result();
    }

    private Evaluated run(Table current, ScoredSide scoredReference, boolean withStandardErrors) {
        QualitySide reference = scoredReference == null ? null : scoredReference.side();
        if (reference != null && (reference instanceof ClassificationSide) != spec.task().isClassification()) {
            throw new IllegalArgumentException("the reference was measured for another kind of task than "
                    + spec.task().label());
        }
        QualitySide side;
        List<Baseline> baselines;
        List<Baseline> driftwatchBaselines = List.of();
        EvidentlyFailure dummyFailure = null;
        StandardErrors errors;
        QualityCharts charts;
        if (spec.task().isClassification()) {
            ClassificationScorer scorer = new ClassificationScorer(spec);
            ClassificationScorer.Measured m = (withStandardErrors ? scorer.withStandardErrors() : scorer)
                    .measure(current, true, reference == null);
            side = m.side();
            errors = m.errors();
            baselines = m.baselines();
            dummyFailure = m.dummyFailure();
            charts = new QualityCharts(new QualityCharts.Side(m.curves(), null, null), scoredReference == null ? null
                    : new QualityCharts.Side(scoredReference.curves(), null, null));
        } else {
            RegressionScorer scorer = new RegressionScorer(spec);
            RegressionScorer.Measured m = (withStandardErrors ? scorer.withStandardErrors() : scorer)
                    .measure(current, true);
            side = m.side();
            errors = m.errors();
            baselines = reference == null ? m.evidentlyBaselines() : List.of();
            driftwatchBaselines = reference == null ? m.driftwatchBaselines() : List.of();
            charts = regressionCharts(m, scoredReference);
        }
        List<io.driftwatch.analysis.MetricTest> tests;
        List<io.driftwatch.analysis.MetricTest> baselineTests = List.of();
        if (reference != null) {
            double relative = spec.task().isClassification() ? EvidentlyTests.CLASSIFICATION_RELATIVE
                    : EvidentlyTests.REGRESSION_RELATIVE;
            tests = side.error() == null ? EvidentlyTests.withReference(side, reference, relative) : List.of();
        } else {
            tests = EvidentlyTests.withoutReference(side, baselines);
            if (!spec.task().isClassification()) {
                baselineTests = EvidentlyTests.driftwatchBaselines(side, driftwatchBaselines);
            }
        }
        List<Baseline> allBaselines = new ArrayList<>(baselines);
        allBaselines.addAll(driftwatchBaselines);
        String evidentlyError = firstFailure(side, reference, dummyFailure);
        return new Evaluated(new QualityResult(spec.task(), QualityOptions.Tests.EVIDENTLY, side, reference,
                allBaselines, tests, baselineTests, List.of(), evidentlyError, List.of(), charts), errors);
    }

    /**
     * A regression's charts on bins shared by both sides; a side that could not be scored has none, and
     * a reference measured elsewhere (without its rows) is left out.
     */
    private static QualityCharts regressionCharts(RegressionScorer.Measured current, ScoredSide reference) {
        boolean curScored = current.side().error() == null;
        boolean refScored = reference != null && reference.actual() != null && reference.side().error() == null;
        if (!curScored && !refScored) {
            return new QualityCharts(QualityCharts.Side.EMPTY, reference == null ? null : QualityCharts.Side.EMPTY);
        }
        QualityCharts.Side[] sides = RegressionCharts.of(
                curScored ? current.actual() : new double[0], curScored ? current.predicted() : new double[0],
                curScored ? current.side().rowsUsed() : 0,
                refScored ? reference.actual() : null, refScored ? reference.predicted() : null,
                refScored ? reference.side().rowsUsed() : 0);
        return new QualityCharts(curScored ? sides[0] : QualityCharts.Side.EMPTY,
                reference == null ? null : refScored ? sides[1] : QualityCharts.Side.EMPTY);
    }

    /** The first failure in Evidently's order: by stage, the current side before the reference. */
    private static String firstFailure(QualitySide current, QualitySide reference, EvidentlyFailure dummyFailure) {
        for (Stage stage : Stage.values()) {
            for (EvidentlyFailure f : current.evidentlyFailures()) {
                if (f.stage() == stage) {
                    return f.message();
                }
            }
            if (dummyFailure != null && dummyFailure.stage() == stage) {
                return dummyFailure.message();
            }
            if (reference != null) {
                for (EvidentlyFailure f : reference.evidentlyFailures()) {
                    if (f.stage() == stage) {
                        return f.message();
                    }
                }
            }
        }
        return null;
    }
}
