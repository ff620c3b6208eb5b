package io.driftwatch.monitor.checks;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Parallelism;
import io.driftwatch.data.Table;
import io.driftwatch.analysis.Analysis;
import io.driftwatch.analysis.CheckData;
import io.driftwatch.analysis.Section;
import io.driftwatch.analysis.Sections;
import io.driftwatch.estimate.EstimateAnalysis;
import io.driftwatch.integrity.IntegrityOptions;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.Datasets;
import io.driftwatch.io.SchemaAlignment;
import io.driftwatch.io.SchemaMismatchException;
import io.driftwatch.io.TypeInference;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.monitor.InvalidRequestException;
import io.driftwatch.monitor.definitions.InvalidMonitorException;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.multivariate.MultivariateAnalysis;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.ColumnProfile;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.drift.SketchDrift;
import io.driftwatch.profile.ColumnSketch;
import io.driftwatch.profile.NumericSketch;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.quality.ModelColumns;
import io.driftwatch.report.BatchInfo;
import io.driftwatch.report.CheckReport;
import io.driftwatch.report.ColumnRoles;
import io.driftwatch.report.Timings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs one check: reads the reference (a CSV or Arrow batch, or a saved {@link ReferenceProfile},
 * recognised by its first bytes) and the current batch in parallel, types the current columns
 * (the monitor's declared types, Evidently's inference for the rest), checks that both sides line
 * up (reporting every mismatch at once), profiles the reference, runs the monitor's analyses
 * ({@link Analyses}) on the runner's pool, and returns the {@link CheckReport} of their sections that
 * renderings take.
 *
 * <p>Failures are {@link io.driftwatch.DriftwatchException}s written for the user:
 * {@link UnreadableDatasetException} (a file that cannot be read, naming file, line and column),
 * {@link ReferenceProfile.InvalidProfileException}, {@link SchemaMismatchException}.
 *
 * <p>Thread-safe: one runner can run many checks at once. A runner made by {@link #withCores()} owns
 * its pool and must be {@link #close() closed}.
 */
public final class CheckRunner implements AutoCloseable {
    private static final int STAGES = 3;

    private final Executor executor;
    private final ExecutorService owned;
    private final CsvOptions.Limits csvLimits;

    private CheckRunner(Executor executor, ExecutorService owned, CsvOptions.Limits csvLimits) {
        this.executor = executor;
        this.owned = owned;
        this.csvLimits = csvLimits;
    }

    /** A runner with its own fixed pool of one thread per core (daemon threads); close it when done. */
    public static CheckRunner withCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "driftwatch-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(cores, threads);
        return new CheckRunner(pool, pool, CsvOptions.Limits.defaults());
    }

    /** A runner on the caller's executor (sized to the cores), which the caller manages. */
    public static CheckRunner on(Executor executor) {
        return new CheckRunner(executor, null, CsvOptions.Limits.defaults());
    }

    /**
     * A runner on this one's pool that reads CSV batches within {@code limits} (the service's
     * configured column and cell limits) instead of the defaults. Closing it does not close the pool:
     * this runner still owns it.
     */
    public CheckRunner withCsvLimits(CsvOptions.Limits limits) {
        return new CheckRunner(executor, null, limits);
    }

    /** {@link #run(Path, Path, MonitorDefinition, CheckProgress)} without progress reports. */
    public CheckReport run(Path reference, Path current, MonitorDefinition monitor) {
        return run(reference, current, monitor, CheckProgress.NONE);
    }

    /**
     * Checks {@code current} against {@code reference} with {@code monitor}'s mapping and policy.
     *
     * @param reference a CSV or Arrow batch, or a profile written by {@code driftwatch profile}
     * @param current a CSV or Arrow batch
     * @param monitor the column mapping and drift policy ({@link MonitorDefinition#empty()} for
     *     Evidently's defaults); its {@code reference} field is not consulted
     * @throws io.driftwatch.DriftwatchException when an input cannot be read or the inputs do not line up
     */
    public CheckReport run(Path reference, Path current, MonitorDefinition monitor, CheckProgress progress) {
        return run(reference, reference.toString(), current, monitor, progress);
    }

    /**
     * {@link #run(Path, Path, MonitorDefinition, CheckProgress)} of a reference the user named
     * {@code referenceName} (a DVC-tracked file resolved to {@code reference} in the cache): reports
     * and titles say that name.
     */
    public CheckReport run(Path reference, String referenceName, Path current, MonitorDefinition monitor,
            CheckProgress progress) {
        requireReadable(reference);
        requireReadable(current);
        CsvOptions csv = monitor.csvOptions().withLimits(csvLimits);
        String shortName = Path.of(referenceName.replaceFirst("^dvc:", "")).getFileName().toString();
        String title = monitor.name().orElse(shortName + " vs " + current.getFileName());
        return check(() -> readReference(reference, csv), referenceName, shortName, current, current.toString(), title,
                monitor, progress);
    }

    /**
     * Checks {@code current} against a reference already reduced to {@code profile}: the service's
     * path, where a monitor's profile is built once and reused for every check, and the current batch
     * was parsed once when it was taken in.
     *
     * @param profile the reference profile
     * @param reference what the report says of the reference (its source names the dataset)
     * @param current the current batch's rows
     * @param currentBatch what the report and error messages say of the current batch (its source
     *     names it)
     * @param monitor the column mapping and drift policy; its {@code reference} field is not consulted
     * @throws io.driftwatch.DriftwatchException when the current batch does not line up
     */
    public CheckReport run(ReferenceProfile profile, BatchInfo reference, Table current, BatchInfo currentBatch,
            MonitorDefinition monitor) {
        Instant createdAt = Instant.now();
        long start = System.nanoTime();
        String title = monitor.name().orElse(reference.source() + " vs " + currentBatch.source());
        return analyse(new Reference(null, profile, reference.format(), reference.sha256()), reference.source(),
                current, currentBatch, title, monitor, CheckProgress.NONE, createdAt, start)
                .withReferenceLineage(reference.lineage());
    }

    /**
     * Checks the sketch profile {@code current} against the sketch profile {@code reference}: the columns must
     * line up as a batch's must (every problem named at once), then the drift tests run on the sketches
     * ({@link SketchDrift#section}); the analyses that need rows (model quality, integrity, estimate,
     * multivariate) are skipped, and the report says which and why. No data is touched.
     *
     * @param referenceInfo what the report says of the reference (its source names it)
     * @param currentInfo what the report and error messages say of the current batch
     * @param monitor the column mapping and drift policy; its {@code reference} field is not consulted
     * @throws SchemaMismatchException when the columns do not line up
     */
    public CheckReport runOnSketches(SketchProfile reference, BatchInfo referenceInfo, SketchProfile current,
            BatchInfo currentInfo, MonitorDefinition monitor) {
        Instant createdAt = Instant.now();
        long start = System.nanoTime();
        align(referenceInfo.source(), currentInfo.source(),
                new Reference(shapeOf(reference), null, referenceInfo.format(), referenceInfo.sha256()),
                shapeOf(current), sketchTypes(current, monitor), monitor);
        long aligned = System.nanoTime();
        DriftResult drift = SketchDrift.section(reference, current, monitor.declaredTypes(), monitor.ignored(),
                monitor.driftOptions());
        long analysed = System.nanoTime();
        Timings timings = new Timings(millis(start, aligned), millis(aligned, analysed), millis(start, analysed));
        return reportOnSketches(drift, current, referenceInfo, currentInfo, monitor, timings, createdAt);
    }

    /**
     * The report of a check on sketch profiles whose drift section ({@link SketchDrift#section}) is already
     * computed: titled by the monitor or by both sides' sources, with the current profile's column types and
     * the monitor's analyses that need rows listed as skipped. {@link #runOnSketches} builds its report with
     * it, and so does {@code check --sketch --report}, so both render the same HTML.
     *
     * @param current the current sketch profile the section was computed on
     * @param timings how long reading and testing took
     */
    public static CheckReport reportOnSketches(DriftResult drift, SketchProfile current, BatchInfo referenceInfo,
            BatchInfo currentInfo, MonitorDefinition monitor, Timings timings, Instant createdAt) {
        String title = monitor.name().orElse(referenceInfo.source() + " vs " + currentInfo.source());
        List<CheckReport.Skipped> skipped = new ArrayList<>();
        for (Analyses.OnRows a : Analyses.needingRows(monitor)) {
            skipped.add(new CheckReport.Skipped(a.section(), "it needs the batch's rows, and the check ran on sketch"
                    + " profiles (the monitor's " + a.field() + ": section)"));
        }
        return new CheckReport(title, Sections.of(drift), null, null, sketchTypes(current, monitor), monitor.roles(),
                referenceInfo, currentInfo, timings, createdAt, CheckReport.runningVersion(), skipped);
    }

    /** The type of each of {@code current}'s columns the monitor does not ignore ({@link SketchDrift#types}). */
    private static Map<String, ColumnType> sketchTypes(SketchProfile current, MonitorDefinition monitor) {
        return SketchDrift.types(current, monitor.declaredTypes(), monitor.ignored());
    }

    /** The names and physical types of {@code profile}'s columns, with no rows. */
    private static Table shapeOf(SketchProfile profile) {
        List<Column> columns = new ArrayList<>();
        for (ColumnSketch c : profile.columns()) {
            columns.add(c instanceof NumericSketch ? NumericColumn.wrap(c.name(), c.physicalType(), new double[0], 0)
                    : CategoricalColumn.wrap(c.name(), new int[0], 0, new String[0]));
        }
        return Table.of(columns);
    }

    /**
     * Checks {@code current} with no reference: only the monitor's analyses that need none run
     * (integrity and model quality, with Evidently's no-reference tests); drift is skipped, and the
     * report says so.
     *
     * @throws InvalidRequestException when the monitor asks for no analysis that runs without a
     *     reference
     * @throws io.driftwatch.DriftwatchException when the current batch cannot be read
     */
    public CheckReport runWithoutReference(Path current, MonitorDefinition monitor, CheckProgress progress) {
        requireReadable(current);
        if (Analyses.of(monitor, executor, false).isEmpty()) {
            throw new InvalidRequestException("reference", "a check without a reference runs only the analyses"
                    + " that need none (integrity: and model:), and the monitor asks for neither");
        }
        Instant createdAt = Instant.now();
        long start = System.nanoTime();
        progress.stage("reading " + current.getFileName(), 0, STAGES);
        Datasets.Dataset cur = Datasets.read(current, monitor.csvOptions().withLimits(csvLimits));
        Table currentTable = cur.table();
        BatchInfo currentBatch = new BatchInfo(current.toString(), cur.format().label(), currentTable.rowCount(),
                cur.sha256());
        String title = monitor.name().orElse(current.getFileName().toString());
        return analyse(null, null, currentTable, currentBatch, title, monitor, progress, createdAt, start);
    }

    private CheckReport check(Supplier<ReferenceFile> readReference, String referenceLabel, String referenceName,
            Path current, String currentLabel, String title, MonitorDefinition monitor, CheckProgress progress) {
        Instant createdAt = Instant.now();
        long start = System.nanoTime();
        CsvOptions csv = monitor.csvOptions().withLimits(csvLimits);

        progress.stage("reading " + referenceName + " and " + current.getFileName(), 0, STAGES);
        // Both read at once (small files are mostly fixed costs, which overlap), the reference
        // profiled as soon as it is read and its rows dropped then, before the analyses sort the
        // current batch's columns.
        CompletableFuture<Reference> ref = CompletableFuture.supplyAsync(readReference, executor)
                .thenApply(file -> profiled(file, referenceLabel, monitor));
        CompletableFuture<Datasets.Dataset> curFuture = CompletableFuture.supplyAsync(
                () -> Datasets.read(current, csv), executor);
        // Fail as soon as either read fails, without waiting for the other to finish parsing.
        CompletableFuture.anyOf(ref, curFuture).exceptionally(e -> null).join();
        if (curFuture.isCompletedExceptionally() && !ref.isDone()) {
            Parallelism.join(curFuture);
        }
        Reference referenceData = Parallelism.join(ref);
        Datasets.Dataset cur = Parallelism.join(curFuture);
        progress.stage("profiled the reference", 1, STAGES);
        Table currentTable = cur.table();
        BatchInfo currentBatch = new BatchInfo(currentLabel, cur.format().label(), currentTable.rowCount(),
                cur.sha256());
        return analyse(referenceData, referenceLabel, currentTable, currentBatch, title, monitor, progress, createdAt,
                start);
    }

    /**
     * Types and lines up the columns against the reference (already profiled), runs the
     * analyses; {@code referenceData} is null for a check without reference. A monitor whose
     * integrity analysis derives its conditions from the reference reports columns that do not line
     * up as findings (missing, new, changed type) instead of refusing the check: the drift analysis
     * then gives those columns error entries and tests the others.
     */
    private CheckReport analyse(Reference referenceData, String referenceLabel, Table currentTable,
            BatchInfo currentBatch, String title, MonitorDefinition monitor, CheckProgress progress, Instant createdAt,
            long start) {
        Map<String, ColumnType> types = types(currentTable, monitor);
        ReferenceProfile profile = null;
        if (referenceData != null) {
            if (!schemaChangesAreFindings(monitor)) {
                align(referenceLabel, currentBatch.source(), referenceData, currentTable, types, monitor);
            }
            profile = referenceData.profile;
        }
        long read = System.nanoTime();

        int tested = 0;
        for (ColumnType t : types.values()) {
            tested += t.isTested() ? 1 : 0;
        }
        progress.stage("testing " + tested + (tested == 1 ? " column" : " columns"), 2, STAGES);
        CheckData data = new CheckData(Optional.ofNullable(profile), currentTable, types);
        List<Analysis> analyses = Analyses.of(monitor, executor, profile != null);
        List<Section> sections = new ArrayList<>(analyses.size());
        for (Analysis analysis : analyses) {
            sections.add(analysis.run(data));
        }
        long analysed = System.nanoTime();
        progress.stage("done", STAGES, STAGES);

        BatchInfo referenceBatch = referenceData == null ? null
                : new BatchInfo(referenceLabel, referenceData.format, profile.rowCount(), referenceData.sha256);
        Timings timings = new Timings(millis(start, read), millis(read, analysed), millis(start, analysed));
        ColumnRoles roles = monitor.roles();
        return new CheckReport(title, Sections.of(sections), profile, currentTable, types, roles, referenceBatch,
                currentBatch,
                timings, createdAt, CheckReport.runningVersion());
    }

    /**
     * The profile of a reference: built from a CSV or Arrow batch (read with {@code monitor}'s
     * declared types; its dataset facts over the columns the monitor does not ignore), or read back
     * when the file already is a profile.
     *
     * @throws io.driftwatch.DriftwatchException when the file cannot be read
     */
    public static ReferenceProfile referenceProfile(Path reference, MonitorDefinition monitor) {
        return referenceProfile(reference, monitor, CsvOptions.Limits.defaults());
    }

    /** {@link #referenceProfile(Path, MonitorDefinition)} reading a CSV reference within {@code limits}. */
    public static ReferenceProfile referenceProfile(Path reference, MonitorDefinition monitor,
            CsvOptions.Limits limits) {
        ReferenceFile r = readReference(reference, monitor.csvOptions().withLimits(limits));
        if (r.profile != null) {
            return r.profile;
        }
        requireModelColumns(monitor, r.table, "reference " + reference);
        return keepingModelRows(ReferenceProfile.of(r.table, monitor.ignored(),
                java.util.concurrent.ForkJoinPool.commonPool()), r.table, monitor);
    }

    /**
     * The reference reduced to what a check needs: its profile (built here from a batch: the dataset
     * facts only when the integrity analysis reads them, the model's rows when there is a model) and
     * its columns' shape. A model column the batch lacks is the monitor's mistake, named at its
     * field's line, rather than one more column that does not line up.
     */
    private Reference profiled(ReferenceFile file, String label, MonitorDefinition monitor) {
        if (file.profile != null) {
            return new Reference(null, file.profile, file.format, file.sha256);
        }
        Table table = file.table;
        requireModelColumns(monitor, table, "reference " + label);
        // the table is this check's own and dropped after this: its columns can be sorted where they
        // are, but for the rows the model's analyses keep
        Set<String> kept = modelRowColumns(table, monitor);
        ReferenceProfile profile = ReferenceProfile.consuming(table, monitor.integrityOptions().isEmpty()
                ? ReferenceProfile.Facts.NONE : ReferenceProfile.Facts.ALL, monitor.ignored(), kept, executor);
        if (!kept.isEmpty()) {
            profile = profile.keepingRows(table, kept);
        }
        return new Reference(shapeOf(table), profile, file.format, file.sha256);
    }

    /** The names and physical types of {@code table}'s columns, with no rows. */
    private static Table shapeOf(Table table) {
        List<Column> columns = new ArrayList<>(table.columnCount());
        for (Column c : table.columns()) {
            columns.add(c instanceof NumericColumn ? NumericColumn.wrap(c.name(), c.physicalType(), new double[0], 0)
                    : CategoricalColumn.wrap(c.name(), new int[0], 0, new String[0]));
        }
        return Table.of(columns);
    }

    /**
     * {@code profile} keeping the reference's rows of the model's columns when the monitor has a model:
     * the quality analysis scores the reference from them.
     */
    public static ReferenceProfile keepingModelRows(ReferenceProfile profile, Table reference,
            MonitorDefinition monitor) {
        Set<String> names = modelRowColumns(reference, monitor);
        return names.isEmpty() ? profile : profile.keepingRows(reference, names);
    }

    /** The reference's columns whose rows the model's analyses read (quality, estimate, multivariate). */
    private static Set<String> modelRowColumns(Table reference, MonitorDefinition monitor) {
        Set<String> names = new LinkedHashSet<>();
        monitor.model().ifPresent(spec -> names.addAll(spec.columns()));
        List<String> candidates = featureCandidates(reference, monitor);
        monitor.model().ifPresent(spec -> monitor.estimateOptions().ifPresent(
                o -> names.addAll(EstimateAnalysis.referenceColumns(spec, o, candidates))));
        monitor.multivariateOptions().ifPresent(o -> names.addAll(MultivariateAnalysis.referenceColumns(o, candidates,
                Analyses.modelColumns(monitor))));
        return names;
    }

    /**
     * The reference's columns that may be features of the estimate (DLE) and multivariate analyses:
     * those the monitor neither ignores nor declares text or datetime, and that are not the model's.
     */
    private static List<String> featureCandidates(Table reference, MonitorDefinition monitor) {
        Set<String> excluded = new HashSet<>(monitor.ignored());
        excluded.addAll(monitor.text());
        monitor.datetime().ifPresent(excluded::add);
        excluded.addAll(Analyses.modelColumns(monitor));
        List<String> out = new ArrayList<>();
        for (Column c : reference.columns()) {
            if (!excluded.contains(c.name())) {
                out.add(c.name());
            }
        }
        return out;
    }

    /**
     * Refuses a reference that lacks a column the monitor's {@code model:} names, or whose
     * probabilities or regression values are not what the model says, pointing at the field's line.
     *
     * @throws InvalidMonitorException naming the monitor, the field's line and column, and the data's row
     */
    public static void requireModelColumns(MonitorDefinition monitor, Table reference, String referenceName) {
        if (monitor.model().isEmpty()) {
            return;
        }
        List<InvalidMonitorException.Problem> problems = new ArrayList<>();
        for (ModelColumns.Problem p : ModelColumns.problems(monitor.model().get(), reference, referenceName)) {
            problems.add(monitor.modelProblem(p.field(), p.message()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMonitorException(monitor.documentName(), problems);
        }
    }

    /**
     * What the reference file held: a batch ({@code table}) or a profile.
     */
    private record ReferenceFile(Table table, ReferenceProfile profile, String format, String sha256) {
    }

    /**
     * The reference as a check uses it: its profile, and the names and physical types of the batch
     * it was made from ({@code batchShape}, no rows), or null when it came as a profile.
     */
    private record Reference(Table batchShape, ReferenceProfile profile, String format, String sha256) {
        /** Names, physical types and nothing else: what {@link SchemaAlignment} compares. */
        Table shape() {
            if (batchShape != null) {
                return batchShape;
            }
            List<Column> columns = new ArrayList<>();
            for (ColumnProfile c : profile.columns()) {
                if (c instanceof NumericProfile) {
                    columns.add(NumericColumn.wrap(c.name(), c.physicalType(), new double[0], 0));
                } else if (c instanceof CategoricalProfile) {
                    columns.add(CategoricalColumn.wrap(c.name(), new int[0], 0, new String[0]));
                }
            }
            return Table.of(columns);
        }
    }

    private static void requireReadable(Path path) {
        if (!Files.exists(path)) {
            throw new UnreadableDatasetException(path + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw new UnreadableDatasetException(path + ": is a directory, not a file");
        }
        if (!Files.isReadable(path)) {
            throw new UnreadableDatasetException(path + ": cannot be read (permission denied)");
        }
    }

    private static ReferenceFile readReference(Path path, CsvOptions csv) {
        if (ReferenceProfile.looksLikeProfile(Datasets.head(path, 8))) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
                ReferenceProfile profile = ReferenceProfile.readFrom(in, path.toString());
                return new ReferenceFile(null, profile, "profile", Datasets.sha256(path));
            } catch (NoSuchFileException e) {
                throw new UnreadableDatasetException(path + ": no such file");
            } catch (IOException e) {
                throw new UnreadableDatasetException(path + ": cannot be read: " + e.getMessage(), e);
            }
        }
        Datasets.Dataset dataset = Datasets.read(path, csv);
        return new ReferenceFile(dataset.table(), null, dataset.format().label(), dataset.sha256());
    }


    /** Declared types where given, inferred otherwise; ignored columns left out (never tested). */
    private static Map<String, ColumnType> types(Table current, MonitorDefinition monitor) {
        Set<String> ignored = monitor.ignored();
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (Map.Entry<String, ColumnType> e : TypeInference.infer(current, monitor.declaredTypes()).entrySet()) {
            if (!ignored.contains(e.getKey())) {
                types.put(e.getKey(), e.getValue());
            }
        }
        return types;
    }

    private static boolean schemaChangesAreFindings(MonitorDefinition monitor) {
        return monitor.integrityOptions().map(o -> o.tests() == IntegrityOptions.Tests.REFERENCE).orElse(false);
    }

    private static void align(String referenceLabel, String currentLabel, Reference reference, Table current,
            Map<String, ColumnType> types, MonitorDefinition monitor) {
        Table refShape = reference.shape();
        Map<String, ColumnType> withDeclared = new LinkedHashMap<>(types);
        monitor.declaredTypes().forEach(withDeclared::putIfAbsent);
        // a monitor that joins labels later checks batches of predictions: their target may be missing
        Set<String> mayMiss = new java.util.HashSet<>(monitor.ignored());
        if (monitor.modelId().isPresent()) {
            monitor.target().ifPresent(mayMiss::add);
        }
        List<SchemaAlignment.Problem> problems = new ArrayList<>(
                SchemaAlignment.problems(refShape, current, withDeclared, mayMiss));
        monitor.target().ifPresent(c -> roleMissing(c, "target", refShape, current, withDeclared, problems));
        monitor.prediction().ifPresent(c -> roleMissing(c, "prediction", refShape, current, withDeclared, problems));
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("reference ").append(referenceLabel).append(" and current ")
                .append(currentLabel).append(" do not line up:");
        for (SchemaAlignment.Problem p : problems) {
            message.append(System.lineSeparator()).append("  ").append(p.message());
        }
        throw new SchemaMismatchException(message.toString());
    }

    private static void roleMissing(String column, String role, Table reference, Table current,
            Map<String, ColumnType> declared, List<SchemaAlignment.Problem> problems) {
        if (!declared.containsKey(column) && reference.column(column).isEmpty() && current.column(column).isEmpty()) {
            problems.add(new SchemaAlignment.Problem(column, "the " + role + " column (columns." + role + ")",
                    "it in neither batch"));
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    /** Shuts down the pool this runner owns (if any); running checks finish first. */
    @Override
    public void close() {
        if (owned != null) {
            owned.shutdown();
        }
    }
}
