package io.driftwatch.monitor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.TestDatabases;
import io.driftwatch.io.CsvReader;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.policy.Receivers;
import io.driftwatch.monitor.sources.SourceEnvironment;
import io.driftwatch.profile.ProfileFormats;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.store.BlobStore;
import io.driftwatch.store.CheckDao;
import io.driftwatch.store.DatasetDao;
import io.driftwatch.store.MonitorDao;
import io.driftwatch.store.ReferenceVersionDao;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitor whose stored reference profile was written before profiles held the dataset facts
 * (format 1): the catalog builds the facts again from the monitor's reference dataset, with the
 * monitor's ignored columns left out, when it first loads the profile.
 */
class StoredProfileFormatTest {
    private static final Path REFERENCE = Path.of("examples/bike-sharing/reference.csv");

    @TempDir
    Path dir;

    @Test
    void rebuildsTheDatasetFactsOfAFormatOneProfileFromTheReferenceDataset() throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.h2(dir);
        Jdbi jdbi = Jdbi.create(db.url(), db.user(), "").installPlugin(new SqlObjectPlugin());
        BlobStore blobs = BlobStore.in(dir.resolve("data"));
        DatasetDao datasets = jdbi.onDemand(DatasetDao.class);
        DatasetIntake intake = new DatasetIntake(datasets, blobs, 1 << 30);
        String reference;
        try (InputStream in = Files.newInputStream(REFERENCE)) {
            reference = intake.ingest(in).id();
        }
        Monitor monitor = catalog(jdbi, blobs, intake).create("name: m\nreference: " + reference
                + "\ncolumns:\n  ignored: [instant]\n", "application/yaml");
        ReferenceProfile stored = catalog(jdbi, blobs, intake).profile(monitor);
        assertThat(stored.facts()).isPresent();

        Path file = blobs.path(BlobStore.Kind.PROFILE, monitor.profileSha256());
        Files.write(file, ProfileFormats.versionOne(stored)); // as an older Driftwatch stored it

        ReferenceProfile loaded = catalog(jdbi, blobs, intake).profile(monitor);
        assertThat(loaded.facts()).isEqualTo(stored.facts());
        assertThat(loaded.facts().orElseThrow().columnNames()).doesNotContain("instant").contains("dteday", "cnt");
        assertThat(loaded.facts()).isEqualTo(
                ReferenceProfile.of(CsvReader.read(REFERENCE), Set.of("instant"), Runnable::run).facts());
    }

    private MonitorCatalog catalog(Jdbi jdbi, BlobStore blobs, DatasetIntake intake) {
        return new MonitorCatalog(jdbi.onDemand(MonitorDao.class), jdbi.onDemand(DatasetDao.class),
                jdbi.onDemand(CheckDao.class), jdbi.onDemand(ReferenceVersionDao.class), intake, blobs,
                io.driftwatch.store.ReportStore.in(dir.resolve("reports")), new Receivers(List.of(), List.of(), URI.create("https://driftwatch.example/")),
                new SourceEnvironment(Map.of(), List.of(), name -> null, dir));
    }
}
