package io.driftwatch.monitor.checks;

import io.driftwatch.analysis.Analysis;
import io.driftwatch.drift.DriftAnalysis;
import io.driftwatch.integrity.IntegrityAnalysis;
import io.driftwatch.quality.QualityAnalysis;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import java.util.ArrayList;
import java.util.List;
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
        return List.copyOf(analyses);
    }
}
