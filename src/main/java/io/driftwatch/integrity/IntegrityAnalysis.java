package io.driftwatch.integrity;

import io.driftwatch.analysis.Analysis;
import io.driftwatch.analysis.CheckData;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.data.ColumnType;
import io.driftwatch.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The data-quality analysis of a check ({@code integrity}): the current batch's {@link DataSummary}
 * (Evidently 0.7.21's {@code DataSummaryPreset} metrics), the reference's beside it (from its
 * profile), and the tests the options ask for: Evidently's default tests (with the reference's
 * values, or Evidently's no-reference defaults when the check has no reference), the conditions
 * derived from the reference profile, or none. What cannot be computed is an error entry of the
 * section (a reference profile without dataset facts, a numerical column holding text), never a
 * failed check.
 *
 * <p>Thread-safe: immutable; one instance can run many checks at once.
 */
public final class IntegrityAnalysis implements Analysis {
    private final Executor executor;
    private final IntegrityOptions options;
    private final Set<String> ignored;
    private final boolean inferTimestamp;

    private IntegrityAnalysis(Executor executor, IntegrityOptions options, Set<String> ignored,
            boolean inferTimestamp) {
        this.executor = executor;
        this.options = options;
        this.ignored = Set.copyOf(ignored);
        this.inferTimestamp = inferTimestamp;
    }

    /** The analysis with its parallel work (columns, row ranges) on {@code executor}, with the default options. */
    public static IntegrityAnalysis on(Executor executor) {
        return new IntegrityAnalysis(Objects.requireNonNull(executor, "executor"), IntegrityOptions.defaults(),
                Set.of(), false);
    }

    /** The analysis on the calling thread only, with the default options. */
    public static IntegrityAnalysis sequential() {
        return on(Runnable::run);
    }

    /** This analysis with a monitor's {@code integrity:} options. */
    public IntegrityAnalysis with(IntegrityOptions newOptions) {
        return new IntegrityAnalysis(executor, Objects.requireNonNull(newOptions, "options"), ignored,
                inferTimestamp);
    }

    /**
     * This analysis leaving out the columns a monitor ignores: the reference-derived conditions never
     * call them missing, new or changed (the check's column types already leave them out).
     */
    public IntegrityAnalysis ignoring(Set<String> columns) {
        return new IntegrityAnalysis(executor, options, columns, inferTimestamp);
    }

    /**
     * This analysis taking the first column typed datetime as the dataset's timestamp, or not (the
     * default). Evidently's inference does so when no data definition names the datetime columns: the
     * timestamp counts in the total of columns but in no type. The monitor layer asks for it when the
     * monitor names no {@code columns.datetime}; a named datetime column counts as datetime, as a data
     * definition's {@code datetime_columns} does.
     */
    public IntegrityAnalysis inferringTimestamp(boolean infer) {
        return new IntegrityAnalysis(executor, options, ignored, infer);
    }

    @Override
    public IntegrityResult run(CheckData data) {
        Map<String, ColumnType> types = inferTimestamp ? withInferredTimestamp(data.types()) : data.types();
        List<String> errors = new ArrayList<>();
        DataSummary current = DataSummaries.of(data.current(), types, executor);
        errors.addAll(DataSummaries.problems(current, types, "current batch"));
        Optional<ReferenceProfile> profile = data.reference();
        DataSummary reference = null;
        if (profile.isPresent()) {
            Optional<String> problem = DataSummaries.referenceProblem(profile.get(), types);
            if (problem.isPresent()) {
                errors.add(problem.get());
            } else {
                reference = DataSummaries.of(profile.get(), types);
                errors.addAll(DataSummaries.problems(reference, types, "reference"));
            }
        }
        List<MetricTest> tests = List.of();
        List<IntegrityFinding> findings = List.of();
        switch (options.tests()) {
            case EVIDENTLY -> tests = profile.isPresent() ? EvidentlyTests.withReference(current, reference)
                    : EvidentlyTests.withoutReference(current);
            case REFERENCE -> {
                if (profile.isEmpty()) {
                    errors.add("integrity.tests: reference derives its conditions from the reference, and this check"
                            + " has none");
                } else {
                    findings = referenceFindings(data, current, reference);
                }
            }
            case NONE -> {
                // the summaries only
            }
        }
        return new IntegrityResult(options.tests(), current, reference, tests, findings, errors);
    }

    /** {@code types} with the first datetime column taken as the timestamp: a column of no type. */
    private static Map<String, ColumnType> withInferredTimestamp(Map<String, ColumnType> types) {
        Map<String, ColumnType> out = new java.util.LinkedHashMap<>(types);
        for (Map.Entry<String, ColumnType> e : out.entrySet()) {
            if (e.getValue() == ColumnType.DATETIME) {
                e.setValue(ColumnType.UNSUPPORTED);
                break;
            }
        }
        return out;
    }

    /**
     * The broken conditions derived from the reference profile ({@code integrity.tests: reference}).
     *
     * @param reference the reference's summary, or null when it could not be built (see the errors):
     *     then the duplicated rows, whose reference count it holds, are not judged
     */
    private List<IntegrityFinding> referenceFindings(CheckData data, DataSummary current, DataSummary reference) {
        ReferenceConditions conditions = new ReferenceConditions(options, ignored);
        return reference == null ? conditions.evaluate(data, executor)
                : conditions.evaluate(data, DuplicatedRows.of(current, reference), executor);
    }
}
