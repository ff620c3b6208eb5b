package io.driftwatch.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.driftwatch.data.ColumnType;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.CsvReader;
import io.driftwatch.io.DatasetLimitException;
import io.driftwatch.io.Datasets;
import io.driftwatch.io.Limit;
import io.driftwatch.io.TypeInference;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.store.BlobStore;
import io.driftwatch.store.BlobTooLargeException;
import io.driftwatch.store.DatasetDao;
import io.driftwatch.store.DatasetRow;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * {@link BlobStore} while hashing it, reads it once to check that it is a readable CSV or Arrow
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

    /**
     * @param maxBytes the largest dataset accepted, as sent and after decompression
     */
    public DatasetIntake(DatasetDao datasets, BlobStore blobs, long maxBytes) {
        this(datasets, blobs, Limits.ofBodySize(maxBytes));
    }

    public DatasetIntake(DatasetDao datasets, BlobStore blobs, Limits limits) {
        this.datasets = datasets;
        this.blobs = blobs;
        this.limits = limits;
    }

    /**
     * The column and cell limits every later read of an ingested batch applies (checks, profiles,
     * chunks), so that a batch accepted here reads there too.
     */
    public CsvOptions.Limits csvLimits() {
        return limits.csv();
    }

    /**
     * Stores the batch in {@code body}.
     *
     * @throws UnreadableDatasetException when the body is not a readable CSV or Arrow batch; a
     *     {@link DatasetLimitException} when it has too many columns or too long a cell
     * @throws io.driftwatch.store.BlobTooLargeException when it is larger than a size limit, as sent
     *     or once decompressed
     */
    public Dataset ingest(InputStream body) {
        BlobStore.Blob blob = store(body);
        boolean keep = false;
        try {
            Optional<DatasetRow> known = datasets.findBySha256(blob.sha256());
            if (known.isPresent()) {
                keep = true;
                return dataset(known.get(), false);
            }
            if (blob.bytes() == 0) {
                throw new UnreadableDatasetException("the body is empty: send a CSV or Arrow batch");
            }
            Datasets.Dataset read = read(blob);
            Map<String, ColumnType> types = TypeInference.infer(read.table(), Map.of());
            List<Dataset.Column> columns = new ArrayList<>();
            types.forEach((name, type) -> columns.add(new Dataset.Column(name, type)));
            DatasetRow row = new DatasetRow(blob.sha256().substring(0, ID_LENGTH), blob.sha256(),
                    read.format().label(), read.table().rowCount(), blob.bytes(), columnsJson(columns),
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            boolean created = datasets.insertIfAbsent(row) == 1;
            DatasetRow stored = created ? row : datasets.findBySha256(blob.sha256()).orElseThrow();
            keep = true;
            return dataset(stored, created);
        } finally {
            if (!keep) {
                // whatever went wrong (bad bytes, a limit, no memory, no database), no dataset refers to the file
                blobs.discard(blob);
            }
        }
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

    /** Reads the stored batch within the column and cell limits; errors name "the uploaded batch", not the file. */
    private Datasets.Dataset read(BlobStore.Blob blob) {
        Datasets.Dataset read;
        String file = blob.path().toString();
        try {
            read = Datasets.read(blob.path(), CsvOptions.defaults().withLimits(limits.csv()));
        } catch (DatasetLimitException e) {
            throw new DatasetLimitException(e.getMessage().replace(file, "the uploaded batch"), e.limit(), e);
        } catch (UnreadableDatasetException e) {
            throw new UnreadableDatasetException(e.getMessage().replace(file, "the uploaded batch"), e);
        }
        Limit columns = limits.csv().maxColumns();
        if (read.table().columnCount() > columns.max()) {
            // CSV is refused while its header is read; Arrow only now
            throw new DatasetLimitException("the uploaded batch has " + read.table().columnCount()
                    + " columns, more than " + columns.describe("columns") + ", the most a batch may have"
                    + columns.settingSuffix(), columns);
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
     * The dataset with id {@code id}.
     *
     * @throws NotFoundException when there is none
     */
    public Dataset find(String id, String field) {
        return datasets.find(id).map(r -> dataset(r, false))
                .orElseThrow(() -> new NotFoundException("dataset", id, field));
    }

    /** Where the bytes of {@code dataset} are stored. */
    java.nio.file.Path file(Dataset dataset) {
        return blobs.path(BlobStore.Kind.DATASET, dataset.sha256());
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
