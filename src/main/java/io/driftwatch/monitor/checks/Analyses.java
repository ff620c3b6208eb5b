package io.driftwatch.monitor.checks;

import io.driftwatch.analysis.Analysis;
import io.driftwatch.drift.DriftAnalysis;
import io.driftwatch.estimate.EstimateAnalysis;
import io.driftwatch.integrity.IntegrityAnalysis;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.multivariate.MultivariateAnalysis;
import io.driftwatch.quality.QualityAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The analyses a check runs, built from the monitor's definition, in the order their sections appear
 * in the result and the report. Adding an analysis is one line here (see docs/architecture.md).
 *
 * <p>Thread-safe: stateless.
 */
final class Analyses {
    private Analyses() {
    }

    /**
     * An analysis that runs on rows, which a check on sketch profiles cannot give it.
     *
     * @param section the section it writes ({@code quality}, {@code integrity}, {@code estimate},
     *     {@code multivariate})
     * @param field the part of the monitor definition that asks for it
     */
    record OnRows(String section, String field) {
    }

    /** The analyses {@code monitor} asks for that need the batch's rows: every one but drift. */
    static List<OnRows> needingRows(MonitorDefinition monitor) {
        List<OnRows> out = new ArrayList<>();
        monitor.model().ifPresent(spec -> out.add(new OnRows("quality", "model")));
        monitor.integrityOptions().ifPresent(o -> out.add(new OnRows("integrity", "integrity")));
        monitor.model().flatMap(spec -> monitor.estimateOptions()).ifPresent(o -> out.add(new OnRows("estimate",
                "estimate")));
        monitor.multivariateOptions().ifPresent(o -> out.add(new OnRows("multivariate", "multivariate")));
        return List.copyOf(out);
    }

    /** The model's columns (target, prediction, probabilities, id), which are not features. */
    static Set<String> modelColumns(MonitorDefinition monitor) {
        Set<String> out = new LinkedHashSet<>();
        monitor.model().ifPresent(spec -> out.addAll(spec.columns()));
        monitor.modelId().ifPresent(out::add);
        return out;
    }

    /**
     * The analyses {@code monitor} asks for, running their parallel work on {@code executor}; without
     * a reference, only those that need none (drift is skipped).
     */
    static List<Analysis> of(MonitorDefinition monitor, Executor executor, boolean withReference) {
        List<Analysis> analyses = new ArrayList<>();
        if (withReference) {
            analyses.add(DriftAnalysis.on(executor).with(monitor.driftOptions()));
        }
        monitor.model().ifPresent(spec -> analyses.add(QualityAnalysis.of(spec).with(monitor.qualityOptions())));
        monitor.integrityOptions().ifPresent(
                o -> analyses.add(IntegrityAnalysis.on(executor).with(o).ignoring(monitor.ignored())
                        .inferringTimestamp(monitor.datetime().isEmpty())));
        monitor.model().flatMap(spec -> monitor.estimateOptions().map(o -> EstimateAnalysis.of(spec, o))).ifPresent(analyses::add);
        monitor.multivariateOptions().ifPresent(o -> analyses.add(MultivariateAnalysis.of(o).excluding(modelColumns(monitor))));
        return List.copyOf(analyses);
    }
}
