package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.util.DataSize;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code api.maxMonitorDefinitionSize} (64 KiB here): a definition past it, YAML or JSON, created or
 * replaced, announced by its length or sent chunked, is a 413 naming the limit and its key, and
 * nothing is created or changed; one just under it is read. A definition with hundreds of problems
 * gets the first hundred and how many more; one with two YAML documents is refused, not cut short.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MonitorDefinitionLimitsTest {
    private static final int LIMIT = 64 * 1024;
    static final TestService SERVICE = TestService.onH2(ConfigOverride.config("api.maxMonitorDefinitionSize", "64KiB"));
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    private static String reference;

    @BeforeAll
    static void uploadTheReference() {
        TestService.Reply reply = SERVICE.post("/api/v1/datasets", "text/csv", Batches.reference());
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        reference = reply.json().get("id").asText();
    }

    /** The example definition named {@code name}, padded with a comment to exactly {@code bytes}. */
    private static String yamlOfSize(String name, int bytes) {
        String yaml = Batches.monitorYaml(name, reference) + "# ";
        return yaml + "x".repeat(bytes - yaml.getBytes(StandardCharsets.UTF_8).length - 1) + "\n";
    }

    /** A JSON definition named {@code name}, padded with spaces to exactly {@code bytes}. */
    private static String jsonOfSize(String name, int bytes) {
        String json = "{\"name\": \"" + name + "\", \"reference\": \"" + reference + "\"}";
        return json + " ".repeat(bytes - json.length());
    }

    private static void assertTooLarge(TestService.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(413);
        assertThat(reply.json().get("code").asText()).isEqualTo("payload_too_large");
        assertThat(reply.json().get("field").asText()).isEqualTo("body");
        assertThat(reply.json().get("message").asText()).isEqualTo("the monitor definition is larger than the limit "
                + "of " + LIMIT + " bytes (api.maxMonitorDefinitionSize)");
    }

    @Test
    void answers413ForADefinitionPastTheLimitWithOrWithoutContentLength() {
        byte[] yaml = yamlOfSize("too-large", LIMIT + 1).getBytes(StandardCharsets.UTF_8);
        byte[] json = jsonOfSize("too-large", LIMIT + 1).getBytes(StandardCharsets.UTF_8);

        assertTooLarge(SERVICE.post("/api/v1/monitors", "application/yaml", yaml));
        assertTooLarge(SERVICE.post("/api/v1/monitors", "application/json", json));
        assertTooLarge(SERVICE.postChunked("/api/v1/monitors", "application/yaml", yaml));
        assertTooLarge(SERVICE.postChunked("/api/v1/monitors", "application/json", json));
        // far past the limit: the answer comes before the body is sent, which a client must read early
        assertTooLarge(SERVICE.postChunkedReadingEarly("/api/v1/monitors", "application/json",
                new byte[20 * 1024 * 1024]));

        assertThat(SERVICE.get("/api/v1/monitors/too-large").status()).isEqualTo(404);
    }

    @Test
    void answers413ForAReplacementPastTheLimitAndKeepsTheMonitor() {
        TestService.Reply created = SERVICE.post("/api/v1/monitors", "application/yaml", yamlOfSize("kept", LIMIT));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        assertTooLarge(SERVICE.send("PUT", "/api/v1/monitors/kept", "application/yaml", yamlOfSize("kept", LIMIT + 1)));
        assertTooLarge(SERVICE.send("PUT", "/api/v1/monitors/kept", "application/json", jsonOfSize("kept", LIMIT + 1)));

        assertThat(SERVICE.get("/api/v1/monitors/kept").json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void readsADefinitionOfExactlyTheLimit() {
        TestService.Reply yaml = SERVICE.post("/api/v1/monitors", "application/yaml", yamlOfSize("at-limit", LIMIT));
        TestService.Reply json = SERVICE.send("PUT", "/api/v1/monitors/at-limit", "application/json",
                jsonOfSize("at-limit", LIMIT));

        assertThat(yaml.status()).as(yaml.body()).isEqualTo(201);
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.json().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void listsTheFirstHundredProblemsAndSaysHowManyMore() {
        StringBuilder json = new StringBuilder("{\"name\": \"many-problems\", \"reference\": \"" + reference
                + "\", \"columns\": {\"numerical\": [true");
        for (int i = 1; i < 250; i++) {
            json.append(", true");
        }
        json.append("]}}");

        TestService.Reply reply = SERVICE.post("/api/v1/monitors", "application/json", json.toString());

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        JsonNode error = reply.json();
        assertThat(error.get("code").asText()).isEqualTo("invalid_monitor");
        assertThat(error.get("problems")).hasSize(100);
        assertThat(error.at("/problems/99/field").asText()).isEqualTo("columns.numerical[99]");
        assertThat(error.get("message").asText()).startsWith("monitor the request body has 250 problems (the first "
                + "100 listed):").endsWith("… and 150 more; fix these and send it again to see the rest");
        assertThat(reply.body().length()).isLessThan(40_000);
    }

    @Test
    void refusesADefinitionWithTwoYamlDocuments() {
        String two = Batches.monitorYaml("two-documents", reference) + "---\ndrift: {share: 0.9}\n";

        TestService.Reply created = SERVICE.post("/api/v1/monitors", "application/yaml", two);

        assertThat(created.status()).as(created.body()).isEqualTo(422);
        assertThat(created.json().get("code").asText()).isEqualTo("invalid_monitor");
        assertThat(created.json().get("message").asText()).contains("the definition holds 2 YAML documents; send "
                + "one (remove the --- separators)");
        assertThat(SERVICE.get("/api/v1/monitors/two-documents").status()).isEqualTo(404);

        TestService.Reply one = SERVICE.post("/api/v1/monitors", "application/yaml",
                Batches.monitorYaml("two-documents", reference));
        assertThat(one.status()).as(one.body()).isEqualTo(201);
        TestService.Reply replaced = SERVICE.send("PUT", "/api/v1/monitors/two-documents", "application/yaml", two);
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(422);
        assertThat(replaced.json().get("message").asText()).contains("the definition holds 2 YAML documents");
    }

    @Test
    void defaultsToOneMebibyte() {
        assertThat(new DriftwatchConfiguration().getApi().getMaxMonitorDefinitionSize()).isEqualTo(DataSize.mebibytes(1));
    }
}
