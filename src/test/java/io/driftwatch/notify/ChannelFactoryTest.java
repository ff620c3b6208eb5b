package io.driftwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;

/**
 * Channels configured by {@code type:} in YAML, the way Dropwizard reads {@code config.yml}: subtypes
 * discovered through the service files, defaults, validation messages, {@code ${VAR}} secrets, and
 * no secret in the factories' JSON or {@code toString()}.
 */
class ChannelFactoryTest {
    private static final ObjectMapper MAPPER = Jackson.newObjectMapper();
    private static final Map<String, String> ENV = Map.of(
            "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0000/B0000/SlackSecretXYZ",
            "TEAMS_WORKFLOW_URL", "https://prod.westus.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=TeamsSig",
            "PAGERDUTY_ROUTING_KEY", "PdRoutingKey0123456789abcdef0123",
            "WEBHOOK_SECRET", Channels.WEBHOOK_SECRET,
            "GATEWAY_TOKEN", "GatewayToken42");

    /** A configuration holding only channels, as {@code DriftwatchConfiguration} will. */
    public static class Config {
        @Valid
        @NotNull
        public List<ChannelFactory> channels = List.of();
    }

    private static final String ALL = """
            channels:
              - name: ops-slack
                type: slack
                url: ${SLACK_WEBHOOK_URL}
              - name: ml-teams
                type: teams
                url: ${TEAMS_WORKFLOW_URL}
                requestTimeout: 3s
              - name: ml-oncall
                type: pagerduty
                routingKey: ${PAGERDUTY_ROUTING_KEY}
                severity: critical
              - name: data-platform
                type: webhook
                url: https://hooks.example.com/driftwatch
                secret: ${WEBHOOK_SECRET}
                headers:
                  Authorization: Bearer ${GATEWAY_TOKEN}
            """;

    private static Config parse(String yaml) throws IOException, ConfigurationException {
        YamlConfigurationFactory<Config> factory =
                new YamlConfigurationFactory<>(Config.class, Validators.newValidator(), MAPPER, "dw");
        return factory.build(new SubstitutingSourceProvider(
                path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                new StringSubstitutor(ENV)), "config.yml");
    }

    @Test
    void readsEveryChannelTypeWithSecretsFromVariables() throws Exception {
        List<ChannelFactory> channels = parse(ALL).channels;

        assertThat(channels).extracting(ChannelFactory::getName)
                .containsExactly("ops-slack", "ml-teams", "ml-oncall", "data-platform");
        assertThat(channels.get(0)).isInstanceOfSatisfying(SlackChannelFactory.class,
                f -> assertThat(f.getUrl()).hasToString(ENV.get("SLACK_WEBHOOK_URL")));
        assertThat(channels.get(1)).isInstanceOfSatisfying(TeamsChannelFactory.class,
                f -> assertThat(f.getRequestTimeout()).isEqualTo(Duration.seconds(3)));
        assertThat(channels.get(2)).isInstanceOfSatisfying(PagerDutyChannelFactory.class, f -> {
            assertThat(f.getRoutingKey()).isEqualTo(ENV.get("PAGERDUTY_ROUTING_KEY"));
            assertThat(f.getSeverity()).isEqualTo(PagerDutyChannelFactory.Severity.CRITICAL);
            assertThat(f.getUrl()).isEqualTo(PagerDutyChannelFactory.DEFAULT_URL);
        });
        assertThat(channels.get(3)).isInstanceOfSatisfying(WebhookChannelFactory.class,
                f -> assertThat(f.getHeaders()).containsEntry("Authorization", "Bearer GatewayToken42"));
        assertThat(channels).extracting(f -> f.build().type()).containsExactly("slack", "teams", "pagerduty", "webhook");
    }

    @Test
    void onlyPagerDutyIsAlwaysToldOfAResolve() throws Exception {
        assertThat(parse(ALL).channels).extracting(f -> f.type() + "=" + f.build().alwaysToldOfResolve())
                .containsExactly("slack=false", "teams=false", "pagerduty=true", "webhook=false");
    }

    @Test
    void defaultsToFiveSecondsToConnectAndTenToAnswer() throws Exception {
        ChannelFactory slack = parse(ALL).channels.get(0);

        assertThat(slack.getConnectTimeout()).isEqualTo(Duration.seconds(5));
        assertThat(slack.getRequestTimeout()).isEqualTo(Duration.seconds(10));
    }

    @Test
    void neverWritesSecretsWhenAFactoryIsSerialisedOrPrinted() throws Exception {
        List<ChannelFactory> channels = parse(ALL).channels;

        String json = MAPPER.writerFor(new TypeReference<List<ChannelFactory>>() { }).writeValueAsString(channels);
        String printed = channels.toString() + channels.stream().map(f -> f.build().toString()).toList();

        for (String secret : List.of("SlackSecretXYZ", "TeamsSig", "PdRoutingKey0123456789abcdef0123",
                Channels.WEBHOOK_SECRET.substring(6), "GatewayToken42")) {
            assertThat(json).doesNotContain(secret);
            assertThat(printed).doesNotContain(secret);
        }
        assertThat(json).contains("\"type\":\"slack\"", "\"name\":\"ml-oncall\"");
    }

    @Test
    void refusesAChannelWithoutItsUrl() {
        assertThatThrownBy(() -> parse("""
                channels:
                  - name: ops-slack
                    type: slack
                """)).isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("channels[0].url");
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> parse("""
                channels:
                  - name: ops-slack
                    type: slack
                    url: file:///etc/passwd
                """)).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("url must be an absolute http or https URL");
    }

    @Test
    void refusesAMalformedUrlWithoutRepeatingIt() {
        assertThatThrownBy(() -> parse("""
                channels:
                  - name: ops-slack
                    type: slack
                    url: https://hooks.slack.com/services/T0/B0/Se^cret
                """)).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("url must be an absolute http or https URL")
                .hasMessageNotContaining("Se^cret");
    }

    @Test
    void refusesToBuildAnUnvalidatedChannelWithABadUrl() {
        SlackChannelFactory factory = new SlackChannelFactory();
        factory.setName("ops-slack");
        factory.setUrl("ftp://hooks.slack.com/services/T0/B0/X");

        assertThatThrownBy(factory::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("channel ops-slack: url must be an absolute http or https URL");
    }

    @Test
    void refusesAWebhookSecretNotInTheStandardForm() {
        assertThatThrownBy(() -> parse("""
                channels:
                  - name: hook
                    type: webhook
                    url: https://hooks.example.com/x
                    secret: hunter2
                """)).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("secret must be whsec_ followed by the base64 of 24 to 64 bytes")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void refusesExtraHeadersThatWouldReplaceTheSignature() {
        assertThatThrownBy(() -> parse("""
                channels:
                  - name: hook
                    type: webhook
                    url: https://hooks.example.com/x
                    secret: ${WEBHOOK_SECRET}
                    headers:
                      webhook-signature: v1,forged
                """)).isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("headers must be");
    }

    @Test
    void refusesAPagerDutyChannelWithoutRoutingKeyOrWithAnUnknownSeverity() {
        assertThatThrownBy(() -> parse("""
                channels:
                  - name: oncall
                    type: pagerduty
                """)).isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("routingKey");
        assertThatThrownBy(() -> parse("""
                channels:
                  - name: oncall
                    type: pagerduty
                    routingKey: abc
                    severity: apocalyptic
                """)).isInstanceOf(ConfigurationException.class).hasMessageContaining("severity");
    }

    @Test
    void refusesAnUnknownTypeNamingTheKnownOnes() {
        assertThatThrownBy(() -> parse("""
                channels:
                  - name: x
                    type: carrier-pigeon
                """)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carrier-pigeon")
                .hasMessageContaining("slack").hasMessageContaining("webhook");
    }

    @Test
    void refusesANameMonitorsCouldNotReferTo() {
        assertThatThrownBy(() -> parse("""
                channels:
                  - name: "ops slack!"
                    type: slack
                    url: https://hooks.slack.com/services/T/B/X
                """)).isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("channels[0].name");
    }

    @Test
    void refusesATimeoutOfZero() {
        assertThatThrownBy(() -> parse("""
                channels:
                  - name: ops-slack
                    type: slack
                    url: https://hooks.slack.com/services/T/B/X
                    requestTimeout: 0s
                """)).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("channels[0].requestTimeout");
    }
}
