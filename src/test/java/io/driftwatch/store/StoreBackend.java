package io.driftwatch.store;

import io.driftwatch.TestDatabases;
import io.driftwatch.TestDatabases.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The two databases the store runs on, for DAO tests parameterised over both: the embedded default
 * (H2 in PostgreSQL mode, a file database) and PostgreSQL (the server named by
 * {@code DRIFTWATCH_TEST_DATABASE_URL}, or an embedded one). Each backend's database is created and
 * migrated once per test JVM; {@link #emptied()} deletes every row before a test, so each test
 * starts from empty tables without paying for a new database (and without leaving hundreds of
 * databases behind on the shared server).
 *
 * <p>Not thread-safe: DAO tests run one at a time (surefire runs test methods sequentially).
 */
enum StoreBackend {
    H2, POSTGRESQL;

    /** Tables in an order that deletes children before parents. */
    private static final String[] TABLES = {"outbox", "quality_evaluations", "prediction_log", "check_model_quality",
        "labels", "check_columns", "checks", "monitors", "reference_sketches", "reference_profiles", "datasets"};
    private static final Map<StoreBackend, Jdbi> OPEN = new EnumMap<>(StoreBackend.class);
    /** Connections held for the whole JVM, as a service's pool holds its database open. */
    private static final List<Connection> KEEP_OPEN = new ArrayList<>();
    private static Path h2Directory;

    /** A migrated database of this backend, created for this call. */
    TestDatabase fresh(Path dir) {
        return this == H2 ? TestDatabases.h2(dir) : TestDatabases.postgres();
    }

    /** A database of this backend without any migration applied, created for this call. */
    TestDatabase unmigrated(Path dir) {
        return this == H2 ? TestDatabases.h2Unmigrated(dir) : TestDatabases.postgresUnmigrated();
    }

    /** This backend's shared, migrated database with every table emptied. */
    Jdbi emptied() {
        Jdbi jdbi;
        synchronized (OPEN) {
            jdbi = OPEN.computeIfAbsent(this, b -> {
                TestDatabase db = b.fresh(h2Directory());
                if (b == H2) {
                    keepOpen(db); // H2 closes a file database with its last connection; reopening costs ~50 ms
                }
                return jdbi(db);
            });
        }
        jdbi.useHandle(h -> {
            for (String table : TABLES) {
                h.execute("DELETE FROM " + table); // a constant from the list above, never input
            }
        });
        return jdbi;
    }

    private static void keepOpen(TestDatabase db) {
        try {
            KEEP_OPEN.add(db.connect());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + db.url(), e);
        }
    }

    /** Jdbi on {@code db}, as the service configures it for the DAOs (SqlObject, on-demand DAOs). */
    static Jdbi jdbi(TestDatabase db) {
        return Jdbi.create(db.url(), db.user(), "").installPlugin(new SqlObjectPlugin());
    }

    /** The rows in {@code table} (a constant of the test, never input). */
    static long rowCount(Jdbi jdbi, String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    /** Both backends, for {@code @MethodSource}. */
    static Stream<StoreBackend> both() {
        return Stream.of(values());
    }

    private static synchronized Path h2Directory() {
        if (h2Directory == null) {
            try {
                h2Directory = Files.createTempDirectory("driftwatch-store-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = h2Directory;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
        }
        return h2Directory;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the JVM is exiting; a temporary folder left behind is harmless
        }
    }
}
