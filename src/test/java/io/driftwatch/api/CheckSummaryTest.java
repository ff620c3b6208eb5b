package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.driftwatch.monitor.checks.Check;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A history item as the API writes it: the data-quality counts, or null without an integrity analysis. */
class CheckSummaryTest {
    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private static final Instant AT = Instant.parse("2026-03-01T08:15:30.123456Z");

    private static JsonNode written(Check c) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(CheckSummary.of(c)));
    }

    @Test
    void writesTheDataQualityFailuresAndTheCriticalOnes() throws Exception {
        JsonNode item = written(new Check("c1", "bank", "ds1", AT, false, 0.1, 0.5, 10, 1, 0, 40L, null, null, null,
                null, new Check.DataQuality(5, 2)));

        assertThat(item.get("dataQuality").toString()).isEqualTo("{\"failures\":5,\"critical\":2}");
        assertThat(item.at("/datasetDrift/detected").asBoolean()).isFalse();
    }

    @Test
    void aCleanBatchHasZeroFailuresNotNull() throws Exception {
        JsonNode item = written(new Check("c1", "bank", "ds1", AT, false, 0.1, 0.5, 10, 1, 0, 40L, null, null, null,
                null, new Check.DataQuality(0, 0)));

        assertThat(item.get("dataQuality").toString()).isEqualTo("{\"failures\":0,\"critical\":0}");
    }

    @Test
    void aCheckWithoutIntegrityAnalysisOrThatFailedHasNullDataQuality() throws Exception {
        JsonNode drift = written(new Check("c1", "bank", "ds1", AT, true, 0.6, 0.5, 10, 6, 0, 40L));
        JsonNode failed = written(new Check("c2", "bank", null, AT, false, 0, 0.5, 0, 0, 0, 3L, "the batch is empty"));

        assertThat(drift.has("dataQuality")).isTrue();
        assertThat(drift.get("dataQuality").isNull()).isTrue();
        assertThat(failed.get("dataQuality").isNull()).isTrue();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
    }
}
