package io.driftwatch.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.TestDatabases;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Puts monitors and checks into a running service through its REST API, for the dashboard tests:
 * the bike-sharing example with a week of varied batches (rows sampled from January 2011, the
 * reference, and January 2012, which drifted), and small synthetic datasets.
 *
 * <p>Thread-safe: the JAX-RS client is, and nothing else is shared.
 */
final class DashboardFixtures {
    static final Path BIKES = Path.of("examples/bike-sharing");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Client client;
    private final String base;

    DashboardFixtures(Client client, int port) {
        this.client = client;
        this.base = "http://localhost:" + port;
    }

    String base() {
        return base;
    }

    /** Uploads CSV text as a dataset; returns its id. */
    String upload(String csv) {
        JsonNode answer = post("/api/v1/datasets", Entity.entity(csv, "text/csv"));
        return answer.get("id").asText();
    }

    /** Creates a monitor from a YAML definition; returns its id. */
    String createMonitor(String yaml) {
        return post("/api/v1/monitors", Entity.entity(yaml, "application/yaml")).get("id").asText();
    }

    /** Checks a CSV batch against monitor {@code monitor}; returns the check's id. */
    String check(String monitor, String csv) {
        return post("/api/v1/monitors/" + monitor + "/checks", Entity.entity(csv, "text/csv")).get("id").asText();
    }

    /** The bike-sharing monitor as examples/bike-sharing/monitor.yml defines it, under {@code name}. */
    String createBikeMonitor(String name, String referenceId) {
        String yaml = read(BIKES.resolve("monitor.yml")).replaceFirst("(?m)^name: .*$", "name: " + name)
                .replaceFirst("(?m)^reference: .*$", "reference: " + referenceId);
        return createMonitor(yaml);
    }

    /** The reference, January 2011. */
    static String bikeReference() {
        return read(BIKES.resolve("reference.csv"));
    }

    /**
     * A batch of {@code rows} hourly rows: a share {@code fromReference} drawn from January 2011
     * (the reference), the rest from January 2012 (the drifted current batch); rows are chosen at
     * random (seeded) and kept in file order, as a daily export would be.
     */
    static String bikeBatch(double fromReference, int rows, long seed) {
        List<String> reference = lines(BIKES.resolve("reference.csv"));
        List<String> current = lines(BIKES.resolve("current.csv"));
        Random random = new Random(seed);
        int fromRef = (int) Math.round(rows * fromReference);
        List<String> picked = new ArrayList<>(pick(reference.subList(1, reference.size()), fromRef, random));
        picked.addAll(pick(current.subList(1, current.size()), rows - fromRef, random));
        StringBuilder csv = new StringBuilder(rows * 80).append(reference.get(0)).append('\n');
        for (String line : picked) {
            csv.append(line).append('\n');
        }
        return csv.toString();
    }

    /**
     * Moves the checks (oldest first) to one a day, the last {@code lastDaysAgo} days before today,
     * at 06:00 UTC plus a few minutes: the schedule the dashboard is for. The checks ran seconds
     * apart in the test; this is the only write that bypasses the API.
     */
    static void spreadOverDays(TestDatabases.TestDatabase db, List<String> checkIds, int lastDaysAgo) {
        Instant today = Instant.now().atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
        int n = checkIds.size();
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("UPDATE checks SET created_at = ? WHERE id = ?")) {
            for (int i = 0; i < n; i++) {
                Instant at = today.minusSeconds(86400L * (n - 1 - i + lastDaysAgo)).plusSeconds(6 * 3600 + 60 * (i * 7 % 13));
                s.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                s.setString(2, checkIds.get(i));
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> pick(List<String> from, int n, Random random) {
        List<Integer> order = new ArrayList<>(from.size());
        for (int i = 0; i < from.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        List<Integer> chosen = new ArrayList<>(order.subList(0, Math.min(n, order.size())));
        Collections.sort(chosen);
        List<String> out = new ArrayList<>(chosen.size());
        for (int i : chosen) {
            out.add(from.get(i));
        }
        return out;
    }

    private JsonNode post(String path, Entity<?> body) {
        try (Response r = client.target(base + path).request(MediaType.APPLICATION_JSON).post(body)) {
            String text = r.readEntity(String.class);
            assertThat(r.getStatus()).as("POST %s answered %s", path, text).isIn(200, 201);
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GETs {@code path} as a browser would; the answer is closed by the caller. */
    Response get(String path) {
        return client.target(base + path).request(MediaType.TEXT_HTML).get();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
