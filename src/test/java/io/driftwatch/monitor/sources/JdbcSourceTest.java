package io.driftwatch.monitor.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.TestDatabases;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.io.Datasets;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The jdbc source against a real PostgreSQL and against H2 in PostgreSQL mode, each holding a
 * {@code predictions} table with rows across three hours (10:00 to 13:00 UTC on 2026-11-22), some at
 * the bounds of the middle hour.
 */
class JdbcSourceTest {
    private static final String WINDOW_QUERY = """
            SELECT ts, score, weight, clicks, amount, label, approved, reviewed
            FROM predictions
            WHERE ts >= :from AND ts < :to
            ORDER BY ts""";
    private static final String HEADER = "ts,score,weight,clicks,amount,label,approved,reviewed\n";
    private static final TimeWindow MIDDLE_HOUR = new TimeWindow(Instant.parse("2026-11-22T11:00:00Z"),
            Instant.parse("2026-11-22T12:00:00Z"));
    private static final AtomicInteger H2_DATABASES = new AtomicInteger();

    @TempDir
    Path dir;

    /** The two databases, each created and filled once per test JVM. */
    enum Backend {
        POSTGRESQL, H2;

        private DataSource dataSource;

        synchronized DataSource dataSource() {
            if (dataSource == null) {
                dataSource = this == POSTGRESQL ? postgres() : h2();
                createPredictions(dataSource);
            }
            return dataSource;
        }

        private static DataSource postgres() {
            TestDatabases.TestDatabase db = TestDatabases.postgresUnmigrated();
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(db.url());
            ds.setUser(db.user());
            return ds;
        }

        private static DataSource h2() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:jdbc_source_" + H2_DATABASES.incrementAndGet()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
            ds.setUser("sa");
            return ds;
        }
    }

    private static void createPredictions(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE predictions (
                            ts TIMESTAMP WITH TIME ZONE, score DOUBLE PRECISION, weight REAL, clicks INTEGER,
                            amount NUMERIC(14, 4), label TEXT, approved BOOLEAN, reviewed DATE)""");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO predictions VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                // before the window
                insert(insert, "2026-11-22T10:00:00Z", 0.5, 1.0f, null, "1", "cat", null, null);
                insert(insert, "2026-11-22T10:59:59.999Z", 0.9, null, 4, "2", "cat", true, null);
                // in the window [11:00, 12:00)
                insert(insert, "2026-11-22T11:00:00Z", 0.25, 0.1f, 3, "12.5000", "cat", true, "2026-11-21");
                insert(insert, "2026-11-22T11:20:00.5Z", null, 2.5f, 7, "0.0001", null, false, null);
                insert(insert, "2026-11-22T11:59:59Z", 1.5, null, 12, "-123456789.1234", "dog", true, "2026-11-22");
                // after it
                insert(insert, "2026-11-22T12:00:00Z", 0.75, null, 5, "3", "dog", false, null);
                insert(insert, "2026-11-22T12:45:00Z", null, null, null, null, null, null, null);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the predictions table: " + e.getMessage(), e);
        }
    }

    private static void insert(PreparedStatement insert, String ts, Double score, Float weight, Integer clicks,
            String amount, String label, Boolean approved, String reviewed) throws SQLException {
        insert.setObject(1, Instant.parse(ts).atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        insert.setObject(2, score, Types.DOUBLE);
        insert.setObject(3, weight, Types.REAL);
        insert.setObject(4, clicks, Types.INTEGER);
        insert.setObject(5, amount == null ? null : new BigDecimal(amount), Types.NUMERIC);
        insert.setObject(6, label, Types.VARCHAR);
        insert.setObject(7, approved, Types.BOOLEAN);
        insert.setObject(8, reviewed == null ? null : Date.valueOf(LocalDate.parse(reviewed)), Types.DATE);
        insert.executeUpdate();
    }

    private JdbcSource source(Backend backend, String query) {
        return new JdbcSource(new SourceSpec.Jdbc("warehouse", query), backend.dataSource(), dir);
    }

    private static SourceBatch readOne(JdbcSource source, TimeWindow window) {
        List<SourceBatch> batches = source.read(window, Source.SeenFiles.NONE);
        assertThat(batches).hasSize(1);
        return batches.get(0);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void readsExactlyTheRowsOfTheWindowAsCsv(Backend backend) throws IOException {
        SourceBatch batch = readOne(source(backend, WINDOW_QUERY), MIDDLE_HOUR);

        assertThat(batch.file().getParent()).isEqualTo(dir);
        assertThat(Files.readString(batch.file(), StandardCharsets.UTF_8)).isEqualTo(HEADER
                + "2026-11-22T11:00:00Z,0.25,0.1,3,12.5000,cat,true,2026-11-21\n"
                + "2026-11-22T11:20:00.500Z,,2.5,7,0.0001,,false,\n"
                + "2026-11-22T11:59:59Z,1.5,,12,-123456789.1234,dog,true,2026-11-22\n");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void writesCellsThatTheCsvReaderReadsBackWithTheirTypes(Backend backend) {
        SourceBatch batch = readOne(source(backend, WINDOW_QUERY), MIDDLE_HOUR);

        Table table = Datasets.read(batch.file()).table();
        assertThat(table.rowCount()).isEqualTo(3);
        NumericColumn ts = numeric(table, "ts", PhysicalType.TIMESTAMP);
        assertThat(new double[] {ts.value(0), ts.value(1), ts.value(2)}).containsExactly(
                Instant.parse("2026-11-22T11:00:00Z").toEpochMilli(),
                Instant.parse("2026-11-22T11:20:00.500Z").toEpochMilli(),
                Instant.parse("2026-11-22T11:59:59Z").toEpochMilli());
        NumericColumn score = numeric(table, "score", PhysicalType.FLOAT);
        assertThat(score.value(0)).isEqualTo(0.25);
        assertThat(score.isMissing(1)).isTrue();
        assertThat(score.value(2)).isEqualTo(1.5);
        NumericColumn weight = numeric(table, "weight", PhysicalType.FLOAT);
        assertThat(weight.value(0)).isEqualTo(0.1);
        assertThat(weight.isMissing(2)).isTrue();
        NumericColumn clicks = numeric(table, "clicks", PhysicalType.INTEGER);
        assertThat(new double[] {clicks.value(0), clicks.value(1), clicks.value(2)}).containsExactly(3, 7, 12);
        NumericColumn amount = numeric(table, "amount", PhysicalType.FLOAT);
        assertThat(new double[] {amount.value(0), amount.value(1), amount.value(2)})
                .containsExactly(12.5, 0.0001, -123456789.1234);
        Column labelColumn = table.column("label").orElseThrow();
        assertThat(labelColumn.physicalType()).isEqualTo(PhysicalType.STRING);
        CategoricalColumn label = (CategoricalColumn) labelColumn;
        assertThat(label.labelAt(0)).isEqualTo("cat");
        assertThat(label.isMissing(1)).isTrue();
        assertThat(label.labelAt(2)).isEqualTo("dog");
        NumericColumn approved = numeric(table, "approved", PhysicalType.BOOLEAN);
        assertThat(new double[] {approved.value(0), approved.value(1), approved.value(2)}).containsExactly(1, 0, 1);
        NumericColumn reviewed = numeric(table, "reviewed", PhysicalType.TIMESTAMP);
        assertThat(reviewed.value(0)).isEqualTo(LocalDate.parse("2026-11-21").atStartOfDay(ZoneOffset.UTC)
                .toInstant().toEpochMilli());
        assertThat(reviewed.isMissing(1)).isTrue();
    }

    private static NumericColumn numeric(Table table, String name, PhysicalType type) {
        Column column = table.column(name).orElseThrow();
        assertThat(column.physicalType()).as(name).isEqualTo(type);
        return (NumericColumn) column;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void recordsTheQueryAndTheFilesSha256AndSizeAndTheSameWindowGivesTheSameSha256(Backend backend)
            throws IOException {
        JdbcSource source = source(backend, WINDOW_QUERY);
        SourceBatch first = readOne(source, MIDDLE_HOUR);
        SourceBatch second = readOne(source, MIDDLE_HOUR);

        SourceRead read = first.read();
        assertThat(read.type()).isEqualTo("jdbc");
        assertThat(read.location()).isEqualTo(WINDOW_QUERY);
        assertThat(read.window()).isEqualTo(MIDDLE_HOUR);
        assertThat(read.name()).isNull();
        assertThat(read.sha256()).isEqualTo(Datasets.sha256(first.file()));
        assertThat(read.bytes()).isEqualTo(Files.size(first.file())).isPositive();
        assertThat(second.file()).isNotEqualTo(first.file());
        assertThat(second.read().sha256()).isEqualTo(read.sha256());
        assertThat(second.read().bytes()).isEqualTo(read.bytes());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void bindsOnlyTheParametersTheQueryUses(Backend backend) throws IOException {
        SourceBatch batch = readOne(source(backend, "SELECT ts FROM predictions WHERE ts < :to ORDER BY ts"),
                MIDDLE_HOUR);

        assertThat(Files.readAllLines(batch.file())).containsExactly("ts", "2026-11-22T10:00:00Z",
                "2026-11-22T10:59:59.999Z", "2026-11-22T11:00:00Z", "2026-11-22T11:20:00.500Z",
                "2026-11-22T11:59:59Z");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void leavesCastsAndColonsInQuotedStringsAlone(Backend backend) throws IOException {
        SourceBatch batch = readOne(source(backend, """
                SELECT clicks::text AS clicks_text, 'at :x and :from' AS note
                FROM predictions WHERE ts >= :from AND ts < :to ORDER BY ts"""), MIDDLE_HOUR);

        assertThat(Files.readAllLines(batch.file())).containsExactly("clicks_text,note",
                "3,at :x and :from", "7,at :x and :from", "12,at :x and :from");
    }

    @Test
    void writesPostgresTypesAsTheCsvReaderReadsThem() throws IOException {
        SourceBatch batch = readOne(source(Backend.POSTGRESQL, """
                SELECT TIMESTAMP '2026-11-22 11:30:00' AS naive, TIMESTAMPTZ '2026-11-22 12:30:00+01' AS zoned,
                       1e20::float8 AS huge, 'NaN'::float8 AS nan, 'Infinity'::float8 AS inf,
                       9007199254740993::bigint AS big, 1e-10::numeric AS tiny, true AS yes,
                       B'1'::bit(1) AS bit, B'101'::bit(3) AS bits, '{1,2}'::int[] AS list, 'x,"y"' AS quoted"""),
                MIDDLE_HOUR);

        assertThat(Files.readAllLines(batch.file())).containsExactly(
                "naive,zoned,huge,nan,inf,big,tiny,yes,bit,bits,list,quoted",
                "2026-11-22T11:30:00Z,2026-11-22T11:30:00Z,1.0E20,NaN,Infinity,9007199254740993,0.0000000001,true,"
                        + "true,101,\"{1,2}\",\"x,\"\"y\"\"\"");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void writesOnlyTheHeaderForAWindowWithoutRows(Backend backend) throws IOException {
        TimeWindow nextDay = new TimeWindow(Instant.parse("2026-11-23T11:00:00Z"), Instant.parse("2026-11-23T12:00:00Z"));

        SourceBatch batch = readOne(source(backend, WINDOW_QUERY), nextDay);

        assertThat(Files.readString(batch.file(), StandardCharsets.UTF_8)).isEqualTo(HEADER);
        assertThat(batch.read().bytes()).isEqualTo(HEADER.length());
        assertThat(batch.read().sha256()).isEqualTo(Datasets.sha256(batch.file()));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void failsNamingTheDataSourceAndTheDatabasesMessageAndLeavesNoFile(Backend backend) {
        JdbcSource source = source(backend, "SELECT * FROM predictionz WHERE ts >= :from");

        assertThatThrownBy(() -> source.read(MIDDLE_HOUR, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("the query of data source 'warehouse' failed: ")
                .hasMessageContaining(backend == Backend.POSTGRESQL
                        ? "ERROR: relation \"predictionz\" does not exist" : "Table \"predictionz\" not found")
                .hasMessageNotContaining("\n");
        assertThat(filesIn(dir)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void failsForAParameterOtherThanFromAndTo(Backend backend) {
        JdbcSource source = source(backend, "SELECT * FROM predictions WHERE ts >= :start AND ts < :to");

        assertThatThrownBy(() -> source.read(MIDDLE_HOUR, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage("the query of data source 'warehouse' has the parameter :start; only :from and :to are bound");
        assertThat(filesIn(dir)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void failsForPositionalParameters(Backend backend) {
        JdbcSource source = source(backend, "SELECT * FROM predictions WHERE ts >= ?");

        assertThatThrownBy(() -> source.read(MIDDLE_HOUR, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage("the query of data source 'warehouse' has ? parameters; only :from and :to are bound");
        assertThat(filesIn(dir)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void failsWhenTwoColumnsHaveTheSameName(Backend backend) {
        JdbcSource source = source(backend, "SELECT ts, label, score AS label FROM predictions");

        assertThatThrownBy(() -> source.read(MIDDLE_HOUR, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage("the query of data source 'warehouse' returns two columns named 'label' (2 and 3); "
                        + "give each a unique name with AS");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void failsWhenTheQueryReturnsNoColumns() {
        JdbcSource source = source(Backend.POSTGRESQL, "SELECT FROM predictions WHERE ts >= :from AND ts < :to");

        assertThatThrownBy(() -> source.read(MIDDLE_HOUR, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage("the query of data source 'warehouse' returns no columns");
        assertThat(filesIn(dir)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void keepsNothingAQueryTriesToChange(Backend backend) throws SQLException {
        // PostgreSQL refuses to write in a read-only transaction; H2 takes read-only as a hint only,
        // so the delete runs, is found to be no query, and is rolled back.
        JdbcSource source = source(backend, backend == Backend.POSTGRESQL
                ? "WITH gone AS (DELETE FROM predictions RETURNING ts) SELECT ts FROM gone"
                : "DELETE FROM predictions WHERE ts >= :from");

        assertThatThrownBy(() -> source.read(MIDDLE_HOUR, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage(backend == Backend.POSTGRESQL
                        ? "the query of data source 'warehouse' failed: ERROR: cannot execute SELECT in a read-only transaction"
                        : "the query of data source 'warehouse' returns no result set; it must be a SELECT");
        try (Connection c = backend.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM predictions")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(7);
        }
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void failsNamingTheDataSourceWhenItCannotConnectAndNeverShowsThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:" + closedPort + "/warehouse?password=s3cret");
        unreachable.setUser("reader");
        unreachable.setPassword("s3cret");
        JdbcSource source = new JdbcSource(new SourceSpec.Jdbc("warehouse", WINDOW_QUERY), unreachable, dir);

        assertThatThrownBy(() -> source.read(MIDDLE_HOUR, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("cannot connect to data source 'warehouse': Connection to 127.0.0.1:"
                        + closedPort + " refused")
                .hasMessageNotContaining("s3cret");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void failsNamingTheFolderWhenItCannotWriteTheFile() {
        Path missing = dir.resolve("missing");
        JdbcSource source = new JdbcSource(new SourceSpec.Jdbc("warehouse", WINDOW_QUERY),
                Backend.H2.dataSource(), missing);

        assertThatThrownBy(() -> source.read(MIDDLE_HOUR, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("cannot create a file in " + missing + " for the rows of data source 'warehouse': ");
    }

    @Test
    void redactsPasswordsADriverQuotesFromAUrl() {
        assertThat(JdbcSource.redact("cannot open jdbc:postgresql://db/x?user=a&password=s3cret&ssl=true"))
                .isEqualTo("cannot open jdbc:postgresql://db/x?user=a&password=***&ssl=true");
        assertThat(JdbcSource.redact("cannot open jdbc:mysql://reader:s3cret@db:3306/x"))
                .isEqualTo("cannot open jdbc:mysql://reader:***@db:3306/x");
        assertThat(JdbcSource.redact("ERROR: relation \"p\" does not exist")).isEqualTo("ERROR: relation \"p\" does not exist");
    }

    private static List<Path> filesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
