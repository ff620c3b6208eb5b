package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/v1/monitors} on the embedded default: create from YAML or JSON, read, list, replace
 * (bumping the version), delete; and every refusal naming its field: unknown columns, tests and
 * references, bad thresholds, missing name or reference, a taken name, a rename.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MonitorResourceTest {
    static final TestService SERVICE = TestService.onH2();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;
    private static final String YAML = "application/yaml";
    private static final String JSON = "application/json";

    static String reference;

    @BeforeAll
    static void uploadTheReference() {
        TestService.Reply reply = SERVICE.post("/api/v1/datasets", "text/csv", Batches.reference());
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        reference = reply.json().get("id").asText();
    }

    private static TestService.Reply create(String type, String definition) {
        return SERVICE.post("/api/v1/monitors", type, definition);
    }

    private static JsonNode created(String name) {
        TestService.Reply reply = create(YAML, Batches.monitorYaml(name, reference));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    /** The error's field, and the field of each of its problems. */
    private static List<String> fields(TestService.Reply reply) {
        List<String> fields = new ArrayList<>();
        JsonNode error = reply.json();
        fields.add(error.path("field").asText(null));
        error.path("problems").forEach(p -> fields.add(p.path("field").asText(null)));
        return fields;
    }

    @Test
    void createsAMonitorFromYamlAndReadsItBack() {
        TestService.Reply reply = create(YAML, Batches.monitorYaml("from-yaml", reference));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/monitors/from-yaml"));
        JsonNode body = reply.json();
        assertThat(body.get("id").asText()).isEqualTo("from-yaml");
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("name").asText()).isEqualTo("from-yaml");
        assertThat(body.get("reference").asText()).isEqualTo(reference);
        assertThat(body.at("/columns/target").asText()).isEqualTo("cnt");
        assertThat(body.at("/columns/numerical/0").asText()).isEqualTo("temp");
        assertThat(body.at("/drift/share").asDouble()).isEqualTo(0.5);
        assertThat(body.get("createdAt").asText()).isEqualTo(body.get("updatedAt").asText());
        assertThat(body.at("/links/checks").asText()).isEqualTo("/api/v1/monitors/from-yaml/checks");

        TestService.Reply found = SERVICE.get("/api/v1/monitors/from-yaml");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).isEqualTo(body);
    }

    @Test
    void createsAMonitorFromJson() {
        String json = """
                {"name": "from-json", "reference": "%s",
                 "columns": {"numerical": ["temp", "hum"], "categorical": ["season"], "ignored": ["instant"]},
                 "drift": {"share": 0.25, "per_column": {"temp": {"method": "psi", "threshold": 0.2}}}}
                """.formatted(reference);

        TestService.Reply reply = create(JSON, json);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode found = SERVICE.get("/api/v1/monitors/from-json").json();
        assertThat(found.get("id").asText()).isEqualTo("from-json");
        assertThat(found.at("/drift/share").asDouble()).isEqualTo(0.25);
        assertThat(found.at("/drift/per_column/temp/method").asText()).isEqualTo("psi");
        assertThat(found.at("/columns/categorical/0").asText()).isEqualTo("season");
    }

    @Test
    void echoesTheIntegritySectionOfTheDefinition() {
        String json = """
                {"name": "with-integrity", "reference": "%s",
                 "integrity": {"tests": "reference", "range_margin": 0.1, "confidence": 0.95}}
                """.formatted(reference);

        TestService.Reply reply = create(JSON, json);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().at("/integrity/tests").asText()).isEqualTo("reference");
        assertThat(reply.json().at("/integrity/range_margin").asDouble()).isEqualTo(0.1);
        assertThat(SERVICE.get("/api/v1/monitors/with-integrity").json().get("integrity"))
                .isEqualTo(reply.json().get("integrity"));
    }

    @Test
    void aCheckOfAMonitorWithIntegrityCarriesTheDataQualitySectionInResultAndReport() {
        TestService.Reply created = create(YAML, Batches.monitorYaml("checked-integrity", reference)
                + "integrity: {tests: evidently}\n");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        TestService.Reply reply = SERVICE.post("/api/v1/monitors/checked-integrity/checks", "text/csv",
                Batches.current());

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode body = reply.json();
        assertThat(io.driftwatch.report.JsonResultTest.schemaErrors(body)).isEmpty();
        assertThat(body.at("/integrity/mode").asText()).isEqualTo("evidently");
        assertThat(body.at("/integrity/dataset/row_count").asInt()).isEqualTo(Batches.CURRENT_ROWS);
        assertThat(body.at("/integrity/reference/dataset/row_count").asInt()).isEqualTo(Batches.REFERENCE_ROWS);
        assertThat(body.at("/integrity/errors")).as("the stored profile has the reference's dataset facts").isEmpty();
        assertThat(body.at("/integrity/tests").size()).isPositive();
        assertThat(body.at("/integrity/columns").has("instant")).as("ignored columns are left out").isFalse();
        String report = SERVICE.get(body.at("/links/report").asText()).body();
        assertThat(report).contains("<h2 id=\"dq-verdict\">").contains("data drift and data quality report");
    }

    @Test
    void answers422NamingABadIntegrityOption() {
        String yaml = Batches.monitorYaml("bad-integrity", reference) + "integrity:\n  tests: reference\n"
                + "  confidence: 95\n";

        TestService.Reply reply = create(YAML, yaml);

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().get("field").asText()).isEqualTo("integrity.confidence");
        assertThat(reply.json().get("message").asText()).contains("for 95.0 % write 0.95");
    }

    @Test
    void readsBackAYamlDefinitionSentAsJsonAndAJsonOneSentAsYaml() {
        TestService.Reply yamlAsJson = create(JSON, Batches.monitorYaml("yaml-labelled-json", reference));
        TestService.Reply jsonAsYaml = create(YAML, "{\"name\": \"json-labelled-yaml\", \"reference\": \""
                + reference + "\", \"drift\": {\"share\": 0.3}}");

        assertThat(yamlAsJson.status()).as(yamlAsJson.body()).isEqualTo(201);
        assertThat(yamlAsJson.json().at("/columns/target").asText()).isEqualTo("cnt");
        assertThat(jsonAsYaml.status()).as(jsonAsYaml.body()).isEqualTo(201);
        assertThat(SERVICE.get("/api/v1/monitors/yaml-labelled-json").json()).isEqualTo(yamlAsJson.json());
        assertThat(SERVICE.get("/api/v1/monitors/json-labelled-yaml").json().at("/drift/share").asDouble())
                .isEqualTo(0.3);
        assertThat(SERVICE.get("/api/v1/monitors").status()).isEqualTo(200);
    }

    @Test
    void listsMonitorsById() {
        created("list-b");
        created("list-a");

        JsonNode items = SERVICE.get("/api/v1/monitors").json().get("items");

        List<String> ids = new ArrayList<>();
        items.forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).contains("list-a", "list-b");
        assertThat(ids).isSorted();
    }

    @Test
    void answers409ForATakenName() {
        created("taken");

        TestService.Reply again = create(JSON, "{\"name\": \"taken\", \"reference\": \"" + reference + "\"}");

        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("conflict");
        assertThat(again.json().get("field").asText()).isEqualTo("name");
        assertThat(SERVICE.get("/api/v1/monitors/taken").json().at("/columns/target").asText()).isEqualTo("cnt");
    }

    @Test
    void answers422NamingEveryUnknownColumn() {
        String yaml = Batches.monitorYaml("unknown-columns", reference)
                .replace("numerical: [temp, atemp,", "numerical: [temp, tmep,")
                .replace("target: cnt", "target: count");

        TestService.Reply reply = create(YAML, yaml);

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().get("code").asText()).isEqualTo("invalid_monitor");
        assertThat(reply.json().get("field").asText()).isEqualTo("columns.numerical[1]");
        assertThat(fields(reply)).contains("columns.numerical[1]", "columns.target");
        assertThat(reply.json().get("message").asText()).contains("tmep").contains("count");
        assertThat(SERVICE.get("/api/v1/monitors/unknown-columns").status()).isEqualTo(404);
    }

    @Test
    void answers422NamingAnUnknownTest() {
        String yaml = Batches.monitorYaml("unknown-test", reference)
                + "  per_column:\n    temp: {method: kss, threshold: 0.1}\n";

        TestService.Reply reply = create(YAML, yaml);

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().get("field").asText()).isEqualTo("drift.per_column.temp.method");
        assertThat(reply.json().get("message").asText()).contains("unknown test 'kss'").contains("ks");
    }

    @Test
    void answers422NamingABadThreshold() {
        String negative = Batches.monitorYaml("bad-threshold", reference) + "  threshold: -0.05\n";
        String text = "{\"name\": \"bad-threshold\", \"reference\": \"" + reference
                + "\", \"drift\": {\"num_threshold\": \"high\"}}";

        TestService.Reply fromYaml = create(YAML, negative);
        TestService.Reply fromJson = create(JSON, text);

        assertThat(fromYaml.status()).as(fromYaml.body()).isEqualTo(422);
        assertThat(fromYaml.json().get("field").asText()).isEqualTo("drift.threshold");
        assertThat(fromJson.status()).as(fromJson.body()).isEqualTo(422);
        assertThat(fromJson.json().get("field").asText()).isEqualTo("drift.num_threshold");
        assertThat(fromJson.json().get("message").asText()).contains("expected a number");
    }

    @Test
    void answers422ForAMissingNameOrReference() {
        TestService.Reply noName = create(JSON, "{\"reference\": \"" + reference + "\"}");
        TestService.Reply noReference = create(YAML, "name: no-reference\n");
        TestService.Reply badName = create(YAML, "name: ../etc\nreference: " + reference + "\n");

        assertThat(noName.status()).as(noName.body()).isEqualTo(422);
        assertThat(noName.json().get("field").asText()).isEqualTo("name");
        assertThat(noReference.status()).as(noReference.body()).isEqualTo(422);
        assertThat(noReference.json().get("field").asText()).isEqualTo("reference");
        assertThat(badName.status()).as(badName.body()).isEqualTo(422);
        assertThat(badName.json().get("field").asText()).isEqualTo("name");
    }

    @Test
    void answers422ForAnUnknownReferenceDataset() {
        TestService.Reply reply = create(YAML, "name: no-such-reference\nreference: 0123456789abcdef01234567\n");

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().get("field").asText()).isEqualTo("reference");
        assertThat(reply.json().get("message").asText()).contains("0123456789abcdef01234567")
                .contains("POST /api/v1/datasets");
    }

    @Test
    void answers422WithTheLineForADefinitionThatDoesNotParse() {
        TestService.Reply yaml = create(YAML, "name: broken\nreference: [unclosed\n");
        TestService.Reply json = create(JSON, "{\"name\": \"broken\", ");

        assertThat(yaml.status()).as(yaml.body()).isEqualTo(422);
        assertThat(yaml.json().get("message").asText()).contains("line ").contains("YAML");
        assertThat(json.status()).as(json.body()).isEqualTo(422);
        assertThat(json.json().get("message").asText()).contains("JSON");
    }

    @Test
    void answers415ForADefinitionThatIsNotJsonOrYaml() {
        TestService.Reply reply = create("text/csv", "name,reference\nx," + reference + "\n");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.json().get("field").asText()).isEqualTo("Content-Type");
    }

    @Test
    void putReplacesTheDefinitionAndBumpsTheVersion() {
        JsonNode v1 = created("replaced");
        String v2 = Batches.monitorYaml("replaced", reference).replace("share: 0.5", "share: 0.75");

        TestService.Reply reply = SERVICE.send("PUT", "/api/v1/monitors/replaced", YAML, v2);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("version").asInt()).isEqualTo(2);
        assertThat(body.at("/drift/share").asDouble()).isEqualTo(0.75);
        assertThat(body.get("createdAt").asText()).isEqualTo(v1.get("createdAt").asText());
        assertThat(Instant.parse(body.get("updatedAt").asText())).isAfter(Instant.parse(v1.get("updatedAt").asText()));
        assertThat(SERVICE.get("/api/v1/monitors/replaced").json()).isEqualTo(body);

        TestService.Reply v3 = SERVICE.send("PUT", "/api/v1/monitors/replaced", JSON,
                "{\"name\": \"replaced\", \"reference\": \"" + reference + "\"}");
        assertThat(v3.status()).as(v3.body()).isEqualTo(200);
        assertThat(v3.json().get("version").asInt()).isEqualTo(3);
        assertThat(v3.json().has("columns")).isFalse();
    }

    @Test
    void putThatRenamesIsRefusedAndChangesNothing() {
        JsonNode v1 = created("not-renamed");

        TestService.Reply reply = SERVICE.send("PUT", "/api/v1/monitors/not-renamed", YAML,
                Batches.monitorYaml("renamed", reference));

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().get("field").asText()).isEqualTo("name");
        assertThat(reply.json().get("message").asText()).contains("cannot be renamed");
        assertThat(SERVICE.get("/api/v1/monitors/not-renamed").json()).isEqualTo(v1);
        assertThat(SERVICE.get("/api/v1/monitors/renamed").status()).isEqualTo(404);
    }

    @Test
    void putOfAnInvalidDefinitionChangesNothing() {
        JsonNode v1 = created("kept");

        TestService.Reply reply = SERVICE.send("PUT", "/api/v1/monitors/kept", YAML,
                Batches.monitorYaml("kept", reference).replace("share: 0.5", "share: 50"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().get("field").asText()).isEqualTo("drift.share");
        assertThat(SERVICE.get("/api/v1/monitors/kept").json()).isEqualTo(v1);
    }

    @Test
    void answers404NamingTheIdForAnUnknownMonitor() {
        TestService.Reply get = SERVICE.get("/api/v1/monitors/nobody");
        TestService.Reply put = SERVICE.send("PUT", "/api/v1/monitors/nobody", YAML,
                Batches.monitorYaml("nobody", reference));
        TestService.Reply delete = SERVICE.delete("/api/v1/monitors/nobody");

        for (TestService.Reply reply : List.of(get, put, delete)) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(404);
            assertThat(reply.json().get("code").asText()).isEqualTo("not_found");
            assertThat(reply.json().get("field").asText()).isEqualTo("id");
            assertThat(reply.json().get("message").asText()).contains("nobody");
        }
        assertThat(SERVICE.get("/api/v1/monitors/nobody").status()).isEqualTo(404);
    }

    @Test
    void deleteRemovesTheMonitor() {
        created("deleted");

        TestService.Reply reply = SERVICE.delete("/api/v1/monitors/deleted");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(SERVICE.get("/api/v1/monitors/deleted").status()).isEqualTo(404);
        assertThat(SERVICE.delete("/api/v1/monitors/deleted").status()).isEqualTo(404);
        assertThat(create(YAML, Batches.monitorYaml("deleted", reference)).status()).isEqualTo(201);
    }
}
