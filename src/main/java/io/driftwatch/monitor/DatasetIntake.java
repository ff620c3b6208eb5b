package io.driftwatch.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.driftwatch.data.ColumnType;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.Datasets;
import io.driftwatch.io.TypeInference;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.store.BlobStore;
import io.driftwatch.store.DatasetDao;
import io.driftwatch.store.DatasetRow;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Takes uploaded batches in: streams the body (gzip recognised by its magic bytes) into the
 * {@link BlobStore} while hashing it, reads it once to check that it is a readable CSV or Arrow
 * batch and to learn its schema, and records it. The same bytes uploaded twice give the same
 * dataset; a body that cannot be read is not kept.
 *
 * <p>Thread-safe.
 */
public final class DatasetIntake {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Dataset ids are this many hex digits of the content hash: 96 bits, collision-free in practice. */
    private static final int ID_LENGTH = 24;

    private final DatasetDao datasets;
    private final BlobStore blobs;
    private final long maxBytes;

    /**
     * @param maxBytes the largest dataset accepted, after decompression
     */
    public DatasetIntake(DatasetDao datasets, BlobStore blobs, long maxBytes) {
        this.datasets = datasets;
        this.blobs = blobs;
        this.maxBytes = maxBytes;
    }

    /**
     * Stores the batch in {@code body}.
     *
     * @throws UnreadableDatasetException when the body is not a readable CSV or Arrow batch
     * @throws io.driftwatch.store.BlobTooLargeException when it is larger than the limit
     */
    public Dataset ingest(InputStream body) {
        BlobStore.Blob blob;
        try {
            blob = blobs.put(BlobStore.Kind.DATASET, decompressed(body), maxBytes);
        } catch (java.util.zip.ZipException e) {
            throw new UnreadableDatasetException("the body starts like gzip but is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            throw new UnreadableDatasetException("the body could not be read: " + e.getMessage(), e);
        }
        Optional<DatasetRow> known = datasets.findBySha256(blob.sha256());
        if (known.isPresent()) {
            return dataset(known.get(), false);
        }
        if (blob.bytes() == 0) {
            deleteQuietly(blob);
            throw new UnreadableDatasetException("the body is empty: send a CSV or Arrow batch");
        }
        Datasets.Dataset read;
        try {
            read = Datasets.read(blob.path(), CsvOptions.defaults());
        } catch (UnreadableDatasetException e) {
            deleteQuietly(blob);
            throw new UnreadableDatasetException(e.getMessage().replace(blob.path().toString(), "the uploaded batch"), e);
        }
        Map<String, ColumnType> types = TypeInference.infer(read.table(), Map.of());
        List<Dataset.Column> columns = new ArrayList<>();
        types.forEach((name, type) -> columns.add(new Dataset.Column(name, type)));
        DatasetRow row = new DatasetRow(blob.sha256().substring(0, ID_LENGTH), blob.sha256(), read.format().label(),
                read.table().rowCount(), blob.bytes(), columnsJson(columns),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        boolean created = datasets.insertIfAbsent(row) == 1;
        DatasetRow stored = created ? row : datasets.findBySha256(blob.sha256()).orElseThrow();
        return dataset(stored, created);
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

    private static InputStream decompressed(InputStream body) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static void deleteQuietly(BlobStore.Blob blob) {
        try {
            Files.deleteIfExists(blob.path());
        } catch (IOException e) {
            // an unreferenced blob left behind costs disk, not correctness
        }
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
