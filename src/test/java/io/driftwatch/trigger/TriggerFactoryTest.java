package io.driftwatch.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;

/**
 * Trigger configuration as Dropwizard reads it: {@code type:} discovery through
 * {@code META-INF/services}, {@code ${ENV}} secrets, validation messages, and secrets kept out of
 * {@code toString()} and serialised configuration.
 */
class TriggerFactoryTest {
    private static final Map<String, String> ENV = Map.of(
            "MLFLOW_TOKEN", "mlflow-secret-1", "AIRFLOW_PASSWORD", "airflow-secret-2",
            "GITHUB_TOKEN", "github-secret-3", "HOOK_TOKEN", "hook-secret-4");

    private static final String ALL = """
            triggers:
              - type: mlflow
                name: mlflow
                trackingUri: https://mlflow.example.com
                token: ${MLFLOW_TOKEN}
                modelName: bike-demand
                modelAlias: champion
                breachAlias: drifted
              - type: airflow
                name: retrain-bikes
                baseUrl: https://airflow.example.com
                apiVersion: 3
                dagId: retrain_bike_model
                username: driftwatch
                password: ${AIRFLOW_PASSWORD}
                requestTimeout: 20s
              - type: github
                name: retrain-workflow
                owner: acme
                repo: bike-model
                workflow: retrain.yml
                ref: main
                token: ${GITHUB_TOKEN}
              - type: http
                name: hook
                url: https://ml.example.com/hooks/retrain
                headers:
                  Authorization: Bearer ${HOOK_TOKEN}
            """;

    /** A configuration holding triggers, as {@code DriftwatchConfiguration} will. */
    public static class Holder {
        @Valid
        @NotNull
        public List<TriggerFactory> triggers = new ArrayList<>();
    }

    private static List<TriggerFactory> parse(String yaml) throws IOException, ConfigurationException {
        YamlConfigurationFactory<Holder> factory = new YamlConfigurationFactory<>(Holder.class,
                Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        SubstitutingSourceProvider source = new SubstitutingSourceProvider(
                path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), new StringSubstitutor(ENV));
        return factory.build(source, "triggers.yml").triggers;
    }

    private static String violations(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigurationValidationException e) {
            return e.getMessage();
        } catch (IOException | ConfigurationException e) {
            throw new AssertionError("expected a validation error, got " + e, e);
        }
        throw new AssertionError("expected a validation error");
    }

    @Test
    void readsEveryTriggerTypeWithSecretsFromTheEnvironment() throws Exception {
        List<TriggerFactory> factories = parse(ALL);

        assertThat(factories).extracting(TriggerFactory::type).containsExactly("mlflow", "airflow", "github", "http");
        assertThat(factories.get(0)).isInstanceOf(MlflowTriggerFactory.class);
        assertThat(((MlflowTriggerFactory) factories.get(0)).getToken()).isEqualTo("mlflow-secret-1");
        AirflowTriggerFactory airflow = (AirflowTriggerFactory) factories.get(1);
        assertThat(airflow.getApiVersion()).isEqualTo(3);
        assertThat(airflow.getPassword()).isEqualTo("airflow-secret-2");
        assertThat(airflow.getRequestTimeout()).isEqualTo(io.dropwizard.util.Duration.seconds(20));
        assertThat(airflow.getConnectTimeout()).isEqualTo(io.dropwizard.util.Duration.seconds(5));
        GitHubTriggerFactory github = (GitHubTriggerFactory) factories.get(2);
        assertThat(github.getInputs()).containsExactly("monitor", "check_id", "incident_id", "report_url");
        assertThat(((HttpTriggerFactory) factories.get(3)).getHeaders())
                .containsEntry("Authorization", "Bearer hook-secret-4");
        for (TriggerFactory f : factories) {
            Trigger t = f.build();
            assertThat(t.name()).isEqualTo(f.getName());
            assertThat(t.type()).isEqualTo(f.type());
        }
    }

    @Test
    void defaultsToFiveSecondsToConnectAndFifteenToAnswer() throws Exception {
        GitHubTriggerFactory github = (GitHubTriggerFactory) parse(ALL).get(2);

        assertThat(github.getConnectTimeout()).isEqualTo(io.dropwizard.util.Duration.seconds(5));
        assertThat(github.getRequestTimeout()).isEqualTo(io.dropwizard.util.Duration.seconds(15));
    }

    @Test
    void onlyMlflowWantsEveryCheck() throws Exception {
        assertThat(parse(ALL)).extracting(f -> f.type() + "=" + f.build().wantsEveryCheck())
                .containsExactly("mlflow=true", "airflow=false", "github=false", "http=false");
    }

    @Test
    void secretsAreNeverInToStringOrSerialisedConfiguration() throws Exception {
        ObjectMapper mapper = Jackson.newObjectMapper();
        for (TriggerFactory f : parse(ALL)) {
            String text = f.toString();
            String json = mapper.writeValueAsString(f);
            for (String secret : ENV.values()) {
                assertThat(text).doesNotContain(secret);
                assertThat(json).doesNotContain(secret);
            }
            assertThat(text).contains(f.getName());
        }
        assertThat(parse(ALL).get(3).toString()).doesNotContain("hooks/retrain").contains("https://ml.example.com");
    }

    @Test
    void anUnknownTypeIsRefused() {
        assertThatThrownBy(() -> parse("triggers:\n  - type: jenkins\n    name: j\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("jenkins");
    }

    @Test
    void airflowNeedsCredentialsAndAKnownApiVersion() {
        String base = "triggers:\n  - type: airflow\n    name: a\n    baseUrl: https://airflow.example.com\n"
                + "    dagId: d\n";
        assertThat(violations(base)).contains("needs either token, or username and password");
        assertThat(violations(base + "    token: t\n    username: u\n")).contains("not both");
        assertThat(violations(base + "    token: t\n    apiVersion: 4\n")).contains("must be 2").contains("or 3");
        assertThat(violations(base.replace("https://airflow", "https://user:pw@airflow") + "    token: t\n"))
                .contains("baseUrl must be an absolute http(s) address");
    }

    @Test
    void githubTakesAtMostTenKnownInputs() {
        String base = "triggers:\n  - type: github\n    name: g\n    owner: o\n    repo: r\n    workflow: w.yml\n"
                + "    ref: main\n    token: t\n";
        assertThat(violations(base + "    inputs: [monitor, nope]\n")).contains("inputs must be at most 10");
        assertThat(violations(base + "    inputs: [monitor, monitor]\n")).contains("inputs must be at most 10");
        assertThat(violations(base.replace("    ref: main\n", ""))).contains("ref");
    }

    @Test
    void mlflowModelSettingsMustBeConsistent() {
        String base = "triggers:\n  - type: mlflow\n    name: m\n    trackingUri: http://mlflow:5000\n";
        assertThat(violations(base + "    breachAlias: drifted\n")).contains("need modelName");
        assertThat(violations(base + "    modelName: m\n    modelVersion: '3'\n    modelAlias: champion\n"))
                .contains("not both");
        assertThat(violations(base + "    modelName: m\n    breachAlias: latest\n")).contains("not 'latest'");
        assertThat(violations(base + "    experimentName: a\n    experimentId: '1'\n"))
                .contains("experimentName or experimentId");
        assertThat(violations(base + "    statusTag: 'a//b'\n")).contains("valid MLflow keys");
        assertThat(violations(base + "    username: u\n")).contains("token, or with username and password");
    }

    @Test
    void httpHeadersCannotOverrideWhatTheTriggerSets() {
        String base = "triggers:\n  - type: http\n    name: h\n    url: https://ml.example.com/hook\n";
        assertThat(violations(base + "    headers:\n      Idempotency-Key: x\n")).contains("headers may not set");
        assertThat(violations(base + "    headers:\n      host: x\n")).contains("headers may not set");
        assertThat(violations(base + "    headers:\n      X-Token: \"a\\nb\"\n")).contains("one-line value");
        assertThat(violations(base.replace("https://ml", "ftp://ml"))).contains("url must be");
    }

    @Test
    void namesAndTimeoutsAreValidated() {
        String base = "triggers:\n  - type: http\n    url: https://ml.example.com/hook\n";
        assertThat(violations(base + "    name: 'a b'\n")).contains("name must be 1 to 64");
        assertThat(violations(base + "    name: h\n    requestTimeout: 0s\n")).contains("requestTimeout");
    }
}
