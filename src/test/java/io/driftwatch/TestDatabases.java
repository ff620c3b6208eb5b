package io.driftwatch;

import io.driftwatch.store.Migrations;
import io.dropwizard.testing.ConfigOverride;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Fresh, migrated databases for tests, on both backends the service supports.
 *
 * <ul>
 *   <li>{@link #h2(Path)}: the embedded default, a file database in a test's temporary folder;</li>
 *   <li>{@link #postgres()}: a real PostgreSQL. CI sets {@code DRIFTWATCH_TEST_DATABASE_URL} to the
 *       machine's server; where it is unset (a laptop) an embedded PostgreSQL is started once per test
 *       JVM. Each call creates a new database on that server, so tests do not see each other's rows.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class TestDatabases {
    /** The environment variable naming the PostgreSQL server for tests (a JDBC URL). */
    public static final String ENV = "DRIFTWATCH_TEST_DATABASE_URL";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String serverUrl;
    /** Databases this JVM created on the PostgreSQL server, dropped when it exits. */
    private static final java.util.List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TestDatabases() {
    }

    /** A database's JDBC URL and user, and the overrides that point the service at it. */
    public record TestDatabase(String backend, String driverClass, String url, String user) {
        public ConfigOverride[] overrides() {
            return new ConfigOverride[] {
                ConfigOverride.config("database.driverClass", driverClass),
                ConfigOverride.config("database.url", url),
                ConfigOverride.config("database.user", user),
                ConfigOverride.config("database.password", ""),
            };
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, "");
        }

        @Override
        public String toString() {
            return backend;
        }
    }

    /** A migrated embedded-default database in {@code dir}. */
    public static TestDatabase h2(Path dir) {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("driftwatch-" + COUNTER.incrementAndGet())
                + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH";
        return migrated(new TestDatabase("h2", "org.h2.Driver", url, "driftwatch"));
    }

    /** An unmigrated embedded-default database in {@code dir}. */
    public static TestDatabase h2Unmigrated(Path dir) {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("driftwatch-" + COUNTER.incrementAndGet())
                + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH";
        return new TestDatabase("h2", "org.h2.Driver", url, "driftwatch");
    }

    /** A new, migrated database on the test PostgreSQL server. */
    public static TestDatabase postgres() {
        return migrated(postgresUnmigrated());
    }

    /** A new, empty database on the test PostgreSQL server. */
    public static TestDatabase postgresUnmigrated() {
        String server = server();
        String name = ("dw_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet() + "_"
                + Long.toHexString(System.nanoTime())).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name); // name is generated above, never user input
            CREATED.add(name);
            String user = c.getMetaData().getUserName();
            return new TestDatabase("postgresql", "org.postgresql.Driver", withDatabase(server, name), user);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + server + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes a PostgreSQL test database refuse new connections and ends its open ones, as a database
     * that went away does ({@code accept} false), or lets it accept connections again. Other test
     * databases on the server are not touched.
     */
    public static void acceptConnections(TestDatabase db, boolean accept) {
        String name = db.url().substring(db.url().lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
        if (!CREATED.contains(name)) {
            throw new IllegalArgumentException(db.url() + " is not a PostgreSQL database these tests created");
        }
        try (Connection c = DriverManager.getConnection(server()); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + accept); // a name generated here
            if (!accept) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change whether " + name + " accepts connections: " + e.getMessage(), e);
        }
    }

    /** Applies every migration to {@code db}. */
    public static TestDatabase migrated(TestDatabase db) {
        try (Connection c = db.connect()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase(Migrations.CHANGELOG, new ClassLoaderResourceAccessor(), database)
                    .update(new Contexts(), new LabelExpression());
            return db;
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("cannot migrate the test database " + db.url() + ": " + e.getMessage(), e);
        }
    }

    private static synchronized String server() {
        if (serverUrl != null) {
            return serverUrl;
        }
        String configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            serverUrl = configured;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropCreated(configured)));
            return serverUrl;
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    // the JVM is exiting; the embedded server's folder is temporary
                }
            }));
            serverUrl = pg.getJdbcUrl("postgres", "postgres");
            return serverUrl;
        } catch (IOException e) {
            throw new UncheckedIOException(ENV + " is unset and an embedded PostgreSQL could not start", e);
        }
    }

    /** Drops the databases this JVM created; best effort, the JVM is exiting. */
    private static void dropCreated(String server) {
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            for (String name : CREATED) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test databases " + CREATED + ": " + e.getMessage());
        }
    }

    /** {@code jdbc:postgresql://host:port/db?params} with the database replaced by {@code name}. */
    static String withDatabase(String url, String name) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        String params = query < 0 ? "" : url.substring(query);
        return url.substring(0, slash) + "/" + name + params;
    }
}
