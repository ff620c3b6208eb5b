package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestDatabases;
import io.driftwatch.TestDatabases.TestDatabase;
import io.driftwatch.TestService;
import io.driftwatch.store.UnmigratedDatabaseException;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The database life cycle as an operator meets it, on both backends: the service refuses to start
 * on a database without the schema (and says to run {@code db migrate}); {@code db migrate
 * config.yml}, the real command line, creates the schema; then the service starts and is healthy.
 */
class DbMigrateCommandTest {

    @TempDir
    Path dir;

    static Stream<Arguments> backends() {
        return Stream.of(
                Arguments.of("h2", (Function<Path, TestDatabase>) TestDatabases::h2Unmigrated),
                Arguments.of("postgresql", (Function<Path, TestDatabase>) d -> TestDatabases.postgresUnmigrated()));
    }

    /** The shipped config.yml on random ports, with folders under {@code dir}, pointing at {@code db}. */
    private DropwizardTestSupport<DriftwatchConfiguration> service(TestDatabase db) {
        return TestService.builder().in(dir).on(db).build().app.getTestSupport();
    }

    /** The shipped config.yml with its database, folders and log level replaced, as an operator edits it. */
    private Path configFile(TestDatabase db) throws Exception {
        String shipped = Files.readString(Path.of("config.yml"));
        String edited = shipped
                .replace("reportsDirectory: reports", "reportsDirectory: " + dir.resolve("reports"))
                .replace("dataDirectory: data", "dataDirectory: " + dir.resolve("data"))
                .replace("driverClass: org.h2.Driver", "driverClass: " + db.driverClass())
                .replace("url: jdbc:h2:file:./data/driftwatch;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH",
                        "url: \"" + db.url() + "\"")
                .replace("user: driftwatch", "user: " + db.user())
                .replace("level: INFO", "level: WARN");
        assertThat(edited).contains(db.url()).doesNotContain("./data/driftwatch");
        Path file = dir.resolve("config.yml");
        Files.writeString(file, edited);
        return file;
    }

    private static List<String> tables(TestDatabase db) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT LOWER(table_name) FROM information_schema.tables"
                        + " WHERE LOWER(table_schema) = 'public' ORDER BY 1")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void serverRefusesToStartOnADatabaseWithoutTheSchema(String backend, Function<Path, TestDatabase> unmigrated)
            throws Exception {
        TestDatabase db = unmigrated.apply(dir);
        DropwizardTestSupport<DriftwatchConfiguration> service = service(db);
        try {
            assertThatThrownBy(service::before)
                    .satisfies(e -> assertThat(rootOfType(e)).isNotNull()
                            .extracting(Throwable::getMessage).asString()
                            .contains("has no Driftwatch schema yet")
                            .contains("db migrate config.yml"));
        } finally {
            service.after();
        }
        assertThat(tables(db)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void dbMigrateCreatesTheSchemaAndThenTheServerStarts(String backend, Function<Path, TestDatabase> unmigrated)
            throws Exception {
        TestDatabase db = unmigrated.apply(dir);
        Path config = configFile(db);

        CliRunner.Run migrate = CliRunner.run("db", "migrate", config.toString());

        assertThat(migrate.exitCode()).as(migrate.stderr()).isZero();
        assertThat(tables(db)).contains("datasets", "reference_profiles", "monitors", "checks", "check_columns",
                "databasechangelog");
        CliRunner.Run again = CliRunner.run("db", "migrate", config.toString());
        assertThat(again.exitCode()).as(again.stderr()).isZero();

        DropwizardTestSupport<DriftwatchConfiguration> service = service(db);
        service.before();
        Client client = ClientBuilder.newClient();
        try (Response health = client.target("http://localhost:" + service.getAdminPort() + "/healthcheck")
                .request().get()) {
            assertThat(health.getStatus()).isEqualTo(200);
            assertThat(health.readEntity(String.class)).contains("\"database\":{\"healthy\":true");
        } finally {
            client.close();
            service.after();
        }
    }

    @ParameterizedTest(name = "db {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"migrate", "status"})
    void saysInOneLineThatPostgresqlCannotBeReachedAndExitsTwo(String verb) throws Exception {
        int port = closedPort();
        TestDatabase unreachable = new TestDatabase("postgresql", "org.postgresql.Driver",
                "jdbc:postgresql://127.0.0.1:" + port + "/driftwatch?password=s3cret", "driftwatch");

        CliRunner.Run run = CliRunner.run("db", verb, configFile(unreachable).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("driftwatch db " + verb + ": cannot connect to the database"
                + " jdbc:postgresql://127.0.0.1:" + port + "/driftwatch?password=*** (PostgreSQL at 127.0.0.1:" + port
                + "): connection refused. Check that PostgreSQL is running there and reachable from here, and that"
                + " database.url in the configuration file is right" + System.lineSeparator());
    }

    /** A local port nothing listens on: bound, then released. */
    static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static UnmigratedDatabaseException rootOfType(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnmigratedDatabaseException u) {
                return u;
            }
        }
        return null;
    }
}
