package io.driftwatch.monitor.checks;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.Lineage;
import io.driftwatch.data.Table;
import io.driftwatch.io.ArrowFileWriter;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.CsvReader;
import io.driftwatch.io.DatasetLimitException;
import io.driftwatch.io.Datasets;
import io.driftwatch.io.Limit;
import io.driftwatch.io.TypeInference;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.io.lineage.DvcReference;
import io.driftwatch.io.lineage.MlflowReference;
import io.driftwatch.io.lineage.TrackedFile;
import io.driftwatch.monitor.InvalidRequestException;
import io.driftwatch.monitor.NotFoundException;
import io.driftwatch.monitor.sources.SourceEnvironment;
import io.driftwatch.drift.SketchDrift;
import io.driftwatch.profile.ColumnSketch;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.store.BlobStore;
import io.driftwatch.store.BlobTooLargeException;
import io.driftwatch.store.DatasetDao;
import io.driftwatch.store.DatasetRow;
import io.driftwatch.store.S3Objects;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Takes uploaded batches in: streams the body (gzip recognised by its magic bytes) into the
 * {@link BlobStore} while hashing it, reads it once to check that it is a readable CSV, Arrow or Parquet
 * batch and to learn its schema, and records it. The same bytes uploaded twice give the same
 * dataset.
 *
 * <p>Limits ({@link Limits}): the body as sent, the batch once decompressed (a few kilobytes of gzip
 * can inflate to gigabytes, and parsing a CSV of n bytes can take up to about 12n bytes of heap),
 * the columns of a batch and the characters of a cell; a body past one is refused naming the limit
 * and its setting, as soon as the limit is passed (the body is not read further).
 *
 * <p>A body that is refused for any reason, or whose reading fails in any way (malformed, past a
 * limit, out of memory, the database gone), is not kept: the file this intake wrote is deleted, and
 * the store never leaves its temporary {@code .part} file behind.
 *
 * <p>Thread-safe.
 */
public final class DatasetIntake {
    /** The {@link Dataset#format()} of a dataset that is a sketch profile. */
    public static final String SKETCH_FORMAT = "sketch";

    /**
     * What the sender says a body is: anything this intake reads, told by its bytes (a sketch profile by its
     * magic {@code DWSKETCH}, gzip by its own); or a sketch profile, refused with a specific message when the
     * bytes are not one.
     */
    public enum Declared {
        /** A CSV, Arrow or Parquet batch or a sketch profile, told by its first bytes. */
        BY_CONTENT,
        /** A sketch profile (docs/sketch-profile.md). */
        SKETCH_PROFILE
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Dataset ids are this many hex digits of the content hash: 96 bits, collision-free in practice. */
    private static final int ID_LENGTH = 24;
    private static final int BUFFER = 1 << 16;

    /**
     * What an uploaded batch may be and hold.
     *
     * @param body the most bytes of the body as sent (compressed or not)
     * @param decompressed the most bytes of the batch once decompressed; applies to a body sent
     *     uncompressed too, since it bounds what is parsed
     * @param csv the most columns and the longest cell a batch may have
     */
    public record Limits(Limit body, Limit decompressed, CsvOptions.Limits csv) {
        public Limits {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(decompressed, "decompressed");
            Objects.requireNonNull(csv, "csv");
        }

        /**
         * {@code maxBytes} as sent and once decompressed (both named {@code api.maxBodySize}), and the
         * reader's default column and cell limits.
         */
        public static Limits ofBodySize(long maxBytes) {
            Limit body = new Limit(maxBytes, "api.maxBodySize");
            return new Limits(body, body, CsvOptions.Limits.defaults());
        }
    }

    private final DatasetDao datasets;
    private final BlobStore blobs;
    private final Limits limits;
    private final Timer reads;

    /**
     * @param maxBytes the largest dataset accepted, as sent and after decompression
     */
    public DatasetIntake(DatasetDao datasets, BlobStore blobs, long maxBytes) {
        this(datasets, blobs, Limits.ofBodySize(maxBytes), new MetricRegistry());
    }

    /**
     * @param metrics where the {@code datasets.read} timer goes: one event per batch parsed, with its
     *     time (a check of a posted batch reads it once)
     */
    public DatasetIntake(DatasetDao datasets, BlobStore blobs, Limits limits, MetricRegistry metrics) {
        this.datasets = datasets;
        this.blobs = blobs;
        this.limits = limits;
        this.reads = metrics.timer(MetricRegistry.name("datasets", "read"));
    }

    /**
     * The column and cell limits every read of an ingested batch applies (checks, profiles, chunks),
     * so that a batch accepted here reads there too.
     */
    public CsvOptions.Limits csvLimits() {
        return limits.csv();
    }

    /**
     * Stores the batch in {@code body}, read with the default options to learn its schema (the table
     * is not kept).
     *
     * @throws UnreadableDatasetException when the body is not a readable CSV, Arrow or Parquet batch; a
     *     {@link DatasetLimitException} when it has too many columns or too long a cell
     * @throws io.driftwatch.store.BlobTooLargeException when it is larger than a size limit, as sent
     *     or once decompressed
     */
    public Dataset ingest(InputStream body) {
        return take(body, null, Declared.BY_CONTENT).dataset();
    }

    /**
     * {@link #ingest(InputStream)} of a body its sender declares to be {@code declared}; a sketch profile is
     * stored as a dataset of format {@value #SKETCH_FORMAT} whose rows and columns are the profile's.
     *
     * @throws UnreadableDatasetException also when a body declared a sketch profile is not one, or a sketch
     *     profile is not valid (truncated, corrupt, counts that do not add up), saying what is wrong where
     */
    public Dataset ingest(InputStream body, Declared declared) {
        return take(body, null, declared).dataset();
    }

    /**
     * Stores the batch in {@code body} to be checked, and returns it with the table it was parsed into,
     * read once with {@code options} (a monitor's declared numerical and text columns). A batch that
     * reads with the default options but not with {@code options} is stored all the same and comes
     * back without a table, with the reason (its check fails with it, naming the dataset).
     *
     * @throws UnreadableDatasetException when the body is not a readable CSV, Arrow or Parquet batch at all
     *     (nothing is stored); a {@link DatasetLimitException} when it has too many columns or too
     *     long a cell
     * @throws io.driftwatch.store.BlobTooLargeException when it is larger than a size limit
     */
    public Batch ingest(InputStream body, CsvOptions options) {
        return take(body, Objects.requireNonNull(options, "options"), Declared.BY_CONTENT);
    }

    /**
     * {@link #ingest(InputStream, CsvOptions)} of a body its sender declares to be {@code declared}: a sketch
     * profile comes back as a {@link Batch} holding the profile ({@link Batch#sketch()}), not a table.
     *
     * @throws UnreadableDatasetException also when a body declared a sketch profile is not one, or a sketch
     *     profile is not valid (nothing is stored)
     */
    public Batch ingest(InputStream body, CsvOptions options, Declared declared) {
        return take(body, Objects.requireNonNull(options, "options"), declared);
    }

    /**
     * Parses the stored {@code dataset} with {@code options}.
     *
     * @return the batch, with the reason instead of a table when it cannot be read with {@code options}
     *     (errors name the dataset, never the file it is stored in on this server)
     */
    public Batch load(Dataset dataset, CsvOptions options) {
        if (dataset.isSketchProfile()) {
            try {
                return Batch.sketched(dataset, sketch(blobs.path(BlobStore.Kind.DATASET, dataset.sha256()),
                        "dataset " + dataset.id()));
            } catch (UnreadableDatasetException e) {
                return Batch.unreadable(dataset, e);
            }
        }
        try {
            return Batch.read(dataset, read(blobs.path(BlobStore.Kind.DATASET, dataset.sha256()), options,
                    "dataset " + dataset.id()).table());
        } catch (UnreadableDatasetException e) {
            return Batch.unreadable(dataset, e);
        }
    }

    /**
     * Stores {@code table} (a chunk of a batch already read) as a dataset of its own, written as an
     * Arrow file so that every column keeps its type exactly; the table is not read again.
     */
    public Batch store(Table table) {
        BlobStore.Blob blob;
        try {
            blob = blobs.write(BlobStore.Kind.DATASET, out -> ArrowFileWriter.write(table, out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a chunk of a batch", e);
        }
        boolean keep = false;
        try {
            Dataset dataset = record(blob, Datasets.Format.ARROW_FILE.label(), table);
            keep = true;
            return Batch.read(dataset, table);
        } finally {
            if (!keep) {
                blobs.discard(blob);
            }
        }
    }

    /**
     * Stores the body and reads it once: with {@code options} when given (the batch is to be checked),
     * with the defaults otherwise.
     */
    private Batch take(InputStream body, CsvOptions options, Declared declared) {
        BlobStore.Blob blob = store(body);
        boolean keep = false;
        try {
            Optional<DatasetRow> known = datasets.findBySha256(blob.sha256());
            if (known.isPresent()) {
                Dataset dataset = dataset(known.get(), false);
                if (declared == Declared.SKETCH_PROFILE && !dataset.isSketchProfile()) {
                    throw notASketch(blob);
                }
                keep = true;
                // the same bytes were taken in before: read them now when they are to be checked
                return options == null ? Batch.notRead(dataset) : load(dataset, options);
            }
            if (blob.bytes() == 0) {
                throw new UnreadableDatasetException(declared == Declared.SKETCH_PROFILE
                        ? "the body is empty: send a sketch profile (driftwatch profile --sketch writes one)"
                        : "the body is empty: send a CSV, Arrow or Parquet batch");
            }
            boolean sketch = SketchProfile.looksLikeSketchProfile(Datasets.head(blob.path(), 8));
            if (declared == Declared.SKETCH_PROFILE && !sketch) {
                throw notASketch(blob);
            }
            if (sketch) {
                SketchProfile profile = sketch(blob.path(), "the uploaded sketch profile (" + blob.bytes() + " bytes)");
                Dataset dataset = recordSketch(blob, profile);
                keep = true;
                return options == null ? Batch.notRead(dataset) : Batch.sketched(dataset, profile);
            }
            if (options == null) {
                Datasets.Dataset read = read(blob.path(), CsvOptions.defaults(), "the uploaded batch");
                Dataset dataset = record(blob, read.format().label(), read.table());
                keep = true;
                return Batch.read(dataset, read.table());
            }
            Datasets.Dataset read;
            try {
                read = read(blob.path(), options, "the uploaded batch");
            } catch (DatasetLimitException e) {
                throw e;
            } catch (UnreadableDatasetException e) {
                // kept all the same when it reads with the defaults, so that its failed check names a dataset
                Datasets.Dataset plain = read(blob.path(), CsvOptions.defaults(), "the uploaded batch");
                Dataset dataset = record(blob, plain.format().label(), plain.table());
                keep = true;
                return Batch.unreadable(dataset, new UnreadableDatasetException(e.getMessage()
                        .replace("the uploaded batch", "dataset " + dataset.id()), e));
            }
            Dataset dataset = record(blob, read.format().label(), read.table());
            keep = true;
            return Batch.read(dataset, read.table());
        } finally {
            if (!keep) {
                // whatever went wrong (bad bytes, a limit, no memory, no database), no dataset refers to the file
                blobs.discard(blob);
            }
        }
    }

    /**
     * Reads the sketch profile in {@code file}.
     *
     * @param name what error messages call it
     * @throws UnreadableDatasetException saying what is wrong and where (the magic, the version, the checksum,
     *     a column's counts or sketch)
     */
    private static SketchProfile sketch(Path file, String name) {
        try (InputStream in = new BufferedInputStream(java.nio.file.Files.newInputStream(file), BUFFER)) {
            return SketchProfile.readFrom(in, name);
        } catch (ReferenceProfile.InvalidProfileException e) {
            throw new UnreadableDatasetException(e.getMessage() + " (a sketch profile is the magic DWSKETCH, the"
                    + " format version, the settings, the row count, the columns, then the CRC-32 of every byte"
                    + " before it in the last 4 bytes: docs/sketch-profile.md)", e);
        } catch (IOException e) {
            throw new UnreadableDatasetException(name + " could not be read: " + e.getMessage(), e);
        }
    }

    /** A body declared a sketch profile that does not start like one: what it starts with instead. */
    private static UnreadableDatasetException notASketch(BlobStore.Blob blob) {
        byte[] head = Datasets.head(blob.path(), 8);
        StringBuilder hex = new StringBuilder();
        for (byte b : head) {
            hex.append(String.format(java.util.Locale.ROOT, "%02x", b & 0xff));
        }
        return new UnreadableDatasetException("the body was declared a sketch profile but is not one: a sketch"
                + " profile starts with the 8 bytes 'DWSKETCH' (hex 4457534b45544348, docs/sketch-profile.md),"
                + " this body (" + blob.bytes() + " bytes) starts with hex " + hex
                + "; send a CSV, Arrow or Parquet batch with its own Content-Type");
    }

    /**
     * Records the stored blob, a sketch profile, as a dataset of format {@value #SKETCH_FORMAT}: the profile's
     * rows, and its columns with the types Evidently's rules give them on a sketch.
     */
    private Dataset recordSketch(BlobStore.Blob blob, SketchProfile profile) {
        List<Dataset.Column> columns = new ArrayList<>();
        for (ColumnSketch c : profile.columns()) {
            columns.add(new Dataset.Column(c.name(), SketchDrift.infer(c)));
        }
        return recordRow(blob, SKETCH_FORMAT, profile.rowCount(), columns);
    }

    /** Records the stored blob as a dataset with the types Evidently's rules infer for {@code table}. */
    private Dataset record(BlobStore.Blob blob, String format, Table table) {
        Map<String, ColumnType> types = TypeInference.infer(table, Map.of());
        List<Dataset.Column> columns = new ArrayList<>();
        types.forEach((name, type) -> columns.add(new Dataset.Column(name, type)));
        return recordRow(blob, format, table.rowCount(), columns);
    }

    private Dataset recordRow(BlobStore.Blob blob, String format, long rows, List<Dataset.Column> columns) {
        DatasetRow row = new DatasetRow(blob.sha256().substring(0, ID_LENGTH), blob.sha256(), format,
                rows, blob.bytes(), columnsJson(columns), Instant.now().truncatedTo(ChronoUnit.MICROS));
        boolean created = datasets.insertIfAbsent(row) == 1;
        DatasetRow stored = created ? row : datasets.findBySha256(blob.sha256()).orElseThrow();
        return dataset(stored, created);
    }

    /** Streams the body into the store within the size limits. */
    private BlobStore.Blob store(InputStream body) {
        Capped sent = new Capped(body, limits.body(), "the body is larger than the limit of "
                + limits.body().max() + " bytes" + limits.body().settingSuffix());
        boolean gzip = false;
        try {
            BufferedInputStream in = new BufferedInputStream(sent, BUFFER);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            gzip = b0 == 0x1f && b1 == 0x8b;
            Limit inflated = limits.decompressed();
            InputStream content = gzip
                    ? new Capped(new GZIPInputStream(in, BUFFER), inflated, "the body decompresses to more than "
                            + inflated.describeSize("bytes") + ", the most a batch may hold once decompressed"
                            + inflated.settingSuffix())
                    : new Capped(in, inflated, "the body is larger than " + inflated.describeSize("bytes")
                            + ", the most a batch may hold once decompressed" + inflated.settingSuffix());
            return blobs.put(BlobStore.Kind.DATASET, content, Long.MAX_VALUE);
        } catch (EOFException e) {
            if (gzip) {
                throw new UnreadableDatasetException("the uploaded batch (" + sent.count() + " bytes): "
                        + CsvReader.TRUNCATED_GZIP, e);
            }
            throw new UnreadableDatasetException("the body could not be read: it ended early (" + sent.count()
                    + " bytes received)", e);
        } catch (ZipException e) {
            throw new UnreadableDatasetException("the body starts like gzip but is not valid gzip: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new UnreadableDatasetException("the body could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a stored batch within the column and cell limits, timed by {@code datasets.read}; errors
     * name {@code label}, never the file.
     */
    private Datasets.Dataset read(Path file, CsvOptions options, String label) {
        Datasets.Dataset read;
        String path = file.toString();
        try (Timer.Context ignored = reads.time()) {
            read = Datasets.read(file, options.withLimits(limits.csv()));
        } catch (DatasetLimitException e) {
            throw new DatasetLimitException(e.getMessage().replace(path, label), e.limit(), e);
        } catch (UnreadableDatasetException e) {
            throw new UnreadableDatasetException(e.getMessage().replace(path, label), e);
        }
        Limit columns = limits.csv().maxColumns();
        if (read.table().columnCount() > columns.max()) {
            // CSV is refused while its header is read; Arrow and Parquet only now
            throw new DatasetLimitException(label + " has " + read.table().columnCount() + " columns, more than "
                    + columns.describe("columns") + ", the most a batch may have" + columns.settingSuffix(), columns);
        }
        return read;
    }

    /**
     * The bytes of another stream, refused with a {@link BlobTooLargeException} as soon as there are
     * more than a limit: the rest is not read.
     */
    private static final class Capped extends FilterInputStream {
        private final Limit limit;
        private final String refusal;
        private long count;

        Capped(InputStream in, Limit limit, String refusal) {
            super(in);
            this.limit = limit;
            this.refusal = refusal;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            counted(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void counted(long n) {
            count += n;
            if (count > limit.max()) {
                throw BlobTooLargeException.ofSetting(limit.max(), limit.setting(), refusal);
            }
        }
    }

    /**
     * Stores the batch a versioned reference names as a dataset, and records where it came from: a
     * DVC-tracked file ({@code dvc:PATH} or {@code PATH.dvc}, resolved to content verified against the
     * version's hash; the pointer must lie in one of the folders sources may read), or a registered
     * MLflow model's training dataset ({@code mlflow:models:/NAME@ALIAS}, through the tracking server
     * {@code sources} names; a local dataset source must lie in one of those folders). The same bytes
     * are the same dataset, and keep the lineage they were first registered with.
     *
     * @throws InvalidRequestException naming {@code reference} when {@code name} names no versioned
     *     file, or a DVC pointer outside the folders
     * @throws io.driftwatch.io.lineage.UnresolvableReferenceException when it cannot be resolved
     * @throws UnreadableDatasetException when that content is not a readable batch
     */
    public Dataset register(String name, SourceEnvironment sources) {
        List<Path> directories = sources.directories();
        TrackedFile tracked;
        // the client (made only if the reference is in S3) is closed once the content is resolved
        try (S3Objects.ReferenceStorage s3 = S3Objects.forReferences(sources.environment())) {
            if (DvcReference.names(name)) {
                Path pointer = real(Path.of(name.startsWith(DvcReference.PREFIX)
                        ? name.substring(DvcReference.PREFIX.length()) : name));
                if (!allowed(pointer, directories)) {
                    throw new InvalidRequestException("reference", pointer + " is outside the folders the service"
                            + " may read (sources.directories: " + directories + ")");
                }
                tracked = DvcReference.resolve(name, Path.of(""), s3, sources.temporaryDirectory());
            } else if (MlflowReference.names(name)) {
                tracked = MlflowReference.fromEnvironment(sources.environment()).resolve(name,
                        sources.temporaryDirectory(), local -> allowed(real(local), directories), s3);
            } else {
                throw new InvalidRequestException("reference", "'" + name + "' names no versioned file: give a"
                        + " DVC-tracked file as dvc:PATH or PATH.dvc, or a registered MLflow model as"
                        + " mlflow:models:/NAME@ALIAS (a plain batch is uploaded as the request's body)");
            }
        }
        Dataset dataset;
        try (InputStream in = java.nio.file.Files.newInputStream(tracked.file())) {
            dataset = ingest(in);
        } catch (IOException e) {
            throw new UnreadableDatasetException(name + ": cannot be read: " + e.getMessage(), e);
        } finally {
            if (tracked.temporary()) {
                try {
                    java.nio.file.Files.deleteIfExists(tracked.file());
                } catch (IOException e) {
                    tracked.file().toFile().deleteOnExit();
                }
            }
        }
        datasets.insertLineageIfAbsent(dataset.id(), lineageJson(tracked.lineage()),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        return dataset;
    }

    private static boolean allowed(Path path, List<Path> directories) {
        for (Path d : directories) {
            if (path.startsWith(real(d))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code path} with its symbolic links resolved as far as it exists (a tracked output need not be
     * checked out), so that a link cannot lead out of the folders the service may read.
     */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !java.nio.file.Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    /** Where dataset {@code id}'s bytes came from, when it was registered through a versioned reference. */
    public Optional<Lineage> lineage(String id) {
        return datasets.lineage(id).map(DatasetIntake::lineageOf);
    }

    private static String lineageJson(Lineage lineage) {
        com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode().put("system", lineage.system());
        lineage.facts().forEach(node::put);
        return node.toString();
    }

    private static Lineage lineageOf(String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(json);
            Map<String, String> facts = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : node.properties()) {
                if (!e.getKey().equals("system")) {
                    facts.put(e.getKey(), e.getValue().asText());
                }
            }
            return new Lineage(node.path("system").asText(), facts);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a stored dataset lineage is not JSON", e);
        }
    }

    /**
     * The dataset with id {@code id}.
     *
     * @throws NotFoundException when there is none
     */
    public Dataset find(String id, String field) {
        return datasets.find(id).map(r -> dataset(r, false))
                .orElseThrow(() -> new NotFoundException("dataset", id, field));
    }

    private static String columnsJson(List<Dataset.Column> columns) {
        ArrayNode array = JSON.createArrayNode();
        for (Dataset.Column c : columns) {
            array.addObject().put("name", c.name()).put("type", c.type().label());
        }
        return array.toString();
    }

    static Dataset dataset(DatasetRow row, boolean created) {
        List<Dataset.Column> columns = new ArrayList<>();
        try {
            for (var node : JSON.readTree(row.columns())) {
                columns.add(new Dataset.Column(node.get("name").asText(),
                        ColumnType.fromLabel(node.get("type").asText())));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the stored schema of dataset " + row.id() + " is not JSON", e);
        }
        return new Dataset(row.id(), row.sha256(), row.format(), row.rowCount(), row.byteCount(), columns,
                row.createdAt(), created);
    }
}
