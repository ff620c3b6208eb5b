package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.driftwatch.EditedConfig;
import io.driftwatch.TestDatabases;
import io.driftwatch.TestDatabases.TestDatabase;
import io.driftwatch.monitor.checks.DatasetIntake;
import io.driftwatch.monitor.checks.MonitorCatalog;
import io.driftwatch.monitor.policy.Receivers;
import io.driftwatch.notify.Channel;
import io.driftwatch.notify.PagerDutyChannelFactory;
import io.driftwatch.notify.SlackChannelFactory;
import io.driftwatch.notify.WebhookChannelFactory;
import io.driftwatch.store.BlobStore;
import io.driftwatch.store.CheckDao;
import io.driftwatch.store.DatasetDao;
import io.driftwatch.store.MonitorDao;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftwatch notify-test MONITOR config.yml} through the real command line, on a migrated
 * embedded database holding monitors created through the monitor layer, with Slack, PagerDuty and a
 * webhook faked by one local HTTP server that answers each path as the real receivers do.
 */
class NotifyTestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REFERENCE = Path.of("examples/bike-sharing/reference.csv");

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private TestDatabase db;
    private Path config;

    record Received(String path, String body) {
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        statuses.put("/slack", 200);
        statuses.put("/hook", 200);
        statuses.put("/v2/enqueue", 202);
        db = TestDatabases.h2(dir);
        createMonitors();
        config = dir.resolve("config.yml");
        Files.writeString(config, EditedConfig.of(this::edit).text(Path.of("config.yml")));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Slack answers "ok", a webhook endpoint anything 2xx, PagerDuty's Events API 202 with a JSON body. */
    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            int status = statuses.getOrDefault(path, 404);
            String body = path.equals("/v2/enqueue") && status == 202
                    ? "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}"
                    : status == 200 ? "ok" : "no_service";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The shipped config.yml on this test's database and folders, with three channels. */
    private void edit(ObjectNode root) {
        root.put("reportsDirectory", dir.resolve("reports").toString());
        root.put("dataDirectory", dir.resolve("data").toString());
        ObjectNode database = root.withObjectProperty("database");
        database.put("driverClass", db.driverClass());
        database.put("url", db.url());
        database.put("user", db.user()); // and the shipped logging settings, which the command must keep off stdout
        root.put("publicUrl", "http://driftwatch.example:8080/");
        ArrayNode channels = root.putArray("channels");
        channels.addObject().put("name", "team-slack").put("type", "slack").put("url", url("/slack"));
        channels.addObject().put("name", "on-call").put("type", "pagerduty").put("routingKey", "R0UT1NGKEY")
                .put("url", url("/v2/enqueue"));
        channels.addObject().put("name", "hook").put("type", "webhook").put("url", url("/hook"))
                .put("secret", "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
    }

    /** Monitor "bikes" alerts the three channels; monitor "quiet" alerts none. */
    private void createMonitors() throws IOException {
        Jdbi jdbi = Jdbi.create(db.url(), db.user(), "").installPlugin(new SqlObjectPlugin());
        SlackChannelFactory slack = new SlackChannelFactory();
        slack.setName("team-slack");
        slack.setUrl(url("/slack"));
        PagerDutyChannelFactory pd = new PagerDutyChannelFactory();
        pd.setName("on-call");
        pd.setRoutingKey("R0UT1NGKEY");
        WebhookChannelFactory hook = new WebhookChannelFactory();
        hook.setName("hook");
        hook.setUrl(url("/hook"));
        hook.setSecret("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        List<Channel> channels = List.of(slack.build(), pd.build(), hook.build());
        BlobStore blobs = BlobStore.in(dir.resolve("data"));
        DatasetDao datasets = jdbi.onDemand(DatasetDao.class);
        DatasetIntake intake = new DatasetIntake(datasets, blobs, 1 << 30);
        MonitorCatalog catalog = new MonitorCatalog(jdbi.onDemand(MonitorDao.class), datasets,
                jdbi.onDemand(CheckDao.class), jdbi.onDemand(io.driftwatch.store.ReferenceVersionDao.class), intake,
                blobs, io.driftwatch.store.ReportStore.in(dir.resolve("reports")),
                new Receivers(channels, List.of(), URI.create("http://driftwatch.example:8080/")),
                new io.driftwatch.monitor.sources.SourceEnvironment(java.util.Map.of(), List.of(), name -> null, dir));
        String reference;
        try (InputStream in = Files.newInputStream(REFERENCE)) {
            reference = intake.ingest(in).id();
        }
        catalog.create("name: bikes\nreference: " + reference + "\nalerts:\n  channels: [team-slack, on-call, hook]\n",
                "application/yaml");
        catalog.create("name: quiet\nreference: " + reference + "\n", "application/yaml");
    }

    private List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void sendsATestToEveryChannelAndResolvesThePagerDutyIncidentItOpened() throws Exception {
        CliRunner.Run run = CliRunner.run("notify-test", "bikes", config.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
        assertThat(run.stdout().lines().toList()).containsExactly(
                "team-slack (slack): delivered (HTTP 200)",
                "on-call (pagerduty): delivered (HTTP 202); the test opened a real PagerDuty incident, resolved at once"
                        + " (HTTP 202)",
                "hook (webhook): delivered (HTTP 200)");
        assertThat(at("/slack")).singleElement().satisfies(r -> assertThat(r.body()).containsIgnoringCase("test"));
        List<Received> pd = at("/v2/enqueue");
        assertThat(pd).hasSize(2);
        JsonNode trigger = JSON.readTree(pd.get(0).body());
        JsonNode resolve = JSON.readTree(pd.get(1).body());
        assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.path("routing_key").asText()).isEqualTo("R0UT1NGKEY");
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo(trigger.path("dedup_key").asText())
                .startsWith("driftwatch/bikes/test-");
        JsonNode event = JSON.readTree(at("/hook").get(0).body());
        assertThat(event.path("type").asText()).isEqualTo("driftwatch.test");
        assertThat(event.toString()).contains("http://driftwatch.example:8080/monitors/bikes");
    }

    @Test
    void exitsOneAndSaysWhichChannelFailedAndWhichWouldBeRetried() throws Exception {
        statuses.put("/slack", 404);
        statuses.put("/hook", 503);

        CliRunner.Run run = CliRunner.run("notify-test", "bikes", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("team-slack (slack): failed (").contains("404");
        assertThat(lines.get(1)).startsWith("on-call (pagerduty): delivered (HTTP 202)");
        assertThat(lines.get(2)).startsWith("hook (webhook): will-retry (").contains("503");
    }

    @Test
    void doesNotResolveAPagerDutyTestThatWasRefused() throws Exception {
        statuses.put("/v2/enqueue", 400);

        CliRunner.Run run = CliRunner.run("notify-test", "bikes", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("on-call (pagerduty): failed (").doesNotContain("PagerDuty incident");
        assertThat(at("/v2/enqueue")).hasSize(1);
    }

    @Test
    void exitsTwoForAMonitorThatDoesNotExist() throws Exception {
        CliRunner.Run run = CliRunner.run("notify-test", "nosuch", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("driftwatch notify-test: no monitor with id 'nosuch'" + System.lineSeparator());
        assertThat(received).isEmpty();
    }

    @Test
    void exitsTwoForAMonitorWithoutChannels() throws Exception {
        CliRunner.Run run = CliRunner.run("notify-test", "quiet", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("alerts.channels").contains("names no channel");
        assertThat(received).isEmpty();
    }

    @Test
    void saysTheEmbeddedDatabaseIsHeldByTheRunningServiceInOneLineAndExitsTwo() throws Exception {
        CliRunner.Run run;
        try (H2Holder holder = H2Holder.open(db)) {
            run = CliRunner.run("notify-test", "bikes", config.toString());
        }

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("driftwatch notify-test: the embedded database ")
                .contains("is in use by another process").contains("Stop the service").endsWith("\n")
                .hasLineCount(1);
        assertThat(received).isEmpty();
    }
}
