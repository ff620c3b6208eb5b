package io.driftwatch.monitor.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.monitor.definitions.InvalidMonitorException;
import io.driftwatch.store.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code type: s3} against S3Proxy: a prefix read object by object once (as a directory source), a
 * window template read per window (as the http source), and the refusals naming what S3 said.
 */
class S3SourceTest {
    private static final TimeWindow WINDOW =
            new TimeWindow(Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2026-12-06T11:00:00Z"));
    private static S3TestServer server;

    @TempDir
    Path temporary;

    /** What a monitor remembers: name and SHA-256 of every batch it was given. */
    private final Set<String> remembered = new HashSet<>();
    private final Source.SeenFiles seen = (name, sha256) -> remembered.contains(name + " " + sha256);

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.withBuckets("incoming");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private Source source(String url, String glob) {
        return source(url, glob, server.environment());
    }

    private Source source(String url, String glob, Map<String, String> environment) {
        return Sources.open(new SourceSpec.S3(url, glob),
                new SourceEnvironment(Map.of(), List.of(), environment::get, temporary));
    }

    private List<SourceBatch> readAndRemember(Source source) {
        List<SourceBatch> batches = source.read(WINDOW, seen);
        for (SourceBatch b : batches) {
            remembered.add(b.read().name() + " " + b.read().sha256());
        }
        return batches;
    }

    private static void put(String key, String text) {
        server.putObject("incoming", key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String content(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void readsEachNewObjectUnderThePrefixOnce() throws Exception {
        put("bikes/a.csv", "x\n1\n");
        put("bikes/b.csv", "x\n2\n");
        put("bikes/upload.csv.part", "x\n9\n");
        put("bikes/.hidden.csv", "x\n9\n");
        put("bikes/notes.txt", "not a batch");
        put("bikes/2026/deeper.csv", "x\n9\n");
        put("bikesbutnot/c.csv", "x\n9\n");
        Source source = source("s3://incoming/bikes/", "*.csv");

        List<SourceBatch> first = readAndRemember(source);
        assertThat(first).extracting(b -> b.read().name()).containsExactlyInAnyOrder("a.csv", "b.csv");
        assertThat(first).extracting(b -> content(b.file())).containsExactlyInAnyOrder("x\n1\n", "x\n2\n");
        assertThat(first.get(0).read().type()).isEqualTo("s3");
        assertThat(first).extracting(b -> b.read().location())
                .containsExactlyInAnyOrder("s3://incoming/bikes/a.csv", "s3://incoming/bikes/b.csv");
        assertThat(first).allSatisfy(b -> assertThat(b.file().getParent()).isEqualTo(temporary));

        assertThat(readAndRemember(source)).as("nothing new").isEmpty();

        put("bikes/c.csv", "x\n3\n");
        put("bikes/a.csv", "x\n10\n"); // rewritten with new content: new
        assertThat(readAndRemember(source)).extracting(b -> b.read().name()).containsExactlyInAnyOrder("c.csv", "a.csv");
        try (Stream<Path> left = Files.list(temporary)) {
            assertThat(left).as("the batches given (2 + 2); the copies of objects seen before are gone").hasSize(4);
        }
    }

    @Test
    void skipsAnObjectOfTheSameNameSizeAndTimeWithoutDownloadingIt() {
        put("unchanged/a.csv", "x\n1\n");
        List<String> asked = new java.util.ArrayList<>();
        Source.SeenFiles byAttributes = new Source.SeenFiles() {
            @Override
            public boolean seen(String name, String sha256) {
                asked.add("seen " + name);
                return false;
            }

            @Override
            public boolean unchanged(String name, long bytes, Instant modified) {
                asked.add("unchanged " + name + " " + bytes);
                return true;
            }
        };

        assertThat(source("s3://incoming/unchanged", "*").read(WINDOW, byAttributes)).isEmpty();
        assertThat(asked).containsExactly("unchanged a.csv 4");
    }

    @Test
    void aWindowTemplateReadsTheWindowsObject() {
        put("hourly/2026-12-06T10:00:00Z.csv", "x\n7\n");

        List<SourceBatch> batches = source("s3://incoming/hourly/{from}.csv", "*").read(WINDOW, Source.SeenFiles.NONE);

        assertThat(batches).hasSize(1);
        assertThat(content(batches.get(0).file())).isEqualTo("x\n7\n");
        assertThat(batches.get(0).read().location()).isEqualTo("s3://incoming/hourly/2026-12-06T10:00:00Z.csv");
        assertThat(batches.get(0).read().name()).isNull();
    }

    @Test
    void aWindowWithoutItsObjectIsASourceExceptionNamingIt() {
        assertThatThrownBy(() -> source("s3://incoming/hourly/{to}.csv", "*").read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("s3://incoming/hourly/2026-12-06T11:00:00Z.csv").hasMessageContaining("NoSuchKey");
    }

    @Test
    void refusedKeysAndAMissingBucketSayWhatS3Said() {
        Map<String, String> wrong = new java.util.HashMap<>(server.environment());
        wrong.put("AWS_SECRET_ACCESS_KEY", "nope");
        assertThatThrownBy(() -> source("s3://incoming/bikes/", "*", wrong).read(WINDOW, seen))
                .isInstanceOf(SourceException.class).hasMessageContaining("SignatureDoesNotMatch");
        assertThatThrownBy(() -> source("s3://nobucket/x/", "*").read(WINDOW, seen))
                .isInstanceOf(SourceException.class).hasMessageContaining("NoSuchBucket");
    }

    @Test
    void theMonitorDefinitionTakesAnS3SourceAndRefusesBadOnes() {
        MonitorDefinition ok = MonitorDefinition.parse("""
                name: m
                schedule: {every: 1h}
                source: {type: s3, url: "s3://incoming/bikes/", glob: "*.csv"}
                """, "m.yml");
        assertThat(ok.source()).contains(new SourceSpec.S3("s3://incoming/bikes/", "*.csv"));

        assertThatThrownBy(() -> MonitorDefinition.parse("""
                name: m
                schedule: {every: 1h}
                source: {type: s3, url: "https://incoming/bikes/"}
                """, "m.yml"))
                .isInstanceOf(InvalidMonitorException.class).hasMessageContaining("source.url")
                .hasMessageContaining("is not an s3://BUCKET/KEY URL");
        assertThatThrownBy(() -> MonitorDefinition.parse("""
                name: m
                schedule: {every: 1h}
                source: {type: s3, url: "s3://incoming/{from}.csv", glob: "*.csv"}
                """, "m.yml"))
                .isInstanceOf(InvalidMonitorException.class).hasMessageContaining("source.glob");
    }
}
