package io.driftwatch.monitor.checks;

import io.driftwatch.monitor.ConflictException;
import io.driftwatch.monitor.NotFoundException;
import io.driftwatch.monitor.definitions.ChunkSpec;
import io.driftwatch.monitor.definitions.InvalidMonitorException;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.monitor.definitions.Policy;
import io.driftwatch.monitor.definitions.ReferenceVersion;
import io.driftwatch.monitor.policy.Receivers;
import io.driftwatch.io.Datasets;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import io.driftwatch.store.BlobStore;
import io.driftwatch.store.ReportStore;
import io.driftwatch.store.CheckDao;
import io.driftwatch.store.DatasetDao;
import io.driftwatch.store.MonitorDao;
import io.driftwatch.store.MonitorRow;
import io.driftwatch.store.ProfileRow;
import io.driftwatch.store.ReferenceVersionDao;
import io.driftwatch.store.ReferenceVersionRow;
import io.driftwatch.monitor.sources.SourceEnvironment;
import io.driftwatch.monitor.sources.Sources;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The monitors the service keeps: creates them from a definition (validated against the reference
 * dataset it names, whose profile is built and stored once), replaces, deletes, finds and lists
 * them, and hands out their reference profiles (read from the store once, then kept in memory) and, for
 * checks on sketch profiles, their references as sketch profiles (a sketch reference as it is; an exact
 * one sketched once and stored beside its profile).
 *
 * <p>Thread-safe.
 */
public final class MonitorCatalog {
    /** Names become URL path segments and file names: keep them to a safe alphabet. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final int CACHED_PROFILES = 8;

    private final MonitorDao monitors;
    private final DatasetDao datasets;
    private final CheckDao checks;
    private final DatasetIntake intake;
    private final BlobStore blobs;
    private final ReportStore reports;
    private final Receivers receivers;
    private final ReferenceVersionDao versions;
    private final SourceEnvironment sources;
    private final Map<String, Monitor> parsed = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, SketchProfile> sketches = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SketchProfile> eldest) {
                    return size() > CACHED_PROFILES;
                }
            });
    private final Map<String, ReferenceProfile> profiles = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ReferenceProfile> eldest) {
                    return size() > CACHED_PROFILES;
                }
            });

    /**
     * @param sources what the service lets monitors' sources use (checked when a monitor is created or updated)
     */
    public MonitorCatalog(MonitorDao monitors, DatasetDao datasets, CheckDao checks, ReferenceVersionDao versions,
            DatasetIntake intake, BlobStore blobs, ReportStore reports, Receivers receivers,
            SourceEnvironment sources) {
        this.receivers = receivers;
        this.versions = versions;
        this.sources = sources;
        this.monitors = monitors;
        this.datasets = datasets;
        this.checks = checks;
        this.intake = intake;
        this.blobs = blobs;
        this.reports = reports;
    }

    /**
     * Creates a monitor from a definition whose {@code name} becomes its id and whose
     * {@code reference} is the id of an uploaded dataset.
     *
     * @param mediaType {@code application/json} or {@code application/yaml}
     * @throws InvalidMonitorException naming the field when the definition is not valid for its reference
     * @throws ConflictException when a monitor of that name exists
     */
    public Monitor create(String text, String mediaType) {
        Validated v = validate(text);
        String profile = storeProfile(v);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        MonitorRow row = new MonitorRow(v.name, text, mediaType, v.reference.id(), profile, 1, now, now);
        if (monitors.insertIfAbsent(row) == 0) {
            throw new ConflictException("a monitor named '" + v.name + "' exists already; PUT to "
                    + "/api/v1/monitors/" + v.name + " replaces it", "name");
        }
        Monitor monitor = monitor(row);
        currentReference(monitor);
        return monitor;
    }

    /**
     * Replaces monitor {@code id}'s definition (its name must stay {@code id}).
     *
     * @throws NotFoundException when there is no such monitor
     * @throws InvalidMonitorException naming the field when the definition is not valid
     * @throws ConflictException when another request changed the monitor meanwhile
     */
    public Monitor update(String id, String text, String mediaType) {
        MonitorRow current = monitors.find(id).orElseThrow(() -> new NotFoundException("monitor", id, "id"));
        Validated v = validate(text);
        if (!v.name.equals(id)) {
            throw invalid("name", "is '" + v.name + "' but the monitor is '" + id
                    + "': a monitor cannot be renamed; create a new one instead");
        }
        String profile = storeProfile(v);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (monitors.update(id, current.version(), text, mediaType, v.reference.id(), profile, now) == 0) {
            throw new ConflictException("monitor '" + id + "' was changed or deleted by another request; "
                    + "read it again and retry", "version");
        }
        Monitor monitor = find(id);
        currentReference(monitor);
        return monitor;
    }

    /**
     * Deletes monitor {@code id} with its checks and their reports.
     *
     * @throws NotFoundException when there is no such monitor
     */
    public void delete(String id) {
        List<String> files = checks.reportFiles(id);
        if (monitors.delete(id) == 0) {
            throw new NotFoundException("monitor", id, "id");
        }
        for (String report : files) {
            reports.delete(report); // one left behind costs storage only; the check it belonged to is gone
        }
    }

    /**
     * The monitor with id {@code id}.
     *
     * @throws NotFoundException when there is none
     */
    public Monitor find(String id) {
        return monitors.find(id).map(MonitorCatalog::monitor)
                .orElseThrow(() -> new NotFoundException("monitor", id, "id"));
    }

    /**
     * Every monitor with a schedule. Definitions are parsed once per version (the scheduler asks every
     * second).
     */
    public List<Monitor> scheduled() {
        List<Monitor> out = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (MonitorRow row : monitors.list()) {
            present.add(row.id());
            Monitor cached = parsed.get(row.id());
            if (cached == null || cached.version() != row.version()) {
                cached = monitor(row);
                parsed.put(row.id(), cached);
            }
            if (cached.definition().schedule().isPresent()) {
                out.add(cached);
            }
        }
        parsed.keySet().retainAll(present);
        return out;
    }

    /** Every monitor, by id. */
    public List<Monitor> list() {
        List<Monitor> all = new ArrayList<>();
        for (MonitorRow row : monitors.list()) {
            all.add(monitor(row));
        }
        return all;
    }

    /** The reference profile of {@code monitor}, read from the store the first time. */
    ReferenceProfile profile(Monitor monitor) {
        return profile(monitor.profileSha256(), monitor.id());
    }

    /** The reference profile with hash {@code sha256} (a version of monitor {@code monitorId}'s reference). */
    ReferenceProfile profile(String sha256, String monitorId) {
        ReferenceProfile cached = profiles.get(sha256);
        if (cached != null) {
            return cached;
        }
        Path file = blobs.path(BlobStore.Kind.PROFILE, sha256);
        ReferenceProfile profile;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            profile = ReferenceProfile.readFrom(in, "profile of monitor " + monitorId);
        } catch (IOException e) {
            throw new UncheckedIOException("the reference profile of monitor " + monitorId + " cannot be read from "
                    + file, e);
        }
        if (profile.facts().isEmpty()) {
            profile = withFacts(profile, sha256, monitorId);
        }
        profiles.put(sha256, profile);
        return profile;
    }

    /**
     * The reference of {@code reference} (a version of {@code monitor}'s) as a sketch profile, for a check on
     * sketches: the reference itself when it is a sketch profile; otherwise the sketch made from its dataset
     * (read with the monitor's declared columns, {@link SketchSettings#defaults()}) the first time one is asked
     * for, stored beside its exact profile and reused from then on, across restarts; kept in memory once read.
     *
     * @throws UnreadableDatasetException when the reference dataset cannot be read with the monitor's columns
     */
    SketchProfile referenceSketch(ReferenceVersion reference, Monitor monitor) {
        String sha = reference.profileSha256();
        SketchProfile cached = sketches.get(sha);
        if (cached != null) {
            return cached;
        }
        Path file = blobs.path(BlobStore.Kind.PROFILE, sha);
        SketchProfile sketch;
        if (SketchProfile.looksLikeSketchProfile(Datasets.head(file, 8))) {
            sketch = readSketch(file, monitor.id());
        } else {
            Optional<String> stored = datasets.findSketch(sha);
            sketch = stored.isPresent() ? readSketch(blobs.path(BlobStore.Kind.PROFILE, stored.get()), monitor.id())
                    : sketchOfReference(sha, reference, monitor);
        }
        sketches.put(sha, sketch);
        return sketch;
    }

    /** Sketches the exact reference dataset of {@code reference} and records it beside the profile {@code sha}. */
    private SketchProfile sketchOfReference(String sha, ReferenceVersion reference, Monitor monitor) {
        Dataset dataset = intake.find(reference.datasetId(), "reference");
        Batch batch = intake.load(dataset, monitor.definition().csvOptions());
        if (batch.unreadable() != null) {
            throw batch.unreadable();
        }
        SketchProfile sketch = SketchProfile.of(batch.table(), SketchSettings.defaults());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String sketchSha = storeSketch(sketch, dataset.id(), now);
        if (datasets.insertSketchIfAbsent(sha, sketchSha, now) == 0) {
            // another check (or replica) sketched it first: use that one, so every check sees the same sketch
            String first = datasets.findSketch(sha).orElseThrow();
            if (!first.equals(sketchSha)) {
                return readSketch(blobs.path(BlobStore.Kind.PROFILE, first), monitor.id());
            }
        }
        return sketch;
    }

    /** Stores {@code sketch} as a profile file made from dataset {@code datasetId}; returns its hash. */
    private String storeSketch(SketchProfile sketch, String datasetId, Instant now) {
        BlobStore.Blob blob;
        try {
            blob = blobs.write(BlobStore.Kind.PROFILE, sketch::writeTo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the reference sketch profile", e);
        }
        datasets.insertProfileIfAbsent(new ProfileRow(blob.sha256(), datasetId, sketch.rowCount(), blob.bytes(), now));
        return blob.sha256();
    }

    private static SketchProfile readSketch(Path file, String monitorId) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return SketchProfile.readFrom(in, "the reference sketch profile of monitor " + monitorId);
        } catch (IOException e) {
            throw new UncheckedIOException("the reference sketch profile of monitor " + monitorId
                    + " cannot be read from " + file, e);
        }
    }

    /**
     * A profile stored by a Driftwatch before profiles held the dataset facts (format version 1),
     * built again from its reference dataset with the monitor's definition; kept in memory only (the
     * stored file and its hash stay what the monitor's versions name). The old profile when the
     * dataset or monitor is gone or the dataset cannot be read: the integrity analysis then says
     * the reference's facts are missing.
     */
    private ReferenceProfile withFacts(ReferenceProfile old, String sha256, String monitorId) {
        Optional<Dataset> dataset = datasets.findProfile(sha256)
                .flatMap(row -> datasets.find(row.datasetId()))
                .map(r -> DatasetIntake.dataset(r, false));
        Optional<MonitorRow> monitor = monitors.find(monitorId);
        if (dataset.isEmpty() || monitor.isEmpty()) {
            return old;
        }
        MonitorDefinition definition = monitor(monitor.get()).definition();
        Batch batch = intake.load(dataset.get(), definition.csvOptions());
        if (batch.table() == null) {
            return old;
        }
        return CheckRunner.keepingModelRows(ReferenceProfile.of(batch.table(), definition.ignored(),
                java.util.concurrent.ForkJoinPool.commonPool()), batch.table(), definition);
    }

    /**
     * The version of {@code monitor}'s pinned reference (its reference dataset and current profile),
     * numbered when first asked for: version 1 at creation, a new one after an update that changed it.
     */
    public ReferenceVersion currentReference(Monitor monitor) {
        return numbered(monitor.id(), () -> versions.pinned(monitor.id(), monitor.profileSha256()),
                next -> new ReferenceVersionRow(monitor.id(), next, monitor.referenceId(), monitor.profileSha256(),
                        null, null, Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    /**
     * The version {@code find} finds, or else a new one numbered after the latest: another writer (a
     * replica) may take that number first, so the insert does nothing and the loop looks again.
     */
    private ReferenceVersion numbered(String monitorId, java.util.function.Supplier<Optional<ReferenceVersionRow>> find,
            java.util.function.IntFunction<ReferenceVersionRow> row) {
        for (int attempt = 0; attempt <= 10; attempt++) {
            Optional<ReferenceVersionRow> found = find.get();
            if (found.isPresent()) {
                return version(found.get());
            }
            versions.insertIfAbsent(row.apply(versions.latestVersion(monitorId) + 1));
        }
        throw new IllegalStateException("cannot number a reference version of monitor " + monitorId);
    }

    /**
     * The rolled reference version of {@code monitor} read over {@code [from, to)}, if it was built already.
     */
    public Optional<ReferenceVersion> rolledReference(Monitor monitor, Instant from, Instant to) {
        return versions.rolled(monitor.id(), from, to).map(MonitorCatalog::version);
    }

    /**
     * Profiles {@code dataset} with {@code monitor}'s definition and records it as the monitor's
     * reference over {@code [from, to)}, a new version (or the one another run recorded first).
     *
     * @throws InvalidMonitorException when the dataset cannot be profiled with the definition
     */
    public ReferenceVersion addRolledReference(Monitor monitor, Batch batch, Instant from, Instant to) {
        Dataset dataset = batch.dataset();
        String sha = storeProfile(new Validated(monitor.id(), monitor.definition(), dataset), batch);
        return numbered(monitor.id(), () -> versions.rolled(monitor.id(), from, to),
                next -> new ReferenceVersionRow(monitor.id(), next, dataset.id(), sha, from, to,
                        Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    /** Every version of the monitor's reference, newest first. */
    public List<ReferenceVersion> referenceVersions(String monitorId) {
        List<ReferenceVersion> all = new ArrayList<>();
        for (ReferenceVersionRow row : versions.list(monitorId)) {
            all.add(version(row));
        }
        return all;
    }

    /** What the service lets sources use. */
    public SourceEnvironment sources() {
        return sources;
    }

    private static ReferenceVersion version(ReferenceVersionRow row) {
        return new ReferenceVersion(row.version(), row.datasetId(), row.profileSha256(), row.windowStart(),
                row.windowEnd());
    }

    private record Validated(String name, MonitorDefinition definition, Dataset reference) {
    }

    private Validated validate(String text) {
        MonitorDefinition definition = MonitorDefinition.parse(text, "the request body");
        String name = definition.name().orElseThrow(() -> invalid("name",
                "is required: it is the monitor's id in URLs (letters, digits, '.', '_', '-')"));
        if (!NAME.matcher(name).matches()) {
            throw invalid("name", "'" + name + "' is not a valid monitor name: use 1 to 100 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        String referenceId = definition.reference().orElseThrow(() -> invalid("reference",
                "is required: the id of a dataset uploaded with POST /api/v1/datasets"));
        Optional<Dataset> reference = datasets.find(referenceId).map(r -> DatasetIntake.dataset(r, false));
        if (reference.isEmpty()) {
            throw invalid("reference", "no dataset with id '" + referenceId
                    + "': upload the reference with POST /api/v1/datasets and use the id it returns");
        }
        List<InvalidMonitorException.Problem> problems = unknownColumns(definition, reference.get());
        if (reference.get().isSketchProfile()) {
            for (Analyses.OnRows a : Analyses.needingRows(definition)) {
                problems.add(new InvalidMonitorException.Problem(a.field(), 0, 0, "the " + a.section() + " analysis"
                        + " needs the reference's rows, and the reference " + referenceId + " is a sketch profile:"
                        + " drift is the only analysis a sketch reference supports; remove " + a.field() + ": or"
                        + " give an exact reference (CSV, Arrow or Parquet)"));
            }
        }
        unknownReceivers(definition.policy(), problems);
        definition.source().ifPresent(spec -> {
            for (Sources.Problem p : Sources.problems(spec, sources)) {
                problems.add(new InvalidMonitorException.Problem(p.field(), 0, 0, p.message()));
            }
        });
        definition.chunks().filter(ChunkSpec::byTime).ifPresent(c -> single(problems, known(reference.get()),
                "chunks.column", c.column(), reference.get()));
        if (!problems.isEmpty()) {
            throw new InvalidMonitorException("the request body", problems);
        }
        return new Validated(name, definition, reference.get());
    }

    private static Set<String> known(Dataset reference) {
        Set<String> known = new HashSet<>();
        for (Dataset.Column c : reference.columns()) {
            known.add(c.name());
        }
        return known;
    }

    /** Every column the definition names that the reference does not have. */
    private static List<InvalidMonitorException.Problem> unknownColumns(MonitorDefinition d, Dataset reference) {
        Set<String> known = new HashSet<>();
        for (Dataset.Column c : reference.columns()) {
            known.add(c.name());
        }
        List<InvalidMonitorException.Problem> problems = new ArrayList<>();
        listed(problems, known, "columns.numerical", d.numerical(), reference);
        listed(problems, known, "columns.categorical", d.categorical(), reference);
        listed(problems, known, "columns.text", d.text(), reference);
        listed(problems, known, "columns.ignored", new ArrayList<>(d.ignored()), reference);
        d.datetime().ifPresent(c -> single(problems, known, "columns.datetime", c, reference));
        d.target().ifPresent(c -> single(problems, known, "columns.target", c, reference));
        d.prediction().ifPresent(c -> single(problems, known, "columns.prediction", c, reference));
        listed(problems, known, "alerts.when.columns", d.policy().alertWhen().columns(), reference);
        listed(problems, known, "retrain.when.columns", d.policy().retrainWhen().columns(), reference);
        for (String c : d.perColumn().keySet()) {
            single(problems, known, "drift.per_column." + c, c, reference);
        }
        return problems;
    }

    /** Every channel or trigger the policy names that the configuration does not declare. */
    private void unknownReceivers(Policy policy, List<InvalidMonitorException.Problem> problems) {
        for (int i = 0; i < policy.channels().size(); i++) {
            String name = policy.channels().get(i);
            if (!receivers.channelNames().contains(name)) {
                problems.add(new InvalidMonitorException.Problem("alerts.channels[" + i + "]", 0, 0, "unknown channel '"
                        + name + "'; the configuration declares " + (receivers.channelNames().isEmpty() ? "none"
                        : String.join(", ", receivers.channelNames())) + " (config.yml, channels:)"));
            }
        }
        for (int i = 0; i < policy.triggers().size(); i++) {
            String name = policy.triggers().get(i);
            if (!receivers.triggerNames().contains(name)) {
                problems.add(new InvalidMonitorException.Problem("retrain.triggers[" + i + "]", 0, 0, "unknown trigger '"
                        + name + "'; the configuration declares " + (receivers.triggerNames().isEmpty() ? "none"
                        : String.join(", ", receivers.triggerNames())) + " (config.yml, triggers:)"));
            }
        }
    }

    private static void listed(List<InvalidMonitorException.Problem> problems, Set<String> known, String field,
            List<String> columns, Dataset reference) {
        for (int i = 0; i < columns.size(); i++) {
            single(problems, known, field + "[" + i + "]", columns.get(i), reference);
        }
    }

    private static void single(List<InvalidMonitorException.Problem> problems, Set<String> known, String field,
            String column, Dataset reference) {
        if (!known.contains(column)) {
            problems.add(new InvalidMonitorException.Problem(field, 0, 0, "unknown column '" + column
                    + "': the reference dataset " + reference.id() + " has no such column"));
        }
    }

    private static InvalidMonitorException invalid(String field, String message) {
        return new InvalidMonitorException("the request body",
                List.of(new InvalidMonitorException.Problem(field, 0, 0, message)));
    }

    /** Builds the reference profile with the definition's declared types and stores it; returns its hash. */
    private String storeProfile(Validated v) {
        return storeProfile(v, intake.load(v.reference, v.definition.csvOptions()));
    }

    /** As {@link #storeProfile(Validated)}, from the reference's batch already read. */
    private String storeProfile(Validated v, Batch reference) {
        if (reference.sketch() != null) {
            // a sketch reference is its own profile: checks run on it as it is
            String sha = storeSketch(reference.sketch(), v.reference.id(), Instant.now().truncatedTo(ChronoUnit.MICROS));
            sketches.put(sha, reference.sketch());
            return sha;
        }
        if (reference.unreadable() != null) {
            throw invalid("columns", reference.unreadable().getMessage().replace("dataset " + v.reference.id(),
                    "reference " + v.reference.id()));
        }
        CheckRunner.requireModelColumns(v.definition, reference.table(), "reference " + v.reference.id());
        ReferenceProfile profile = CheckRunner.keepingModelRows(ReferenceProfile.of(reference.table(),
                v.definition.ignored(), java.util.concurrent.ForkJoinPool.commonPool()), reference.table(),
                v.definition);
        BlobStore.Blob blob;
        try {
            blob = blobs.write(BlobStore.Kind.PROFILE, profile::writeTo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the reference profile", e);
        }
        datasets.insertProfileIfAbsent(new ProfileRow(blob.sha256(), v.reference.id(), profile.rowCount(),
                blob.bytes(), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        profiles.put(blob.sha256(), profile);
        return blob.sha256();
    }

    private static Monitor monitor(MonitorRow row) {
        MonitorDefinition definition = MonitorDefinition.parse(row.definition(), "monitor " + row.id());
        return new Monitor(row.id(), row.version(), definition, row.definition(), row.mediaType(), row.referenceId(),
                row.profileSha256(), row.createdAt(), row.updatedAt());
    }
}
