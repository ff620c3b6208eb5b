package io.driftwatch.monitor.checks;

import io.driftwatch.analysis.Analysis;
import io.driftwatch.drift.DriftAnalysis;
import io.driftwatch.monitor.definitions.MonitorDefinition;
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

    /** The analyses {@code monitor} asks for, running their parallel work on {@code executor}. */
    static List<Analysis> of(MonitorDefinition monitor, Executor executor) {
        return List.of(
                DriftAnalysis.on(executor).with(monitor.driftOptions()));
    }
}
