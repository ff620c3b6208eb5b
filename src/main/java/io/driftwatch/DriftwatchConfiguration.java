package io.driftwatch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.driftwatch.api.auth.AuthFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * The service configuration ({@code config.yml}). The defaults run everything embedded: the
 * database is a file under {@code ./data} (H2 in PostgreSQL mode), reports and uploaded batches
 * are files under the working directory, and no external server is needed.
 *
 * <p>Not thread-safe: built once by Dropwizard at start-up, read-only afterwards.
 */
public class DriftwatchConfiguration extends Configuration {

    /** The embedded default: a file database in PostgreSQL mode, so the same SQL serves both. */
    static final String EMBEDDED_DATABASE_URL =
            "jdbc:h2:file:./data/driftwatch;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH";

    @NotNull
    private Path reportsDirectory = Path.of("reports");

    @NotNull
    private Path dataDirectory = Path.of("data");

    @Valid
    @NotNull
    private DataSourceFactory database = embeddedDatabase();

    @Valid
    @NotNull
    private ApiSettings api = new ApiSettings();

    @Valid
    @NotNull
    private CheckSettings checks = new CheckSettings();

    /** Who may call the API and open the dashboard; no tokens means open, on loopback only. */
    @Valid
    @NotNull
    private AuthFactory auth = new AuthFactory();

    private static DataSourceFactory embeddedDatabase() {
        DataSourceFactory f = new DataSourceFactory();
        f.setDriverClass("org.h2.Driver");
        f.setUrl(EMBEDDED_DATABASE_URL);
        f.setUser("driftwatch");
        f.setPassword("");
        return f;
    }

    /** Limits of the REST API. */
    public static class ApiSettings {
        /** The largest request body (an uploaded batch, after decompression); larger gets 413. */
        @NotNull
        private DataSize maxBodySize = DataSize.gibibytes(1);

        @JsonProperty
        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        @JsonProperty
        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }
    }

    /** The bounded executor checks run on. */
    public static class CheckSettings {
        /** Checks that run at once; each already uses every core for its columns. */
        @Min(1)
        @Max(64)
        private int concurrency = 2;

        /** Checks that may wait behind the running ones before callers get 503. */
        @Min(0)
        @Max(10_000)
        private int queueSize = 16;

        /** What a caller refused with 503 is told to wait ({@code Retry-After}). */
        @NotNull
        private Duration retryAfter = Duration.seconds(5);

        /** How long shutting down waits for queued and running checks. */
        @NotNull
        private Duration shutdownGracePeriod = Duration.minutes(2);

        @JsonProperty
        public int getConcurrency() {
            return concurrency;
        }

        @JsonProperty
        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        @JsonProperty
        public int getQueueSize() {
            return queueSize;
        }

        @JsonProperty
        public void setQueueSize(int queueSize) {
            this.queueSize = queueSize;
        }

        @JsonProperty
        public Duration getRetryAfter() {
            return retryAfter;
        }

        @JsonProperty
        public void setRetryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }

        @JsonProperty
        public Duration getShutdownGracePeriod() {
            return shutdownGracePeriod;
        }

        @JsonProperty
        public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
            this.shutdownGracePeriod = shutdownGracePeriod;
        }
    }

    @JsonProperty
    public Path getReportsDirectory() {
        return reportsDirectory;
    }

    @JsonProperty
    public void setReportsDirectory(Path reportsDirectory) {
        this.reportsDirectory = reportsDirectory;
    }

    @JsonProperty
    public Path getDataDirectory() {
        return dataDirectory;
    }

    @JsonProperty
    public void setDataDirectory(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @JsonProperty
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty
    public ApiSettings getApi() {
        return api;
    }

    @JsonProperty
    public void setApi(ApiSettings api) {
        this.api = api;
    }

    @JsonProperty
    public CheckSettings getChecks() {
        return checks;
    }

    @JsonProperty
    public void setChecks(CheckSettings checks) {
        this.checks = checks;
    }

    @JsonProperty
    public AuthFactory getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthFactory auth) {
        this.auth = auth;
    }
}
