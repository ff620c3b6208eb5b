package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.driftwatch.api.Receiving.Script;
import io.driftwatch.trigger.FakeServer;
import io.driftwatch.trigger.FakeServer.Reply;
import io.driftwatch.trigger.FakeServer.Request;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A batch posted as a check that cannot be checked (not a readable CSV, Arrow or Parquet batch, or columns that
 * do not line up with the reference) answers 422 and is recorded as a failed check with the reason,
 * which the monitor's alert policy sees: with {@code alerts.when.check_error} the first one opens an
 * incident and a local fake of a signed webhook receives the alert with the reason. A body refused for
 * its size, or cut off by the client, is not a check.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FailedCheckAlertTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final int BODY_LIMIT = 256 * 1024;

    static final FakeServer WEBHOOK = new FakeServer(new Script(Reply.empty(204)));
    static final TestService SERVICE = TestService.onH2(FailedCheckAlertTest::webhook,
            ConfigOverride.config("api.maxBodySize", BODY_LIMIT + "B"));
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    private static String reference;

    /** One webhook channel on the fake, a fast outbox. */
    private static void webhook(ObjectNode root) {
        root.putArray("channels").addObject().put("type", "webhook").put("name", "on-call")
                .put("url", WEBHOOK.uri() + "/hook").put("secret", SECRET);
        root.putObject("outbox").put("pollInterval", "100ms").put("initialBackoff", "200ms").put("maxBackoff", "1s");
        root.withObjectProperty("server").withObjectProperty("requestLog").putArray("appenders");
    }

    @BeforeAll
    static void uploadTheReference() {
        TestService.Reply reply = SERVICE.post("/api/v1/datasets", "text/csv", Batches.reference());
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        reference = reply.json().get("id").asText();
    }

    @AfterAll
    static void stopTheFake() {
        WEBHOOK.close();
    }

    private static void createMonitor(String name) {
        TestService.Reply reply = SERVICE.post("/api/v1/monitors", "application/yaml",
                Receiving.monitorYaml(name, reference, "alerts: {when: {check_error: true}, channels: [on-call]}\n"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static List<JsonNode> history(String monitor) {
        TestService.Reply reply = SERVICE.get("/api/v1/monitors/" + monitor + "/checks");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        reply.json().get("items").forEach(items::add);
        return items;
    }

    /** The webhook events received for {@code monitor}. */
    private static List<JsonNode> events(String monitor) {
        List<JsonNode> events = new ArrayList<>();
        for (Request r : WEBHOOK.requests("POST", "/hook")) {
            if (r.json().at("/data/monitor").asText().equals(monitor)) {
                events.add(r.json());
            }
        }
        return events;
    }

    @Test
    void recordsAnUnreadableBatchAsAFailedCheckAndAlertsOnIt() throws Exception {
        createMonitor("unreadable");
        byte[] ragged = "temp,cnt\n0.5,10\n0.7\n".getBytes(StandardCharsets.UTF_8);

        TestService.Reply reply = SERVICE.post("/api/v1/monitors/unreadable/checks", "text/csv", ragged);

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        JsonNode error = reply.json();
        assertThat(error.get("code").asText()).isEqualTo("unreadable_dataset");
        assertThat(error.get("field").asText()).isEqualTo("body");
        String reason = error.get("message").asText();
        assertThat(reason).contains("line 3");
        String checkId = error.get("checkId").asText();
        assertThat(error.at("/links/check").asText()).isEqualTo("/api/v1/checks/" + checkId);

        List<JsonNode> history = history("unreadable");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("id").asText()).isEqualTo(checkId);
        assertThat(history.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(history.get(0).get("error").asText()).isEqualTo(reason);
        assertThat(history.get(0).get("datasetId").isNull()).isTrue();
        TestService.Reply check = SERVICE.get("/api/v1/checks/" + checkId);
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().get("error").asText()).isEqualTo(reason);

        Receiving.await("the check_error alert", PATIENCE, () -> !events("unreadable").isEmpty());
        JsonNode event = events("unreadable").get(0);
        assertThat(event.get("type").asText()).isEqualTo("driftwatch.incident.triggered");
        assertThat(event.at("/data/checkId").asText()).isEqualTo(checkId);
        assertThat(event.at("/data/checkError").asText()).isEqualTo(reason);
    }

    @Test
    void recordsNotGzipAndEmptyBodiesAsFailedChecks() {
        createMonitor("not-gzip");
        byte[] brokenGzip = {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

        TestService.Reply gzip = SERVICE.post("/api/v1/monitors/not-gzip/checks", "text/csv", brokenGzip);
        TestService.Reply empty = SERVICE.post("/api/v1/monitors/not-gzip/checks", "text/csv", new byte[0]);

        assertThat(gzip.status()).as(gzip.body()).isEqualTo(422);
        assertThat(empty.status()).as(empty.body()).isEqualTo(422);
        List<JsonNode> history = history("not-gzip");
        assertThat(history).extracting(c -> c.get("id").asText())
                .containsExactly(empty.json().get("checkId").asText(), gzip.json().get("checkId").asText());
        assertThat(history).extracting(c -> c.get("status").asText()).containsOnly("failed");
        assertThat(history.get(0).get("error").asText()).isEqualTo(empty.json().get("message").asText())
                .contains("empty");
        assertThat(history.get(1).get("error").asText()).isEqualTo(gzip.json().get("message").asText())
                .contains("gzip");
    }

    @Test
    void recordsABatchWhoseColumnsDoNotLineUpAsAFailedCheckWithItsId() {
        createMonitor("mismatch");
        byte[] otherColumns = "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8);

        TestService.Reply streamed = SERVICE.post("/api/v1/monitors/mismatch/checks", "text/csv", otherColumns);
        TestService.Reply uploaded = SERVICE.post("/api/v1/datasets", "text/csv", otherColumns);
        TestService.Reply byId = SERVICE.post("/api/v1/monitors/mismatch/checks", "application/json",
                "{\"datasetId\": \"" + uploaded.json().get("id").asText() + "\"}");

        for (TestService.Reply reply : List.of(streamed, byId)) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(422);
            assertThat(reply.json().get("code").asText()).isIn("unreadable_dataset", "schema_mismatch");
            assertThat(reply.json().get("checkId").asText()).isNotBlank();
        }
        List<JsonNode> history = history("mismatch");
        assertThat(history).extracting(c -> c.get("id").asText())
                .containsExactly(byId.json().get("checkId").asText(), streamed.json().get("checkId").asText());
        assertThat(history).extracting(c -> c.get("status").asText()).containsOnly("failed");
        assertThat(history.get(1).get("error").asText()).isEqualTo(streamed.json().get("message").asText());
        assertThat(history.get(1).get("datasetId").asText()).isEqualTo(uploaded.json().get("id").asText());
    }

    @Test
    void aBodyRefusedForItsSizeIsNotACheck() {
        createMonitor("too-large");
        byte[] large = new byte[BODY_LIMIT + 1];

        TestService.Reply announced = SERVICE.post("/api/v1/monitors/too-large/checks", "text/csv", large);
        TestService.Reply chunked = SERVICE.postChunked("/api/v1/monitors/too-large/checks", "text/csv", large);

        assertThat(announced.status()).as(announced.body()).isEqualTo(413);
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(413);
        assertThat(announced.json().has("checkId")).isFalse();
        assertThat(history("too-large")).isEmpty();
    }

    @Test
    void aBodyCutOffByTheClientIsNotACheck() throws IOException {
        createMonitor("cut-off");
        String head = "POST /api/v1/monitors/cut-off/checks HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                + "Content-Length: 100000\r\nConnection: close\r\n\r\ntemp,cnt\n0.5,10\n";

        String answer;
        try (Socket socket = new Socket("localhost", APP.getLocalPort())) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            answer = readAll(socket.getInputStream());
        }

        assertThat(answer).startsWith("HTTP/1.1 4");
        assertThat(answer).doesNotContain("checkId");
        assertThat(history("cut-off")).isEmpty();
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
