package io.driftwatch.store;

import java.util.Locale;

/**
 * The JDBC URL the service opens, adjusted so that stopping it loses no check.
 *
 * <p>The embedded default (H2) closes every open database in a JVM shutdown hook of its own. On
 * SIGTERM that hook runs at the same time as the server's graceful stop, so a check still running
 * finds the database closed when it stores its result, and its caller gets 500 instead of 201.
 * With {@code DB_CLOSE_ON_EXIT=FALSE} H2 leaves closing to the connection pool, which Dropwizard
 * stops last, after the requests in flight and the check queue. A URL that sets
 * {@code DB_CLOSE_ON_EXIT} itself is left as it is; other databases are not touched.
 *
 * <p>Thread-safe: stateless.
 */
public final class DatabaseUrls {
    private DatabaseUrls() {
    }

    /** {@code url} with H2's own shutdown hook turned off and commits written at once, unless the URL decides. */
    public static String forService(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        String adjusted = url;
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            adjusted += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        if (!upper.contains(";WRITE_DELAY=")) {
            adjusted += ";WRITE_DELAY=0";
        }
        return adjusted;
    }
}
