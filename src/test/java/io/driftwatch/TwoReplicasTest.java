package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.TestDatabases.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the service, each with its scheduler on, sharing one PostgreSQL database: a
 * monitor scheduled every second is run once per slot, never twice, whichever instance gets there
 * first.
 */
class TwoReplicasTest {
    @TempDir
    Path dir;

    @Test
    void twoServiceInstancesNeverRunTheSameSlotTwice() throws Exception {
        TestDatabase db = TestDatabases.postgres();
        TestDatabase warehouse = TestDatabases.postgresUnmigrated();
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE predictions (score DOUBLE PRECISION, segment TEXT)");
            s.execute("INSERT INTO predictions SELECT random(), 'abc' FROM generate_series(1, 200)");
        }
        DropwizardAppExtension<DriftwatchConfiguration> a = replica("replica-a", db, warehouse);
        DropwizardAppExtension<DriftwatchConfiguration> b = replica("replica-b", db, warehouse);
        a.before();
        try {
            b.before();
            try {
                HttpClient http = HttpClient.newHttpClient();
                StringBuilder csv = new StringBuilder("score,segment\n");
                Random random = new Random(1);
                for (int i = 0; i < 300; i++) {
                    csv.append(random.nextDouble()).append(",abc\n");
                }
                String dataset = post(http, a, "/api/v1/datasets", "text/csv", csv.toString());
                String id = dataset.replaceAll("(?s).*\"id\"\\s*:\\s*\"([0-9a-f]+)\".*", "$1");
                post(http, a, "/api/v1/monitors", "application/yaml", """
                        name: replicated
                        reference: %s
                        schedule: {every: 1s}
                        source: {type: jdbc, datasource: warehouse, query: "SELECT score, segment FROM predictions"}
                        """.formatted(id));
                Thread.sleep(6_000);
            } finally {
                b.after();
            }
        } finally {
            a.after();
        }

        Map<String, Integer> checksBySlot = new TreeMap<>();
        List<String> states = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT CAST(slot AS VARCHAR) AS slot, COUNT(*) AS n FROM check_sources"
                    + " GROUP BY slot")) {
                while (r.next()) {
                    checksBySlot.put(r.getString("slot"), r.getInt("n"));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT state FROM scheduled_runs")) {
                while (r.next()) {
                    states.add(r.getString(1));
                }
            }
        }
        assertThat(states).hasSizeGreaterThanOrEqualTo(3).containsOnly("done");
        assertThat(checksBySlot).hasSize(states.size());
        assertThat(checksBySlot.values()).containsOnly(1);
    }

    private DropwizardAppExtension<DriftwatchConfiguration> replica(String name, TestDatabase db,
            TestDatabase warehouse) throws java.io.IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        return TestService.builder().in(home).on(db).dataDirectory(dir.resolve("shared-data")).edit(root -> {
            var source = root.withObjectProperty("sources").withObjectProperty("dataSources")
                    .withObjectProperty("warehouse");
            source.put("driverClass", "org.postgresql.Driver");
            source.put("url", warehouse.url());
            source.put("user", warehouse.user());
            source.put("password", "");
            root.withObjectProperty("server").withObjectProperty("requestLog").putArray("appenders");
        }).override(ConfigOverride.config("scheduler.instanceName", name),
                ConfigOverride.config("scheduler.pollInterval", "100ms")).build().app;
    }

    private static String post(HttpClient http, DropwizardAppExtension<DriftwatchConfiguration> app, String path,
            String type, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort()
                + path)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return r.body();
    }
}
