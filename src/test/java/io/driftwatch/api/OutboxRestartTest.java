package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.DriftwatchApplication;
import io.driftwatch.EditedConfig;
import io.driftwatch.TestDatabases;
import io.driftwatch.trigger.FakeAirflow;
import io.driftwatch.trigger.FakeServer;
import io.driftwatch.trigger.FakeServer.Reply;
import io.driftwatch.trigger.FakeServer.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery state survives a crash. The service runs as a separate JVM on the embedded default (an
 * H2 file); its webhook, PagerDuty and Airflow receivers are down (nothing listens on their ports),
 * so each receiver's first delivery of three checks (an incident opened, closed, and a second one
 * opened) is attempted and waits for its retry, and the receiver's later ones wait behind it. The JVM is then killed with SIGKILL (no graceful stop), the
 * receivers come up, and a new JVM on the same configuration delivers everything: each receiver
 * gets every event exactly once per idempotency key ({@code webhook-id}; PagerDuty's
 * {@code dedup_key} and action; Airflow's {@code dag_run_id}), in the order of the checks, and
 * there are as many events as outbox rows.
 *
 * <p>The children's output goes to {@code target/outbox-restart-test/}.
 */
class OutboxRestartTest {
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Path LOGS = Path.of("target", "outbox-restart-test");

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> fakes = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception { // AutoCloseable.close() declares Exception
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        for (AutoCloseable f : fakes) {
            f.close();
        }
    }

    @Test
    void deliversEveryEventExactlyOnceAfterAKillWhileTheReceiversWereDown() throws Exception {
        Files.createDirectories(LOGS);
        TestDatabases.TestDatabase db = TestDatabases.h2(dir);
        int port = freePort();
        int adminPort = freePort();
        int hookPort = freePort();
        int pagerDutyPort = freePort();
        int airflowPort = freePort();
        Path config = dir.resolve("config.yml");
        Files.writeString(config, EditedConfig.of(root -> {
            ObjectNode server = root.withObjectProperty("server");
            ((ObjectNode) server.withArray("applicationConnectors").get(0)).put("port", port);
            ((ObjectNode) server.withArray("adminConnectors").get(0)).put("port", adminPort);
            server.withObjectProperty("requestLog").putArray("appenders");
            root.put("reportsDirectory", dir.resolve("reports").toString());
            root.put("dataDirectory", dir.resolve("data").toString());
            root.withObjectProperty("database").put("url", db.url()).put("user", db.user());
            root.withObjectProperty("logging").put("level", "WARN").putObject("loggers")
                    .put("io.driftwatch.monitor.outbox.OutboxWorker", "INFO");
            ArrayNode channels = root.putArray("channels");
            channels.addObject().put("type", "webhook").put("name", "data-platform")
                    .put("url", "http://127.0.0.1:" + hookPort + "/driftwatch")
                    .put("secret", "whsec_" + java.util.Base64.getEncoder().encodeToString(
                            "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            channels.addObject().put("type", "pagerduty").put("name", "ml-oncall").put("routingKey", "test-routing-key")
                    .put("url", "http://127.0.0.1:" + pagerDutyPort + "/v2/enqueue");
            root.putArray("triggers").addObject().put("type", "airflow").put("name", "retrain-bikes")
                    .put("baseUrl", "http://127.0.0.1:" + airflowPort).put("apiVersion", 2)
                    .put("dagId", "retrain_bike_model").put("username", "driftwatch").put("password", "airflow-pass");
            root.putObject("outbox").put("pollInterval", "100ms").put("initialBackoff", "200ms")
                    .put("maxBackoff", "1s").put("lease", "2s");
        }).text(Path.of("config.yml")));

        // The receivers are down: every delivery is attempted, and waits.
        Process first = start(config, LOGS.resolve("first.log"));
        ApiClient api = new ApiClient(port);
        awaitHealthy(first, new ApiClient(adminPort), LOGS.resolve("first.log"));
        String reference = api.upload(Receiving.example("reference.csv"));
        ApiClient.Answer created = api.post("/api/v1/monitors", "application/yaml", Receiving.monitorYaml(
                "bike-sharing", reference, """
                        alerts:
                          channels: [data-platform, ml-oncall]
                        retrain:
                          triggers: [retrain-bikes]
                        """));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        check(api, "current.csv", true);
        check(api, "reference.csv", false);
        check(api, "current.csv", true);
        // opened: webhook, PagerDuty, Airflow; closed: webhook, PagerDuty; opened again: all three
        int rows = 8;
        // each receiver's first delivery is attempted and waits for its retry; the ones behind it wait for it
        Receiving.await("each receiver's first delivery attempted, every delivery still pending", PATIENCE, () -> {
            List<JsonNode> items = deliveries(api);
            return items.size() == rows && items.stream().allMatch(d -> d.path("state").asText().equals("pending"))
                    && items.stream().allMatch(d -> first(items, d) ? d.path("attempts").asInt() >= 1
                            : d.path("attempts").asInt() == 0);
        });

        Map<String, Integer> attemptsBeforeKill = new HashMap<>();
        for (JsonNode d : deliveries(api)) {
            attemptsBeforeKill.put(d.path("id").asText(), d.path("attempts").asInt());
        }
        first.destroyForcibly(); // SIGKILL: no graceful stop, no shutdown hooks
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("the killed service exited").isTrue();

        FakeServer hook = fake(new FakeServer(hookPort, request -> Reply.empty(204)));
        FakeServer pagerDuty = fake(new FakeServer(pagerDutyPort, request -> Reply.json(202,
                "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":"
                        + request.json().path("dedup_key") + "}")));
        FakeAirflow airflow = fake(new FakeAirflow(airflowPort, 2, "driftwatch", "airflow-pass", "retrain_bike_model"));

        Process second = start(config, LOGS.resolve("second.log"));
        awaitHealthy(second, new ApiClient(adminPort), LOGS.resolve("second.log"));
        List<JsonNode> delivered = new ArrayList<>();
        Receiving.await("every delivery delivered after the restart", PATIENCE, () -> {
            delivered.clear();
            delivered.addAll(deliveries(api));
            return delivered.stream().allMatch(d -> d.path("state").asText().equals("delivered"));
        });
        assertThat(delivered).as("the outbox rows survived the kill").hasSize(rows);

        Map<String, Integer> webhookIds = new HashMap<>();
        for (Request r : hook.requests()) {
            AlertDeliveryContractTest.assertSigned(r);
            webhookIds.merge(r.header("webhook-id"), 1, Integer::sum);
        }
        Map<String, Integer> pages = new HashMap<>();
        for (Request r : pagerDuty.requests()) {
            pages.merge(r.json().path("dedup_key").asText() + " " + r.json().path("event_action").asText(), 1,
                    Integer::sum);
        }
        Map<String, Integer> dagRuns = new HashMap<>();
        for (Request r : airflow.server().requests("POST", "/api/v1/dags/retrain_bike_model/dagRuns")) {
            dagRuns.merge(r.json().path("dag_run_id").asText(), 1, Integer::sum);
        }
        assertThat(webhookIds).as("webhook events by webhook-id").hasSize(3).allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(pages).as("PagerDuty events by dedup_key and action").hasSize(3)
                .allSatisfy((key, n) -> assertThat(n).isOne());
        assertThat(dagRuns).as("Airflow DAG runs requested by dag_run_id").hasSize(2)
                .allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(airflow.runs()).hasSize(2);
        assertThat(hook.requests().size() + pagerDuty.requests().size() + dagRuns.size())
                .as("one event per outbox row").isEqualTo(rows);
        List<String> hookEvents = new ArrayList<>();
        for (Request r : hook.requests()) {
            hookEvents.add(r.json().path("type").asText() + " " + r.json().at("/data/incidentId").asText());
        }
        List<String> pageEvents = new ArrayList<>();
        for (Request r : pagerDuty.requests()) {
            pageEvents.add(r.json().path("event_action").asText() + " " + r.json().path("dedup_key").asText());
        }
        String opened = incident(hookEvents.get(0));
        String again = incident(hookEvents.get(2));
        assertThat(again).isNotEqualTo(opened);
        assertThat(hookEvents).as("the webhook's events in the order of the checks").containsExactly(
                "driftwatch.incident.triggered " + opened, "driftwatch.incident.resolved " + opened,
                "driftwatch.incident.triggered " + again);
        assertThat(pageEvents).as("PagerDuty's events in the order of the checks").containsExactly(
                "trigger driftwatch/bike-sharing/" + opened, "resolve driftwatch/bike-sharing/" + opened,
                "trigger driftwatch/bike-sharing/" + again);
        for (JsonNode d : delivered) {
            // every attempt the service answered about before the kill is still on record, plus the delivery
            assertThat(d.path("attempts").asInt()).as("attempts of " + d)
                    .isGreaterThan(attemptsBeforeKill.get(d.path("id").asText()));
        }
    }

    /** Whether {@code d} is the earliest of its receiver's deliveries in {@code all}. */
    private static boolean first(List<JsonNode> all, JsonNode d) {
        for (JsonNode other : all) {
            if (other.path("targetKind").asText().equals(d.path("targetKind").asText())
                    && other.path("target").asText().equals(d.path("target").asText())
                    && Instant.parse(other.path("createdAt").asText())
                            .isBefore(Instant.parse(d.path("createdAt").asText()))) {
                return false;
            }
        }
        return true;
    }

    /** The incident id at the end of "type incident". */
    private static String incident(String event) {
        return event.substring(event.lastIndexOf(' ') + 1);
    }

    private <T extends AutoCloseable> T fake(T fake) {
        fakes.add(fake);
        return fake;
    }

    private static void check(ApiClient api, String file, boolean drift) throws InterruptedException {
        ApiClient.Answer a = api.post("/api/v1/monitors/bike-sharing/checks", "text/csv", Receiving.example(file));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().at("/datasetDrift/detected").asBoolean()).isEqualTo(drift);
    }

    private static List<JsonNode> deliveries(ApiClient api) {
        try {
            ApiClient.Answer a = api.get("/api/v1/monitors/bike-sharing/deliveries?limit=100");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            List<JsonNode> items = new ArrayList<>();
            a.json().path("items").forEach(items::add);
            return items;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code DriftwatchApplication server config} in a new JVM, its output in {@code log}. */
    private Process start(Path config, Path log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                DriftwatchApplication.class.getName(), "server", config.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    private static void awaitHealthy(Process service, ApiClient admin, Path log) throws InterruptedException,
            IOException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            assertThat(service.isAlive()).as("the service exited:\n%s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("the service did not start:\n%s", Files.readString(log))
                    .isLessThan(deadline);
            try {
                if (admin.get("/healthcheck").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
