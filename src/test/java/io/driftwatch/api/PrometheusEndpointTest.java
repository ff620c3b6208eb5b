package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /metrics} on the admin port: after real checks, the Prometheus text parses strictly and
 * its per-monitor and per-column values are those of the latest check's JSON result; hostile column
 * names come out escaped; the service's Dropwizard metrics are there too, counting two recorded
 * checks and one that failed (a batch without the reference's columns).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PrometheusEndpointTest {
    /** A header with a double quote, a backslash and a line feed, which label values must escape. */
    static final String HOSTILE = "say \"hi\" C:\\temp\nnext";

    static final TestService SERVICE = TestService.onH2();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    static JsonNode drifted;
    static JsonNode latest;

    @BeforeAll
    static void recordTwoChecks() throws InterruptedException {
        // the JVM gauges `java -jar driftwatch.jar server` registers, which the test support leaves out
        Bootstrap<DriftwatchConfiguration> bootstrap = new Bootstrap<>(APP.getApplication());
        bootstrap.setMetricRegistry(APP.getEnvironment().metrics());
        bootstrap.registerMetrics();

        ApiClient api = new ApiClient(APP.getLocalPort());
        api.createMonitor("quiet", api.upload(GeneratedBatches.csv(500, 1, 0, null)));
        api.createMonitor("hostile", api.upload(GeneratedBatches.csv(2_000, 2, 0, HOSTILE)));
        drifted = check(api, GeneratedBatches.csv(2_000, 3, 1.5, HOSTILE));
        latest = check(api, GeneratedBatches.csv(2_000, 4, 0, HOSTILE));
        ApiClient.Answer mismatch = api.post("/api/v1/monitors/hostile/checks", "text/csv",
                GeneratedBatches.csv(100, 5, 0, null));
        assertThat(mismatch.status()).as(mismatch.body()).isEqualTo(422);
    }

    private static JsonNode check(ApiClient api, byte[] csv) throws InterruptedException {
        ApiClient.Answer a = api.post("/api/v1/monitors/hostile/checks", "text/csv", csv);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    private static PrometheusText scrape() throws InterruptedException {
        ApiClient.Answer a = new ApiClient(APP.getAdminPort()).get("/metrics");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).isEqualToIgnoringCase("text/plain; version=0.0.4; charset=utf-8");
        return PrometheusText.parse(a.body());
    }

    @Test
    void exportsTheLatestCheckOfEachMonitorAsInItsJsonResult() throws InterruptedException {
        assertThat(drifted.at("/datasetDrift/detected").asBoolean()).isTrue();
        assertThat(latest.at("/datasetDrift/detected").asBoolean()).isFalse();
        PrometheusText metrics = scrape();

        assertThat(metrics.type("driftwatch_monitor_checks_total")).isEqualTo("counter");
        // two checks ran; the mismatching batch is recorded as a failed check, and the drift figures
        // below stay those of the latest check that ran
        assertThat(metrics.value("driftwatch_monitor_checks_total", "monitor", "hostile")).isEqualTo(3.0);
        assertThat(metrics.value("driftwatch_monitor_checks_total", "monitor", "quiet")).isEqualTo(0.0);
        assertThat(metrics.value("driftwatch_monitor_dataset_drift", "monitor", "quiet")).isNull();
        assertThat(metrics.series("driftwatch_monitor_data_quality_failures"))
                .as("no monitor here runs an integrity analysis").isEmpty();
        assertThat(metrics.series("driftwatch_monitor_data_quality_critical_failures")).isEmpty();

        assertThat(metrics.type("driftwatch_monitor_dataset_drift")).isEqualTo("gauge");
        assertThat(metrics.value("driftwatch_monitor_dataset_drift", "monitor", "hostile")).isEqualTo(0.0);
        assertThat(metrics.value("driftwatch_monitor_drift_share", "monitor", "hostile"))
                .isEqualTo(latest.at("/datasetDrift/share").asDouble());
        assertThat(metrics.value("driftwatch_monitor_drift_share_threshold", "monitor", "hostile"))
                .isEqualTo(latest.at("/datasetDrift/threshold").asDouble());
        Instant created = Instant.parse(latest.get("createdAt").asText());
        assertThat(metrics.value("driftwatch_monitor_last_check_timestamp_seconds", "monitor", "hostile"))
                .isEqualTo(created.getEpochSecond() + created.getNano() / 1e9);

        JsonNode columns = latest.get("columns");
        assertThat(columns).hasSize(4);
        assertThat(metrics.series("driftwatch_column_drifted")).hasSize(4);
        for (JsonNode c : columns) {
            String name = c.get("name").asText();
            String test = c.get("test").asText();
            assertThat(metrics.value("driftwatch_column_drift_score", "monitor", "hostile", "column", name,
                    "test", test))
                    .as(name).isEqualTo(c.get("score").asDouble());
            assertThat(metrics.value("driftwatch_column_drift_threshold", "monitor", "hostile", "column", name,
                    "test", test)).as(name).isEqualTo(c.get("threshold").asDouble());
            assertThat(metrics.value("driftwatch_column_drifted", "monitor", "hostile", "column", name))
                    .as(name).isEqualTo(c.get("drifted").asBoolean() ? 1.0 : 0.0);
        }
    }

    @Test
    void escapesQuotesBackslashesAndLineFeedsInLabelValues() throws InterruptedException {
        ApiClient.Answer a = new ApiClient(APP.getAdminPort()).get("/metrics");
        assertThat(a.body()).contains("column=\"say \\\"hi\\\" C:\\\\temp\\nnext\"");
        assertThat(scrape().value("driftwatch_column_drifted", "monitor", "hostile", "column", HOSTILE)).isNotNull();
    }

    @Test
    void exportsCheckDurationsCountsAndQueueGauges() throws InterruptedException {
        PrometheusText metrics = scrape();
        assertThat(metrics.type("checks_duration")).isEqualTo("summary");
        assertThat(metrics.value("checks_duration_count")).isEqualTo(3.0);
        assertThat(metrics.value("checks_duration", "quantile", "0.99")).isPositive();
        assertThat(metrics.value("checks_drifted_total")).isEqualTo(1.0);
        assertThat(metrics.value("checks_clean_total")).isEqualTo(1.0);
        assertThat(metrics.value("checks_failed_total")).isEqualTo(1.0);
        assertThat(metrics.value("checks_rejected_total")).isEqualTo(0.0);
        assertThat(metrics.value("checks_running")).isEqualTo(0.0);
        assertThat(metrics.value("checks_queued")).isEqualTo(0.0);
        assertThat(metrics.value("checks_concurrency")).isEqualTo(2.0);
        assertThat(metrics.value("checks_queue_size")).isEqualTo(16.0);
        assertThat(metrics.value("jvm_memory_heap_used")).isPositive();
    }

    @Test
    void keepsDropwizardsJsonMetricsUnderMetricsJson() throws InterruptedException {
        ApiClient.Answer a = new ApiClient(APP.getAdminPort()).get("/metrics.json");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().at("/meters/checks.drifted/count").asInt()).isEqualTo(1);
    }
}
