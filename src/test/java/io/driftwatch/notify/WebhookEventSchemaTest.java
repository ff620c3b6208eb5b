package io.driftwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of event the generic webhook renders validates against the documented schema,
 * {@code docs/webhook-event.schema.json}, a valid draft 2020-12 schema that rejects broken events.
 */
class WebhookEventSchemaTest {
    private static final Path SCHEMA_FILE = Path.of("docs/webhook-event.schema.json");
    private static final JsonSchema SCHEMA = load();
    private static final Channel WEBHOOK =
            Channels.webhook(URI.create("https://hooks.example.com/x")).build(Channels.CLOCK);

    private static JsonSchema load() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(SCHEMA_FILE)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new IllegalStateException(SCHEMA_FILE + " must be readable from the project root", e);
        }
    }

    private static Set<String> errors(JsonNode event) {
        return SCHEMA.validate(event).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    static Stream<AlertEvent> events() {
        return Stream.of(Alerts.triggered(), Alerts.resolved(), Alerts.failed("no rows"),
                AlertEvent.test("bike-sharing", Alerts.AT, Alerts.DASHBOARD),
                Alerts.hostile("m<x>", "\"quoted\" & <tag>"), Alerts.dataQuality(), Alerts.modelQuality(),
                Alerts.modelQualityResolved());
    }

    @Test
    void schemaIsAValidDraft202012Schema() throws IOException {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(meta.validate(Channels.tree(Files.readString(SCHEMA_FILE)))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyRenderedEventIsValid(AlertEvent event) {
        assertThat(errors(Channels.tree(WEBHOOK.render(event).json()))).isEmpty();
    }

    @Test
    void rejectsAnEventOfUnknownTypeOrWithoutItsDashboardLink() {
        ObjectNode event = (ObjectNode) Channels.tree(WEBHOOK.render(Alerts.triggered()).json());
        event.put("type", "driftwatch.incident.exploded");
        ((ObjectNode) event.at("/data/links")).remove("dashboard");

        assertThat(errors(event)).hasSize(2);
    }
}
