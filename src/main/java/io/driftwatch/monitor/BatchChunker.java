package io.driftwatch.monitor;

import io.driftwatch.data.Chunks;
import io.driftwatch.data.Table;
import io.driftwatch.io.ArrowFileWriter;
import io.driftwatch.io.Datasets;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.monitor.source.TimeWindow;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a stored batch into chunks (by time or by row count, as a monitor's {@code chunks:} says) and
 * stores each chunk as a dataset of its own, written as an Arrow file so that every column keeps its
 * type exactly. Chunks by time are aligned to whole multiples of their length since the epoch, so
 * the same hour is the same chunk whichever batch it arrives in.
 *
 * <p>Thread-safe: stateless apart from its collaborators.
 */
final class BatchChunker {
    private final DatasetIntake intake;
    private final Path temporaryDirectory;

    BatchChunker(DatasetIntake intake, Path temporaryDirectory) {
        this.intake = intake;
        this.temporaryDirectory = temporaryDirectory;
    }

    /** One chunk, stored, with the window it covers. */
    record Chunk(Dataset dataset, TimeWindow window) {
    }

    /** The chunks in order, and the rows left out because their time was missing. */
    record Chunked(List<Chunk> chunks, int rowsWithoutTime) {
    }

    /**
     * Splits {@code dataset}. Row chunks all carry the batch's {@code window}.
     *
     * @throws UnreadableDatasetException when the chunk column is missing or holds no timestamps
     */
    Chunked split(Dataset dataset, MonitorDefinition definition, ChunkSpec spec, TimeWindow window) {
        Table table = Datasets.read(intake.file(dataset), definition.csvOptions().withLimits(intake.csvLimits()))
                .table();
        List<Chunk> out = new ArrayList<>();
        if (spec.byTime()) {
            Chunks.TimeChunking chunking;
            try {
                chunking = Chunks.byTime(table, spec.column(), spec.every().toMillis());
            } catch (IllegalArgumentException e) {
                throw new UnreadableDatasetException(e.getMessage(), e);
            }
            for (Chunks.TimeChunk chunk : chunking.chunks()) {
                out.add(new Chunk(store(Chunks.select(table, chunk.rows())),
                        new TimeWindow(chunk.from(), chunk.to())));
            }
            return new Chunked(out, chunking.rowsWithoutTime());
        }
        for (Chunks.RowChunk chunk : Chunks.byRows(table, spec.rows())) {
            out.add(new Chunk(store(Chunks.select(table, chunk.rows())), window));
        }
        return new Chunked(out, 0);
    }

    private Dataset store(Table chunk) {
        try {
            Path tmp = Files.createTempFile(temporaryDirectory, "chunk", ".arrow");
            try {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    ArrowFileWriter.write(chunk, out);
                }
                try (InputStream in = Files.newInputStream(tmp)) {
                    return intake.ingest(in);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a chunk in " + temporaryDirectory, e);
        }
    }
}
