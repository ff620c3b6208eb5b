package io.driftwatch.monitor.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.driftwatch.TestDatabases;
import io.driftwatch.TestDatabases.TestDatabase;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.Limit;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.store.BlobStore;
import io.driftwatch.store.BlobTooLargeException;
import io.driftwatch.store.DatasetDao;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever makes an upload fail (bad bytes, a limit, the database), the intake leaves no file behind
 * it, not even the store's temporary {@code .part} file; and it never deletes a file that an earlier
 * upload of the same bytes stored.
 */
class DatasetIntakeTest {
    private static final byte[] CSV = "id,x\n1,0.5\n2,1.5\n3,2.5\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private DatasetIntake intake(TestDatabase db, DatasetIntake.Limits limits) {
        Jdbi jdbi = Jdbi.create(db.url(), db.user(), "").installPlugin(new SqlObjectPlugin());
        return new DatasetIntake(jdbi.onDemand(DatasetDao.class), BlobStore.in(dir.resolve("data")), limits,
                new com.codahale.metrics.MetricRegistry());
    }

    private List<Path> dataFiles() {
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream body(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    @Test
    void aFailureOfTheDatabaseAfterTheBytesWereStoredLeavesNoFile() {
        // no tables: the look-up by hash fails after the body was written to the store
        DatasetIntake intake = intake(TestDatabases.h2Unmigrated(dir.resolve("db")),
                DatasetIntake.Limits.ofBodySize(1 << 20));

        Throwable thrown = catchThrowable(() -> intake.ingest(body(CSV)));

        assertThat(thrown).isNotNull().isNotInstanceOf(UnreadableDatasetException.class);
        assertThat(dataFiles()).isEmpty();
    }

    @Test
    void aFailedUploadDoesNotDeleteTheFileOfAnEarlierUploadOfTheSameBytes() {
        DatasetIntake working = intake(TestDatabases.h2(dir.resolve("db")), DatasetIntake.Limits.ofBodySize(1 << 20));
        DatasetIntake broken = intake(TestDatabases.h2Unmigrated(dir.resolve("db2")),
                DatasetIntake.Limits.ofBodySize(1 << 20));
        working.ingest(body(CSV));
        List<Path> stored = dataFiles();
        assertThat(stored).hasSize(1);

        assertThat(catchThrowable(() -> broken.ingest(body(CSV)))).isNotNull();

        assertThat(dataFiles()).isEqualTo(stored);
    }

    @Test
    void aGzipBombIsRefusedAtTheDecompressedLimitWithoutWritingIt() throws IOException {
        Limit body = new Limit(1 << 20, "api.maxBodySize");
        Limit decompressed = new Limit(64 * 1024, "api.maxDecompressedSize");
        DatasetIntake intake = intake(TestDatabases.h2(dir.resolve("db")),
                new DatasetIntake.Limits(body, decompressed, CsvOptions.Limits.defaults()));
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write("a,b\n".getBytes(StandardCharsets.US_ASCII));
            byte[] rows = "0,0\n".repeat(16_384).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 64; i++) { // 4 MiB of CSV
                gzip.write(rows);
            }
        }

        Throwable thrown = catchThrowable(() -> intake.ingest(body(gzipped.toByteArray())));

        assertThat(thrown).isInstanceOf(BlobTooLargeException.class).hasMessage("the body decompresses to more than"
                + " 65536 bytes (64 KiB), the most a batch may hold once decompressed (api.maxDecompressedSize)");
        assertThat(dataFiles()).isEmpty();
    }

    @Test
    void aPlainBodyPastTheDecompressedLimitIsRefusedNamingThatLimit() {
        Limit body = new Limit(1 << 20, "api.maxBodySize");
        Limit decompressed = new Limit(16, "api.maxDecompressedSize");
        DatasetIntake intake = intake(TestDatabases.h2(dir.resolve("db")),
                new DatasetIntake.Limits(body, decompressed, CsvOptions.Limits.defaults()));

        Throwable thrown = catchThrowable(() -> intake.ingest(body(CSV)));

        assertThat(thrown).isInstanceOf(BlobTooLargeException.class).hasMessage("the body is larger than 16 bytes,"
                + " the most a batch may hold once decompressed (api.maxDecompressedSize)");
        assertThat(dataFiles()).isEmpty();
    }

    private static byte[] sketchOf(byte[] csv, Path dir) throws IOException {
        Path file = dir.resolve("batch.csv");
        Files.write(file, csv);
        return io.driftwatch.profile.SketchProfile.of(io.driftwatch.io.Datasets.readTable(file, CsvOptions.defaults()),
                io.driftwatch.profile.SketchSettings.defaults()).toByteArray();
    }

    @Test
    void takesASketchProfileInAsADatasetOfItsRowsAndColumnsWithoutATable(@TempDir Path scratch) throws IOException {
        DatasetIntake intake = intake(TestDatabases.h2(dir.resolve("db")), DatasetIntake.Limits.ofBodySize(1 << 20));
        byte[] sketch = sketchOf(CSV, scratch);

        Batch batch = intake.ingest(body(sketch), CsvOptions.defaults(), DatasetIntake.Declared.SKETCH_PROFILE);
        Dataset again = intake.ingest(body(sketch));

        assertThat(batch.table()).isNull();
        assertThat(batch.unreadable()).isNull();
        assertThat(batch.sketch().rowCount()).isEqualTo(3);
        Dataset d = batch.dataset();
        assertThat(d.isSketchProfile()).isTrue();
        assertThat(d.format()).isEqualTo(DatasetIntake.SKETCH_FORMAT);
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.columns()).extracting(Dataset.Column::name).containsExactly("id", "x");
        assertThat(again.id()).isEqualTo(d.id());
        assertThat(again.created()).isFalse();
        assertThat(intake.load(again, CsvOptions.defaults()).sketch().rowCount()).isEqualTo(3);
        assertThat(dataFiles()).hasSize(1);
    }

    @Test
    void refusesAnInvalidSketchProfileAndKeepsNoFile(@TempDir Path scratch) throws IOException {
        DatasetIntake intake = intake(TestDatabases.h2(dir.resolve("db")), DatasetIntake.Limits.ofBodySize(1 << 20));
        byte[] corrupt = sketchOf(CSV, scratch);
        corrupt[corrupt.length - 10] ^= 1;

        Throwable thrown = catchThrowable(() -> intake.ingest(body(corrupt), CsvOptions.defaults(),
                DatasetIntake.Declared.BY_CONTENT));

        assertThat(thrown).isInstanceOf(UnreadableDatasetException.class).hasMessageStartingWith(
                "the uploaded sketch profile (" + corrupt.length + " bytes) is corrupt or truncated: its checksum"
                        + " does not match its contents");
        assertThat(dataFiles()).isEmpty();
    }

    @Test
    void refusesKnownBytesDeclaredASketchProfileWithoutDeletingTheirFile() {
        DatasetIntake intake = intake(TestDatabases.h2(dir.resolve("db")), DatasetIntake.Limits.ofBodySize(1 << 20));
        intake.ingest(body(CSV));
        List<Path> stored = dataFiles();

        Throwable thrown = catchThrowable(() -> intake.ingest(body(CSV), DatasetIntake.Declared.SKETCH_PROFILE));

        assertThat(thrown).isInstanceOf(UnreadableDatasetException.class)
                .hasMessageContaining("declared a sketch profile but is not one")
                .hasMessageContaining("starts with hex 69642c780a312c30");
        assertThat(dataFiles()).isEqualTo(stored);
    }
}
