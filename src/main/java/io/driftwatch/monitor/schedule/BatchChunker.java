package io.driftwatch.monitor.schedule;

import io.driftwatch.data.Chunks;
import io.driftwatch.data.Table;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.monitor.checks.Batch;
import io.driftwatch.monitor.checks.DatasetIntake;
import io.driftwatch.monitor.definitions.ChunkSpec;
import io.driftwatch.monitor.sources.TimeWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a batch already read into chunks (by time or by row count, as a monitor's {@code chunks:}
 * says) and stores each chunk as a dataset of its own ({@link DatasetIntake#store}); each chunk is
 * checked on its table, never read again. Chunks by time are aligned to whole multiples of their length since the epoch, so
 * the same hour is the same chunk whichever batch it arrives in.
 *
 * <p>Thread-safe: stateless apart from its collaborators.
 */
final class BatchChunker {
    private final DatasetIntake intake;

    BatchChunker(DatasetIntake intake) {
        this.intake = intake;
    }

    /** One chunk, stored, with the window it covers. */
    record Chunk(Batch batch, TimeWindow window) {
    }

    /** The chunks in order, and the rows left out because their time was missing. */
    record Chunked(List<Chunk> chunks, int rowsWithoutTime) {
    }

    /**
     * Splits {@code batch}. Row chunks all carry the batch's {@code window}.
     *
     * @throws UnreadableDatasetException when the batch could not be read with the monitor's declared
     *     columns, or the chunk column is missing or holds no timestamps
     */
    Chunked split(Batch batch, ChunkSpec spec, TimeWindow window) {
        if (batch.unreadable() != null) {
            throw batch.unreadable();
        }
        if (batch.sketch() != null) {
            throw new UnreadableDatasetException("it is a sketch profile, which has no rows to split: a monitor with"
                    + " chunks: checks batches of rows");
        }
        Table table = batch.table();
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

    private Batch store(Table chunk) {
        return intake.store(chunk);
    }
}
