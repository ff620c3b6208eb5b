package io.driftwatch.monitor.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.monitor.sources.SourceSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleParsingTest {

    private static MonitorDefinition parse(String yaml) {
        return MonitorDefinition.parse(yaml, "m.yml");
    }

    @Test
    void readsAJdbcMonitorWithCronChunksAndARollingReference() {
        MonitorDefinition d = parse("""
                name: m
                schedule: {cron: "0 * * * *", time_zone: Europe/Paris}
                source:
                  type: jdbc
                  datasource: warehouse
                  query: SELECT * FROM p WHERE ts >= :from AND ts < :to
                chunks: {every: 15m, column: ts}
                reference_roll: {previous: 30d}
                """);
        assertThat(d.schedule().orElseThrow().describe()).isEqualTo("every hour (Europe/Paris)");
        assertThat(d.source()).contains(new SourceSpec.Jdbc("warehouse", "SELECT * FROM p WHERE ts >= :from AND ts < :to"));
        assertThat(d.chunks()).contains(new ChunkSpec(Duration.ofMinutes(15), "ts", 0));
        assertThat(d.referenceRoll()).contains(new ReferenceRoll(Duration.ofDays(30), Duration.ofDays(1)));
    }

    @Test
    void directoryAndHttpSourcesHaveDefaults() {
        MonitorDefinition dir = parse("""
                schedule: {every: 1h}
                source: {type: directory, path: incoming/preds}
                """);
        assertThat(dir.source()).contains(new SourceSpec.Directory(java.nio.file.Path.of("incoming/preds"), "*",
                Duration.ofSeconds(10)));
        assertThat(dir.schedule().orElseThrow().latestAtOrBefore(Instant.parse("2026-11-22T10:17:00Z")))
                .isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        MonitorDefinition http = parse("""
                schedule: {every: 1d}
                source:
                  type: http
                  url: https://example.org/batch.csv?from={from}
                  headers: {Authorization: "Bearer ${TOKEN}"}
                chunks: {rows: 500}
                """);
        SourceSpec.Http spec = (SourceSpec.Http) http.source().orElseThrow();
        assertThat(spec.headers()).containsEntry("Authorization", "Bearer ${TOKEN}");
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(http.chunks()).contains(new ChunkSpec(null, null, 500));
    }

    @Test
    void timeChunksDefaultToTheDatetimeColumn() {
        MonitorDefinition d = parse("""
                columns: {datetime: logged_at}
                schedule: {every: 1d}
                source: {type: jdbc, datasource: w, query: SELECT 1}
                chunks: {every: 1h}
                """);
        assertThat(d.chunks().orElseThrow().column()).isEqualTo("logged_at");
    }

    @Test
    void namesEveryMistakeWithItsField() {
        assertThatThrownBy(() -> parse("""
                schedule: {cron: "0 * * *", every: 1h}
                source: {type: ftp}
                chunks: {every: soon}
                reference_roll: {every: 1d}
                """)).isInstanceOf(InvalidMonitorException.class)
                .hasMessageContaining("schedule.every: give either cron or every, not both")
                .hasMessageContaining("source.type: unknown source type 'ftp'; valid: directory, jdbc, http")
                .hasMessageContaining("chunks.every: 'soon' is not a duration")
                .hasMessageContaining("reference_roll.previous: is required");
        assertThatThrownBy(() -> parse("""
                schedule: {cron: "61 * * * *"}
                source: {type: jdbc, datasource: w}
                """)).hasMessageContaining("schedule.cron: '61 * * * *' is not a valid Unix cron expression")
                .hasMessageContaining("source.query: is required");
        assertThatThrownBy(() -> parse("""
                schedule: {cron: "0 * * * *", time_zone: Mars/Olympus}
                source: {type: directory, path: x, colour: red}
                """)).hasMessageContaining("schedule.time_zone: unknown time zone 'Mars/Olympus'")
                .hasMessageContaining("source.colour: unknown key 'colour'");
    }

    @Test
    void aSourceNeedsAScheduleAndTheOtherWayRound() {
        assertThatThrownBy(() -> parse("source: {type: directory, path: x}"))
                .hasMessageContaining("source: a source is read by scheduled runs: add a schedule");
        assertThatThrownBy(() -> parse("schedule: {every: 1h}"))
                .hasMessageContaining("schedule: a scheduled run reads its batch from a source");
    }

    @Test
    void timeChunksNeedAColumnAndRollingNeedsASourceThatReadsThePast() {
        assertThatThrownBy(() -> parse("""
                schedule: {every: 1h}
                source: {type: directory, path: x}
                chunks: {every: 1h}
                reference_roll: {previous: 7d}
                """)).hasMessageContaining("chunks.column: is required for time chunks")
                .hasMessageContaining("a directory source cannot read the past");
    }
}
