package io.driftwatch.store;

import io.dropwizard.db.DataSourceFactory;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.jdbi.v3.core.ConnectionException;

/**
 * Whether the configured database can be opened, and why not, in one line a user can act on.
 *
 * <p>Commands and the service call {@link #require} before they build a connection pool: a pool that
 * cannot make its first connections logs an error with a stack trace, and the reason drowns in it.
 * The service's error answers and health check use {@link #outage} to tell a database that cannot
 * be reached (503, try again later) from a failing statement (a bug, 500).
 *
 * <p>Thread-safe: stateless.
 */
public final class DatabaseReach {
    /** H2's {@code DATABASE_ALREADY_OPEN_1}: another process holds the database file's lock. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final int MAX_CAUSES = 32;

    private DatabaseReach() {
    }

    /**
     * Opens one connection to {@code database} (no pool) and closes it.
     *
     * @param command the verb that needs the database ({@code server}, {@code db migrate},
     *     {@code backfill}…), for the advice when another process holds the embedded database
     * @throws UnreachableDatabaseException naming the database, what failed and what to do
     */
    public static void require(DataSourceFactory database, String command) {
        String url = database.getUrl();
        try {
            Class.forName(database.getDriverClass());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UnreachableDatabaseException("database.driverClass " + database.getDriverClass() + " is not"
                    + " a JDBC driver this jar has: use org.postgresql.Driver (PostgreSQL) or org.h2.Driver (the"
                    + " embedded default)", e);
        }
        Properties properties = new Properties();
        properties.putAll(database.getProperties());
        if (database.getUser() != null) {
            properties.setProperty("user", database.getUser());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        try (Connection c = DriverManager.getConnection(url, properties)) {
            c.getMetaData(); // opened: nothing more to learn here
        } catch (SQLException e) {
            throw new UnreachableDatabaseException(cannotOpen(url, e, command), e);
        }
    }

    /**
     * What {@link #require} says when the database at {@code url} cannot be opened.
     */
    static String cannotOpen(String url, SQLException e, String command) {
        String shown = redact(url);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return "the embedded database " + shown + " is in use by another process, "
                        + ("server".equals(command)
                                ? "most likely another Driftwatch service, or a backfill or notify-test: an H2 file"
                                        + " database admits one process at a time. Stop that process first, or run the"
                                        + " service on PostgreSQL"
                                : "most likely the running Driftwatch service: an H2 file database admits one process"
                                        + " at a time. Stop the service, run " + command + ", and start it again (or run"
                                        + " the service on PostgreSQL, which " + command + " can share with it)");
            }
        }
        String state = innermostSqlState(e);
        String advice;
        if (state != null && state.startsWith("28")) {
            advice = "check database.user and database.password in the configuration file";
        } else if ("3D000".equals(state)) {
            advice = "create it, or correct database.url in the configuration file";
        } else {
            advice = "check that " + (where(url).isEmpty() ? "the database server" : "PostgreSQL") + " is running"
                    + " there and reachable from here, and that database.url in the configuration file is right";
        }
        return "cannot connect to the database " + describe(url) + ": " + reason(e) + ". " + capitalised(advice);
    }

    /**
     * Whether {@code failure} comes from a database that cannot be reached or dropped the connection
     * (as opposed to a statement that failed): then what is wrong, in words.
     */
    public static Optional<String> outage(Throwable failure) {
        boolean connection = false;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                connection = true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                // 08: connection exception; 57P: the server shut down or is starting; 28 and 3D000: login refused
                connection |= state.startsWith("08") || state.startsWith("57P") || state.startsWith("28")
                        || "3D000".equals(state);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return connection ? Optional.of(reason(failure)) : Optional.empty();
    }

    /** The database as messages name it: its URL, password masked, and for PostgreSQL the host and port. */
    public static String describe(String url) {
        return redact(url) + where(url);
    }

    /** The database URL as it may be shown: a {@code password=} in it is masked. */
    public static String redact(String url) {
        return url == null ? "(no database.url)" : PASSWORD.matcher(url).replaceAll("$1***");
    }

    /** " (PostgreSQL at host:port)" for a PostgreSQL URL, else nothing. */
    static String where(String url) {
        String prefix = "jdbc:postgresql:";
        if (url == null || !url.startsWith(prefix)) {
            return "";
        }
        String rest = url.substring(prefix.length());
        if (!rest.startsWith("//")) {
            return " (PostgreSQL at localhost:5432)";
        }
        rest = rest.substring(2);
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String hosts = rest.substring(0, end);
        if (hosts.isEmpty()) {
            hosts = "localhost";
        }
        StringBuilder s = new StringBuilder();
        for (String host : hosts.split(",")) {
            boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
            s.append(s.length() == 0 ? "" : ", ").append(host).append(hasPort ? "" : ":5432");
        }
        return " (PostgreSQL at " + s + ")";
    }

    /** What went wrong, in words: the network failure, or the innermost database message's first line. */
    public static String reason(Throwable failure) {
        String sql = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to the host";
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer (timed out)";
            }
            if (t instanceof SQLException && t.getMessage() != null && !t.getMessage().isBlank()) {
                sql = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (sql == null) {
            String own = failure.getMessage();
            return own == null || own.isBlank() ? "the connection failed" : firstLine(own);
        }
        return firstLine(sql);
    }

    private static String innermostSqlState(Throwable failure) {
        String state = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                state = s.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return state;
    }

    private static String firstLine(String text) {
        String line = text.strip();
        int newline = line.indexOf('\n');
        line = newline < 0 ? line : line.substring(0, newline).strip();
        while (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1);
        }
        return line;
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
