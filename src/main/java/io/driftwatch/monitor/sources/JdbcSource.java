package io.driftwatch.monitor.sources;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.result.NoResultsException;
import org.jdbi.v3.core.statement.ParsedParameters;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * The {@code type: jdbc} source: runs a monitor's SQL query against one of the service's data sources
 * and writes the rows it returns to a CSV file, one batch per window.
 *
 * <p>The query should select the rows whose time is in the window {@code [:from, :to)}, for example
 * {@code SELECT * FROM predictions WHERE ts >= :from AND ts < :to}. {@code :from} and {@code :to} are
 * bound (never written into the SQL) as {@code TIMESTAMP WITH TIME ZONE} values at UTC; either may be
 * left out, and no other parameter is bound. Compared with a {@code TIMESTAMP} column without time
 * zone, PostgreSQL converts them in the session's time zone. Apart from the parameters the query is
 * sent as written: {@code ::} casts and {@code :} inside quoted strings are left alone.
 *
 * <p>The query runs in a read-only transaction that is rolled back afterwards, so nothing it does is
 * kept, with a fetch size of {@value #FETCH_SIZE} rows, so PostgreSQL streams the result instead of
 * holding it all in memory. The file holds one header line of column labels, then one line per row,
 * written as Driftwatch's CSV reader reads it back:
 * <ul>
 *   <li>NULL: an empty cell (read as missing);</li>
 *   <li>timestamps: the ISO-8601 instant at UTC ({@code 2026-11-22T10:00:00Z}); a timestamp without
 *       time zone is taken to be at UTC, as the CSV reader takes one;</li>
 *   <li>dates: {@code 2026-11-22};</li>
 *   <li>booleans: {@code true} or {@code false};</li>
 *   <li>integers: their decimal digits; {@code NUMERIC}/{@code DECIMAL}: their exact plain decimal text;
 *       floating point: the shortest text that reads back as the same value
 *       ({@link Double#toString}, {@link Float#toString} for {@code REAL});</li>
 *   <li>anything else: the driver's text ({@link ResultSet#getString}).</li>
 * </ul>
 * A window without rows gives a file with the header only. The SHA-256 and size of the file are
 * computed while it is written.
 *
 * <p>Thread-safe: its state is immutable and {@link Jdbi} is thread-safe; each read has its own
 * connection and file.
 */
final class JdbcSource implements Source {
    /** Rows the driver fetches at a time. */
    static final int FETCH_SIZE = 10_000;
    private static final String FROM = "from";
    private static final String TO = "to";

    /** {@code password=secret} (URL parameters, connection properties) in a driver's message. */
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*[=:]\\s*)[^\\s&;,)]+");
    /** {@code //user:secret@host} in a URL in a driver's message. */
    private static final Pattern USER_INFO = Pattern.compile("//([^/:@\\s]+):[^/@\\s]+@");

    // How a column's cells are written, from its JDBC type.
    private static final int TEXT = 0;
    private static final int INTEGER = 1;
    private static final int DECIMAL = 2;
    private static final int DOUBLE = 3;
    private static final int REAL = 4;
    private static final int BOOLEAN = 5;
    private static final int DATE = 6;
    private static final int TIMESTAMP_WITH_TIME_ZONE = 7;
    private static final int TIMESTAMP = 8;

    private final SourceSpec.Jdbc spec;
    private final Jdbi jdbi;
    private final Path temporaryDirectory;

    JdbcSource(SourceSpec.Jdbc spec, DataSource dataSource, Path temporaryDirectory) {
        this.spec = Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(dataSource, () -> "no data source named '" + spec.dataSource() + "'");
        this.jdbi = Jdbi.create(dataSource);
        jdbi.getConfig(SqlStatements.class)
                .setTemplateEngine(TemplateEngine.NOP)
                .setUnusedBindingAllowed(true);
        this.temporaryDirectory = Objects.requireNonNull(temporaryDirectory, "temporaryDirectory");
    }

    @Override
    public List<SourceBatch> read(TimeWindow window, SeenFiles seen) {
        Path file;
        try {
            file = Files.createTempFile(temporaryDirectory, "jdbc-", ".csv");
        } catch (IOException e) {
            throw new SourceException("cannot create a file in " + temporaryDirectory + " for the rows of data source '"
                    + spec.dataSource() + "': " + e.getMessage(), e);
        }
        boolean done = false;
        try {
            SourceBatch batch = read(window, file);
            done = true;
            return List.of(batch);
        } finally {
            if (!done) {
                delete(file);
            }
        }
    }

    private SourceBatch read(TimeWindow window, Path file) {
        MessageDigest digest = sha256();
        Handle handle;
        try {
            handle = jdbi.open();
        } catch (JdbiException e) {
            throw new SourceException("cannot connect to data source '" + spec.dataSource() + "': "
                    + databaseMessage(e), e);
        }
        try (handle; OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            boolean readOnly = handle.isReadOnly();
            handle.setReadOnly(true);
            handle.begin();
            try (Query query = handle.createQuery(spec.query())) {
                checkParameters(handle, query);
                query.bind(FROM, new UtcTimestamp(window.from()))
                        .bind(TO, new UtcTimestamp(window.to()))
                        .setFetchSize(FETCH_SIZE)
                        .scanResultSet((rows, ctx) -> {
                            write(rows.get(), out);
                            return null;
                        });
            } finally {
                handle.rollback(); // the query only reads: nothing it did is kept
                handle.setReadOnly(readOnly);
            }
        } catch (NoResultsException e) {
            throw new SourceException("the query of data source '" + spec.dataSource() + "' returns no result set; "
                    + "it must be a SELECT", e);
        } catch (JdbiException e) {
            throw new SourceException("the query of data source '" + spec.dataSource() + "' failed: "
                    + databaseMessage(e), e);
        } catch (IOException | UncheckedIOException e) {
            throw new SourceException("cannot write the rows of data source '" + spec.dataSource() + "' to " + file
                    + ": " + e.getMessage(), e);
        }
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new SourceException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        return new SourceBatch(file, new SourceRead(spec.type(), spec.query(), window, null, sha256, bytes, null));
    }

    /** Fails unless the query's only parameters are {@code :from} and {@code :to}. */
    private void checkParameters(Handle handle, Query query) {
        ParsedParameters parameters = handle.getConfig(SqlStatements.class).getSqlParser()
                .parse(spec.query(), query.getContext()).getParameters();
        if (parameters.isPositional() && parameters.getParameterCount() > 0) {
            throw new SourceException("the query of data source '" + spec.dataSource() + "' has ? parameters; "
                    + "only :from and :to are bound");
        }
        for (String name : parameters.getParameterNames()) {
            if (!FROM.equals(name) && !TO.equals(name)) {
                throw new SourceException("the query of data source '" + spec.dataSource() + "' has the parameter :"
                        + name + "; only :from and :to are bound");
            }
        }
    }

    /** Writes the header and every row of {@code rows} to {@code out} as CSV. */
    private void write(ResultSet rows, OutputStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int n = meta.getColumnCount();
        if (n == 0) {
            throw new SourceException("the query of data source '" + spec.dataSource() + "' returns no columns");
        }
        String[] cells = new String[n];
        int[] kinds = new int[n];
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < n; i++) {
            cells[i] = meta.getColumnLabel(i + 1);
            kinds[i] = kind(meta, i + 1);
            Integer previous = positions.put(cells[i], i);
            if (previous != null) {
                throw new SourceException("the query of data source '" + spec.dataSource() + "' returns two columns named '"
                        + cells[i] + "' (" + (previous + 1) + " and " + (i + 1) + "); give each a unique name with AS");
            }
        }
        // Closing the writer only flushes it to out, which the caller closes.
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out, StandardCharsets.UTF_8);
        csv.writeRecord(cells);
        while (rows.next()) {
            for (int i = 0; i < n; i++) {
                cells[i] = cell(rows, i + 1, kinds[i]);
            }
            csv.writeRecord(cells);
        }
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int kind(ResultSetMetaData meta, int column) throws SQLException {
        return switch (meta.getColumnType(column)) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
            case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
            case Types.DOUBLE, Types.FLOAT -> DOUBLE;
            case Types.REAL -> REAL;
            case Types.BOOLEAN -> BOOLEAN;
            // PostgreSQL reports boolean as BIT; bit(n) with n > 1 is a string of bits.
            case Types.BIT -> meta.getPrecision(column) <= 1 ? BOOLEAN : TEXT;
            case Types.DATE -> DATE;
            case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_WITH_TIME_ZONE;
            // PostgreSQL reports timestamptz as TIMESTAMP too, with its own type name.
            case Types.TIMESTAMP -> "timestamptz".equalsIgnoreCase(meta.getColumnTypeName(column))
                    ? TIMESTAMP_WITH_TIME_ZONE : TIMESTAMP;
            default -> TEXT;
        };
    }

    /** The text of one cell, null for NULL. */
    private static String cell(ResultSet rows, int column, int kind) throws SQLException {
        switch (kind) {
            case INTEGER -> {
                long value = rows.getLong(column);
                return rows.wasNull() ? null : Long.toString(value);
            }
            case DECIMAL -> {
                BigDecimal value = rows.getBigDecimal(column);
                return value == null ? null : value.toPlainString();
            }
            case DOUBLE -> {
                double value = rows.getDouble(column);
                return rows.wasNull() ? null : Double.toString(value);
            }
            case REAL -> {
                float value = rows.getFloat(column);
                return rows.wasNull() ? null : Float.toString(value);
            }
            case BOOLEAN -> {
                boolean value = rows.getBoolean(column);
                return rows.wasNull() ? null : value ? "true" : "false";
            }
            case DATE -> {
                LocalDate value = rows.getObject(column, LocalDate.class);
                return value == null ? null : value.toString();
            }
            case TIMESTAMP_WITH_TIME_ZONE -> {
                OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
                return value == null ? null : value.toInstant().toString();
            }
            case TIMESTAMP -> {
                LocalDateTime value = rows.getObject(column, LocalDateTime.class);
                return value == null ? null : value.toInstant(ZoneOffset.UTC).toString();
            }
            default -> {
                return rows.getString(column);
            }
        }
    }

    /**
     * A window bound, bound as a {@code TIMESTAMP WITH TIME ZONE} at UTC, never through
     * {@code java.sql.Timestamp} (see {@code store.UtcInstants} for why).
     */
    private record UtcTimestamp(OffsetDateTime value) implements Argument {
        UtcTimestamp(Instant instant) {
            this(instant.atOffset(ZoneOffset.UTC));
        }

        @Override
        public void apply(int position, PreparedStatement statement, StatementContext ctx) throws SQLException {
            statement.setObject(position, value, Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** The database's own message (not Jdbi's, which repeats the statement), on one line, without secrets. */
    private static String databaseMessage(JdbiException e) {
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                message = t.getMessage();
                break;
            }
        }
        return redact(message == null ? e.getClass().getSimpleName() : message.strip().replaceAll("\\s*\\R\\s*", "; "));
    }

    /** {@code message} with passwords, as drivers might quote them from a URL, replaced by {@code ***}. */
    static String redact(String message) {
        String redacted = PASSWORD.matcher(message).replaceAll("$1***");
        return USER_INFO.matcher(redacted).replaceAll("//$1:***@");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Deletes a half-written file, as far as it can: the read has failed already, for the reason it reports. */
    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The file stays behind; the failure of the read matters more than this one.
        }
    }
}
