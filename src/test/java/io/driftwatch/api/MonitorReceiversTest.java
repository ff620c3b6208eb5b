package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Monitors name channels and triggers that the configuration declares: {@code POST /api/v1/monitors}
 * refuses, with 422 naming the list entry, a name the service's {@code channels:} or
 * {@code triggers:} does not have, and accepts the declared ones.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MonitorReceiversTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final TestService SERVICE = TestService.onH2(MonitorReceiversTest::declareReceivers);
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    private static String reference;

    /** One Slack channel and one HTTP trigger, at addresses nothing listens on (nothing is sent here). */
    private static void declareReceivers(ObjectNode root) {
        root.putArray("channels").addObject().put("name", "ops-slack").put("type", "slack")
                .put("url", "http://127.0.0.1:9/services/T/B/X");
        root.putArray("triggers").addObject().put("name", "retrain-hook").put("type", "http")
                .put("url", "http://127.0.0.1:9/retrain");
        root.withObjectProperty("server").withObjectProperty("requestLog").putArray("appenders");
    }

    private static HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> createMonitor(String policy) throws Exception {
        String yaml = Batches.monitorYaml("m" + System.nanoTime(), reference) + policy;
        return post("/api/v1/monitors", "application/yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void uploadTheReference() throws Exception {
        HttpResponse<String> reply = post("/api/v1/datasets", "text/csv", Batches.reference());
        assertThat(reply.statusCode()).as(reply.body()).isIn(200, 201);
        reference = JSON.readTree(reply.body()).get("id").asText();
    }

    @Test
    void acceptsChannelsAndTriggersTheConfigurationDeclares() throws Exception {
        HttpResponse<String> reply = createMonitor("alerts:\n  channels: [ops-slack]\nretrain:\n  triggers: [retrain-hook]\n");

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    }

    @Test
    void refusesAnUnknownChannelNamingTheListEntry() throws Exception {
        HttpResponse<String> reply = createMonitor("alerts:\n  channels: [ops-teams]\n");

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(422);
        JsonNode error = JSON.readTree(reply.body());
        assertThat(error.path("field").asText()).isEqualTo("alerts.channels[0]");
        assertThat(error.toString()).contains("unknown channel 'ops-teams'").contains("ops-slack");
    }

    @Test
    void refusesAnUnknownTriggerNamingTheListEntry() throws Exception {
        HttpResponse<String> reply = createMonitor("alerts:\n  channels: [ops-slack]\nretrain:\n"
                + "  triggers: [retrain-hook, airflow-nightly]\n");

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(422);
        JsonNode error = JSON.readTree(reply.body());
        assertThat(error.path("field").asText()).isEqualTo("retrain.triggers[1]");
        assertThat(error.toString()).contains("unknown trigger 'airflow-nightly'").contains("retrain-hook");
    }
}
