package io.driftwatch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.driftwatch.api.BodyLimit;
import io.driftwatch.api.DefinitionLimit;
import io.driftwatch.api.auth.AuthFactory;
import io.driftwatch.cli.DatabaseHealthCheck;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.CsvReader;
import io.driftwatch.io.Limit;
import io.driftwatch.monitor.checks.CheckQueue;
import io.driftwatch.monitor.checks.DatasetIntake;
import io.driftwatch.monitor.checks.MonitorCatalog;
import io.driftwatch.monitor.outbox.OutboxWorker;
import io.driftwatch.monitor.policy.Receivers;
import io.driftwatch.monitor.schedule.ScheduledChecks;
import io.driftwatch.monitor.schedule.Scheduler;
import io.driftwatch.monitor.sources.SourceEnvironment;
import io.driftwatch.store.LocalStorageFactory;
import io.driftwatch.store.StorageFactory;
import io.driftwatch.notify.Channel;
import io.driftwatch.notify.ChannelFactory;
import io.driftwatch.store.DatabaseReach;
import io.driftwatch.store.DatabaseUrls;
import io.driftwatch.store.Migrations;
import io.driftwatch.store.OutboxDao;
import io.driftwatch.trigger.Trigger;
import io.driftwatch.trigger.TriggerFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.DataSizeUnit;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The service configuration ({@code config.yml}). The defaults run everything embedded: the
 * database is a file under {@code ./data} (H2 in PostgreSQL mode), reports and uploaded batches
 * are files under the working directory, and no external server is needed.
 *
 * <p>Each group of settings is a factory whose {@code build…} methods make the objects it configures
 * (a {@code build(Environment…)} also hands what it made to the environment's lifecycle when the
 * object owns threads or connections), so the monitor layer never sees a settings class. The
 * composition root, {@link Monitoring}, calls them (and the application, for the API's limits).
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

    /**
     * Where datasets, profiles and reports are kept: {@code type: local} (files under the data and
     * reports directories) or {@code type: s3} (a bucket, with those directories as caches).
     */
    @Valid
    @NotNull
    private StorageFactory storage = new LocalStorageFactory();

    @Valid
    @NotNull
    private DatabaseFactory database = embeddedDatabase();

    @Valid
    @NotNull
    private ApiSettings api = new ApiSettings();

    @Valid
    @NotNull
    private CheckSettings checks = new CheckSettings();

    /** Where users reach the service: alerts link to reports and the dashboard under it. */
    @NotNull
    private URI publicUrl = URI.create("http://127.0.0.1:8080/");

    /** Alert channels, by name; monitors name the ones they alert ({@code alerts.channels}). */
    @Valid
    @NotNull
    private List<ChannelFactory> channels = new ArrayList<>();

    /** Retraining triggers, by name; monitors name the ones they fire ({@code retrain.triggers}). */
    @Valid
    @NotNull
    private List<TriggerFactory> triggers = new ArrayList<>();

    @Valid
    @NotNull
    private OutboxSettings outbox = new OutboxSettings();

    /** How alerts and triggers are delivered: polling, back-off and when to give up. */
    public static class OutboxSettings {
        /** How often the worker looks for due deliveries (it is also woken after each check). */
        @NotNull
        private Duration pollInterval = Duration.seconds(1);
        /** How long a sender holds a delivery before another may retry it (crash recovery). */
        @NotNull
        private Duration lease = Duration.minutes(2);
        /** The first retry's delay; each later one doubles, with jitter, up to maxBackoff. */
        @NotNull
        private Duration initialBackoff = Duration.seconds(10);
        @NotNull
        private Duration maxBackoff = Duration.minutes(10);
        /** A delivery still failing this long after its check is marked failed (retryable by hand). */
        @NotNull
        private Duration giveUpAfter = Duration.hours(24);
        /** Receivers sent to in parallel. */
        @Min(1)
        @Max(64)
        private int senders = 4;

        /** The worker that sends {@code outbox}'s deliveries to {@code receivers}, managed by the environment. */
        public OutboxWorker build(Environment environment, OutboxDao outbox, Receivers receivers) {
            OutboxWorker worker = new OutboxWorker(outbox, receivers, new OutboxWorker.Settings(java(pollInterval),
                    java(lease), java(initialBackoff), java(maxBackoff), java(giveUpAfter), senders), Clock.systemUTC());
            environment.lifecycle().manage(worker);
            return worker;
        }

        @JsonProperty public Duration getPollInterval() { return pollInterval; }
        @JsonProperty public void setPollInterval(Duration v) { pollInterval = v; }
        @JsonProperty public Duration getLease() { return lease; }
        @JsonProperty public void setLease(Duration v) { lease = v; }
        @JsonProperty public Duration getInitialBackoff() { return initialBackoff; }
        @JsonProperty public void setInitialBackoff(Duration v) { initialBackoff = v; }
        @JsonProperty public Duration getMaxBackoff() { return maxBackoff; }
        @JsonProperty public void setMaxBackoff(Duration v) { maxBackoff = v; }
        @JsonProperty public Duration getGiveUpAfter() { return giveUpAfter; }
        @JsonProperty public void setGiveUpAfter(Duration v) { giveUpAfter = v; }
        @JsonProperty public int getSenders() { return senders; }
        @JsonProperty public void setSenders(int v) { senders = v; }
    }

    /** The channels and triggers declared here, with the public URL alerts link to. */
    public Receivers buildReceivers() {
        List<Channel> builtChannels = new ArrayList<>();
        for (ChannelFactory f : channels) {
            builtChannels.add(f.build());
        }
        List<Trigger> builtTriggers = new ArrayList<>();
        for (TriggerFactory f : triggers) {
            builtTriggers.add(f.build());
        }
        return new Receivers(builtChannels, builtTriggers, publicUrl);
    }

    @JsonProperty
    public URI getPublicUrl() {
        return publicUrl;
    }

    @JsonProperty
    public void setPublicUrl(URI publicUrl) {
        this.publicUrl = publicUrl;
    }

    @JsonProperty
    public List<ChannelFactory> getChannels() {
        return channels;
    }

    @JsonProperty
    public void setChannels(List<ChannelFactory> channels) {
        this.channels = channels;
    }

    @JsonProperty
    public List<TriggerFactory> getTriggers() {
        return triggers;
    }

    @JsonProperty
    public void setTriggers(List<TriggerFactory> triggers) {
        this.triggers = triggers;
    }

    @JsonProperty
    public OutboxSettings getOutbox() {
        return outbox;
    }

    @JsonProperty
    public void setOutbox(OutboxSettings outbox) {
        this.outbox = outbox;
    }

    /** What monitors' sources may read: folders and JDBC data sources. */
    @Valid
    @NotNull
    private SourceSettings sources = new SourceSettings();

    /** The scheduler that runs monitors with a {@code schedule:}. */
    @Valid
    @NotNull
    private SchedulerSettings scheduler = new SchedulerSettings();

    @JsonProperty
    public SourceSettings getSources() {
        return sources;
    }

    @JsonProperty
    public void setSources(SourceSettings sources) {
        this.sources = sources;
    }

    @JsonProperty
    public SchedulerSettings getScheduler() {
        return scheduler;
    }

    @JsonProperty
    public void setScheduler(SchedulerSettings scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * The S3-compatible object storage that {@code type: s3} sources and {@code s3://} references read;
     * unset fields fall back to the AWS variables of the service's environment
     * ({@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL}, {@code AWS_REGION},
     * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}). Secrets
     * belong in {@code ${ENV}} substitutions.
     */
    public record S3Server(String endpoint, String region, String accessKeyId, String secretAccessKey,
            String sessionToken) {
        /** No settings: the AWS variables of the environment decide. */
        public S3Server() {
            this(null, null, null, null, null);
        }

        /** {@code environment}, with these settings in place of the AWS variables where set. */
        java.util.function.Function<String, String> over(java.util.function.Function<String, String> environment) {
            Map<String, String> set = new LinkedHashMap<>();
            MlflowServer.put(set, "AWS_ENDPOINT_URL_S3", endpoint);
            MlflowServer.put(set, "AWS_REGION", region);
            MlflowServer.put(set, "AWS_ACCESS_KEY_ID", accessKeyId);
            MlflowServer.put(set, "AWS_SECRET_ACCESS_KEY", secretAccessKey);
            MlflowServer.put(set, "AWS_SESSION_TOKEN", sessionToken);
            return name -> set.containsKey(name) ? set.get(name) : environment.apply(name);
        }
    }

    /**
     * An MLflow tracking server, as MLflow's clients name one: its URL and a token or a user and
     * password (secrets as {@code ${ENV}}); blank fields are unset.
     */
    public static class MlflowServer {
        private String trackingUri;
        private String token;
        private String username;
        private String password;

        /** {@code environment}, with this server's settings in place of MLflow's variables where set. */
        java.util.function.Function<String, String> over(java.util.function.Function<String, String> environment) {
            Map<String, String> set = new LinkedHashMap<>();
            put(set, "MLFLOW_TRACKING_URI", trackingUri);
            put(set, "MLFLOW_TRACKING_TOKEN", token);
            put(set, "MLFLOW_TRACKING_USERNAME", username);
            put(set, "MLFLOW_TRACKING_PASSWORD", password);
            return name -> set.containsKey(name) ? set.get(name) : environment.apply(name);
        }

        static void put(Map<String, String> set, String name, String value) {
            if (value != null && !value.isBlank()) {
                set.put(name, value);
            }
        }

        @JsonProperty
        public String getTrackingUri() {
            return trackingUri;
        }

        @JsonProperty
        public void setTrackingUri(String trackingUri) {
            this.trackingUri = trackingUri;
        }

        @JsonProperty
        public String getToken() {
            return token;
        }

        @JsonProperty
        public void setToken(String token) {
            this.token = token;
        }

        @JsonProperty
        public String getUsername() {
            return username;
        }

        @JsonProperty
        public void setUsername(String username) {
            this.username = username;
        }

        @JsonProperty
        public String getPassword() {
            return password;
        }

        @JsonProperty
        public void setPassword(String password) {
            this.password = password;
        }
    }

    /** What monitors' sources may read. */
    public static class SourceSettings {
        /**
         * Folders a {@code type: directory} source may read (it may be any folder inside one). A monitor
         * naming another folder is refused (422), so API callers cannot read the server's files.
         */
        @NotNull
        private List<Path> directories = new ArrayList<>(List.of(Path.of("incoming")));

        /** JDBC data sources by name, for {@code type: jdbc} sources ({@code datasource: NAME}). */
        @Valid
        @NotNull
        private Map<String, DataSourceFactory> dataSources = new LinkedHashMap<>();

        /**
         * The MLflow tracking server that resolves references named {@code mlflow:models:/…}; unset
         * fields fall back to MLflow's environment variables ({@code MLFLOW_TRACKING_URI},
         * {@code MLFLOW_TRACKING_TOKEN}, {@code MLFLOW_TRACKING_USERNAME}, {@code MLFLOW_TRACKING_PASSWORD}).
         */
        @Valid
        @NotNull
        private MlflowServer mlflow = new MlflowServer();

        /** The object storage that {@code type: s3} sources and {@code s3://} references read. */
        @Valid
        @NotNull
        private S3Server s3 = new S3Server();

        /**
         * The data sources by name, each a pool managed by the environment; a pool connects when a
         * source first reads from it.
         */
        public Map<String, DataSource> buildDataSources(Environment environment) {
            Map<String, DataSource> built = new LinkedHashMap<>();
            dataSources.forEach((name, factory) -> {
                ManagedDataSource source = factory.build(environment.metrics(), "source-" + name);
                environment.lifecycle().manage(source);
                built.put(name, source);
            });
            return built;
        }

        /**
         * What sources are given: {@code dataSources} (built by {@link #buildDataSources}), these
         * folders, the process's environment variables, and {@code dataDirectory/tmp} (created) for
         * the batches they read.
         */
        public SourceEnvironment build(Map<String, DataSource> dataSources, Path dataDirectory) {
            List<Path> absolute = new ArrayList<>();
            for (Path p : directories) {
                absolute.add(p.toAbsolutePath().normalize());
            }
            Path tmp = dataDirectory.resolve("tmp");
            try {
                Files.createDirectories(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + tmp, e);
            }
            return new SourceEnvironment(dataSources, absolute, mlflow.over(s3.over(System::getenv)), tmp);
        }

        @JsonProperty
        public S3Server getS3() {
            return s3;
        }

        @JsonProperty
        public void setS3(S3Server s3) {
            this.s3 = s3;
        }

        @JsonProperty
        public MlflowServer getMlflow() {
            return mlflow;
        }

        @JsonProperty
        public void setMlflow(MlflowServer mlflow) {
            this.mlflow = mlflow;
        }

        @JsonProperty
        public List<Path> getDirectories() {
            return directories;
        }

        @JsonProperty
        public void setDirectories(List<Path> directories) {
            this.directories = directories;
        }

        @JsonProperty
        public Map<String, DataSourceFactory> getDataSources() {
            return dataSources;
        }

        @JsonProperty
        public void setDataSources(Map<String, DataSourceFactory> dataSources) {
            this.dataSources = dataSources;
        }
    }

    /** The scheduler of monitors with a {@code schedule:}. */
    public static class SchedulerSettings {
        /** Whether this instance runs scheduled monitors (every replica may; each slot runs once). */
        private boolean enabled = true;

        /** How often due slots are looked for; a slot starts at most this late. */
        @NotNull
        private Duration pollInterval = Duration.seconds(1);

        /** Scheduled runs at once on this instance (one monitor's runs never overlap here). */
        @Min(1)
        @Max(64)
        private int concurrency = 2;

        /** This instance's name in the run history; by default host name and process id. */
        private String instanceName;

        /**
         * How long a slot may stay {@code running} before it counts as cut off by a crash and may be
         * claimed again. Longer than the longest run, or a slow run is repeated.
         */
        @NotNull
        private Duration staleAfter = Duration.hours(1);

        /**
         * The scheduler that runs {@code catalog}'s scheduled monitors through {@code checks}, managed by
         * the environment; stopping waits up to {@code grace} for the runs under way.
         */
        public Scheduler build(Environment environment, MonitorCatalog catalog, ScheduledChecks checks,
                java.time.Duration grace) {
            Scheduler scheduler = new Scheduler(catalog, checks, Clock.systemUTC(), java(pollInterval), concurrency,
                    grace);
            environment.lifecycle().manage(scheduler);
            return scheduler;
        }

        /** How long a slot or a file may stay in use before it counts as left by a crash. */
        public java.time.Duration staleAfterDuration() {
            return java(staleAfter);
        }

        /** The configured name, or host name, process id and a few random characters (unique per process). */
        public String instanceNameOrDefault() {
            if (instanceName != null && !instanceName.isBlank()) {
                return instanceName;
            }
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown-host";
            }
            return host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
                    + UUID.randomUUID().toString().substring(0, 4);
        }

        @JsonProperty
        public Duration getStaleAfter() {
            return staleAfter;
        }

        @JsonProperty
        public void setStaleAfter(Duration staleAfter) {
            this.staleAfter = staleAfter;
        }

        @JsonProperty
        public boolean isEnabled() {
            return enabled;
        }

        @JsonProperty
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        @JsonProperty
        public Duration getPollInterval() {
            return pollInterval;
        }

        @JsonProperty
        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        @JsonProperty
        public int getConcurrency() {
            return concurrency;
        }

        @JsonProperty
        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        @JsonProperty
        public String getInstanceName() {
            return instanceName;
        }

        @JsonProperty
        public void setInstanceName(String instanceName) {
            this.instanceName = instanceName;
        }
    }

    /** Who may call the API and open the dashboard; no tokens means open, on loopback only. */
    @Valid
    @NotNull
    private AuthFactory auth = new AuthFactory();

    private static DatabaseFactory embeddedDatabase() {
        DatabaseFactory f = new DatabaseFactory();
        f.setDriverClass("org.h2.Driver");
        f.setUrl(EMBEDDED_DATABASE_URL);
        f.setUser("driftwatch");
        f.setPassword("");
        return f;
    }

    /**
     * The service's database: Dropwizard's data source settings ({@code database:}), and the one
     * place its {@link Jdbi} is built, for the service and for the commands that share its database.
     *
     * <p>Not thread-safe: built once by Dropwizard at start-up, read-only afterwards.
     */
    public static class DatabaseFactory extends DataSourceFactory {
        /**
         * The service's database, its URL first adjusted so that stopping the service loses no check
         * ({@link DatabaseUrls#forService}); otherwise as {@link #buildJdbi}.
         */
        public Jdbi buildJdbiForServer(Environment environment) throws Exception {
            setUrl(DatabaseUrls.forService(getUrl()));
            return buildJdbi(environment, "server");
        }

        /**
         * Opens the database for {@code command} ({@code server}, {@code backfill}…): says in one line why
         * when it cannot be reached ({@link DatabaseReach#require}) or lacks a migration (through a pool of
         * its own, which Liquibase closes), then builds the pool and {@link Jdbi} with Dropwizard's
         * {@link JdbiFactory} (the pool managed by the environment) and puts {@link DatabaseHealthCheck},
         * which says why the database fails, in place of Dropwizard's health check.
         */
        public Jdbi buildJdbi(Environment environment, String command) throws Exception {
            DatabaseReach.require(this, command);
            ManagedDataSource migrationsCheck = build(environment.metrics(), "migrations-check");
            try {
                Migrations.requireApplied(migrationsCheck, DatabaseReach.redact(getUrl()));
            } finally {
                migrationsCheck.stop();
            }
            Jdbi jdbi = new JdbiFactory().build(environment, this, DatabaseHealthCheck.NAME);
            DatabaseHealthCheck.replace(environment, jdbi, this);
            return jdbi;
        }
    }

    private static java.time.Duration java(Duration d) {
        return java.time.Duration.ofMillis(d.toMilliseconds());
    }

    /** Limits of the REST API. */
    public static class ApiSettings {
        /** The share of the heap a batch may take once decompressed, unless configured: one in this many bytes. */
        static final int HEAP_SHARE_DIVISOR = 16;

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

        /**
         * The largest monitor definition (YAML or JSON) that {@code POST} and {@code PUT /monitors}
         * read; larger gets 413.
         */
        @NotNull
        @MinDataSize(1)
        @MaxDataSize(value = 1, unit = DataSizeUnit.GIBIBYTES)
        private DataSize maxMonitorDefinitionSize = DataSize.mebibytes(1);

        @JsonProperty
        public DataSize getMaxMonitorDefinitionSize() {
            return maxMonitorDefinitionSize;
        }

        @JsonProperty
        public void setMaxMonitorDefinitionSize(DataSize maxMonitorDefinitionSize) {
            this.maxMonitorDefinitionSize = maxMonitorDefinitionSize;
        }

        // Limits on what an uploaded batch holds; each refusal (413) names the key that raises it.

        /**
         * The most bytes a batch may hold once decompressed (a gzip body, or a plain one); unset means
         * the smaller of {@link #maxBodySize} and a sixteenth of the JVM's maximum heap
         * ({@value #HEAP_SHARE_DIVISOR}), since parsing a CSV of n bytes can take up to about 12n bytes
         * of heap: an empty cell is one byte (its delimiter) and becomes an eight-byte double, and a
         * large file is read in parallel parts whose columns are joined (about 1.5 times the table).
         */
        private DataSize maxDecompressedSize;

        /** The most columns a batch may have; a CSV header past it is refused while it is read. */
        @Min(1)
        @Max(1_000_000)
        private int maxColumns = CsvOptions.DEFAULT_MAX_COLUMNS;

        /** The most characters a CSV cell may hold (and a header name). */
        @Min(1)
        @Max(CsvReader.MAX_LINE_CHARS)
        private int maxCellLength = CsvReader.MAX_LINE_CHARS;

        @JsonProperty
        public DataSize getMaxDecompressedSize() {
            return maxDecompressedSize;
        }

        @JsonProperty
        public void setMaxDecompressedSize(DataSize maxDecompressedSize) {
            this.maxDecompressedSize = maxDecompressedSize;
        }

        @JsonProperty
        public int getMaxColumns() {
            return maxColumns;
        }

        @JsonProperty
        public void setMaxColumns(int maxColumns) {
            this.maxColumns = maxColumns;
        }

        @JsonProperty
        public int getMaxCellLength() {
            return maxCellLength;
        }

        @JsonProperty
        public void setMaxCellLength(int maxCellLength) {
            this.maxCellLength = maxCellLength;
        }

        /** The largest request body. */
        public BodyLimit bodyLimit() {
            return new BodyLimit(maxBodySize.toBytes());
        }

        /** The largest monitor definition. */
        public DefinitionLimit definitionLimit() {
            return new DefinitionLimit(maxMonitorDefinitionSize.toBytes());
        }

        /**
         * The limits of an uploaded batch, each named by its key; {@code maxHeapBytes} (the JVM's
         * maximum heap) sets the default decompressed size.
         */
        public DatasetIntake.Limits intakeLimits(long maxHeapBytes) {
            Limit body = new Limit(maxBodySize.toBytes(), "api.maxBodySize");
            Limit decompressed;
            if (maxDecompressedSize != null) {
                decompressed = new Limit(maxDecompressedSize.toBytes(), "api.maxDecompressedSize");
            } else if (maxBodySize.toBytes() <= maxHeapBytes / HEAP_SHARE_DIVISOR) {
                decompressed = new Limit(maxBodySize.toBytes(), "api.maxDecompressedSize, by default api.maxBodySize");
            } else {
                decompressed = new Limit(Math.max(1, maxHeapBytes / HEAP_SHARE_DIVISOR),
                        "api.maxDecompressedSize, by default a sixteenth of the JVM's maximum heap");
            }
            CsvOptions.Limits csv = new CsvOptions.Limits(new Limit(maxColumns, "api.maxColumns"),
                    new Limit(maxCellLength, "api.maxCellLength"));
            return new DatasetIntake.Limits(body, decompressed, csv);
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

        /** The queue checks run on, its gauges in the environment's metrics, managed by the environment. */
        public CheckQueue build(Environment environment) {
            CheckQueue queue = new CheckQueue(concurrency, queueSize, java(retryAfter), java(shutdownGracePeriod),
                    environment.metrics());
            environment.lifecycle().manage(queue);
            return queue;
        }

        /** How long shutting down waits for checks under way. */
        public java.time.Duration shutdownGrace() {
            return java(shutdownGracePeriod);
        }

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
    public StorageFactory getStorage() {
        return storage;
    }

    @JsonProperty
    public void setStorage(StorageFactory storage) {
        this.storage = storage;
    }

    @JsonProperty
    public DatabaseFactory getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DatabaseFactory database) {
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
