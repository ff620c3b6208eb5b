package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A DVC-tracked reference through the service: registered as a dataset by its tracked path in a folder
 * the service may read ({@code sources.directories}), its content taken from the repository's DVC
 * cache and verified; the monitor on that dataset checks a posted batch, and the check's result and
 * report say which version of the data the reference is. A pointer outside the allowed folders, a name
 * that is not a DVC-tracked file and a version missing from the cache are refused, naming the field.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DvcReferenceServiceTest {
    private static final Path BIKES = Path.of("examples", "bike-sharing");
    private static final Path ALLOWED = folder();
    static final TestService SERVICE = TestService.onH2(
            root -> root.withObjectProperty("sources").putArray("directories").add(ALLOWED.toString()));
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    @Test
    void aRegisteredDvcReferenceCarriesItsVersionIntoEveryCheck() throws Exception {
        Path repo = ALLOWED.resolve("churn-repo");
        String md5 = track(repo, "data/reference.csv", Files.readAllBytes(BIKES.resolve("reference.csv")));

        TestService.Reply registered = SERVICE.post("/api/v1/datasets", "application/json",
                "{\"reference\": \"dvc:" + repo.resolve("data/reference.csv") + "\"}");

        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonNode dataset = registered.json();
        assertThat(dataset.at("/lineage/system").asText()).isEqualTo("dvc");
        assertThat(dataset.at("/lineage/md5").asText()).isEqualTo(md5);
        assertThat(dataset.at("/lineage/from").asText()).isEqualTo("cache");
        TestService.Reply uploaded = SERVICE.post("/api/v1/datasets", "text/csv",
                Files.readString(BIKES.resolve("reference.csv")));
        assertThat(uploaded.status()).as("the same bytes: the same dataset").isEqualTo(200);
        assertThat(uploaded.json().get("id")).isEqualTo(dataset.get("id"));
        assertThat(uploaded.json().at("/lineage/md5").asText()).as("it keeps its lineage").isEqualTo(md5);

        String monitor = Files.readString(BIKES.resolve("monitor.yml")).replaceAll("(?m)^reference: .*$",
                "reference: " + dataset.get("id").asText());
        TestService.Reply created = SERVICE.post("/api/v1/monitors", "application/yaml", monitor);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = "bike-sharing";
        TestService.Reply check = SERVICE.post("/api/v1/monitors/" + id + "/checks", "text/csv",
                Files.readString(BIKES.resolve("current.csv")));

        assertThat(check.status()).as(check.body()).isEqualTo(201);
        JsonNode lineage = check.json().at("/reference/lineage");
        assertThat(lineage.get("md5").asText()).isEqualTo(md5);
        assertThat(lineage.get("file").asText()).isEqualTo("data/reference.csv.dvc");
        assertThat(lineage.get("path").asText()).isEqualTo("data/reference.csv");
        String report = SERVICE.get("/api/v1/checks/" + check.json().get("id").asText() + "/report").body();
        assertThat(report).contains("DVC: data/reference.csv md5 " + md5);
    }

    @Test
    void referencesThatCannotBeRegisteredAreRefusedNamingTheField() throws Exception {
        Path outside = Files.createTempDirectory("dvc-outside");
        track(outside, "train.csv", "a,b\n1,2\n".getBytes());
        TestService.Reply elsewhere = SERVICE.post("/api/v1/datasets", "application/json",
                "{\"reference\": \"" + outside.resolve("train.csv.dvc") + "\"}");
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.json().get("field").asText()).isEqualTo("reference");
        assertThat(elsewhere.json().get("message").asText()).contains("is outside the folders the service may read");

        TestService.Reply plain = SERVICE.post("/api/v1/datasets", "application/json",
                "{\"reference\": \"" + ALLOWED.resolve("x.csv") + "\"}");
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.json().get("message").asText()).contains("names no versioned file");

        Path repo = ALLOWED.resolve("emptied-repo");
        String md5 = track(repo, "train.csv", "a,b\n3,4\n".getBytes());
        Files.delete(repo.resolve(".dvc/cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2)));
        TestService.Reply missing = SERVICE.post("/api/v1/datasets", "application/json",
                "{\"reference\": \"" + repo.resolve("train.csv.dvc") + "\"}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("code").asText()).isEqualTo("unresolvable_reference");
        assertThat(missing.json().get("field").asText()).isEqualTo("reference");
        assertThat(missing.json().get("message").asText()).startsWith("train.csv.dvc: the content of train.csv (md5 "
                + md5 + ") is in none of the cache");

        TestService.Reply blank = SERVICE.post("/api/v1/datasets", "application/json", "{\"reference\": \"\"}");
        assertThat(blank.status()).isEqualTo(400);
    }

    /** A DVC repository at {@code repo} tracking {@code bytes} at {@code path} (DVC 3's cache); returns the MD5. */
    private static String track(Path repo, String path, byte[] bytes) throws Exception {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        Files.createDirectories(repo.resolve(".dvc"));
        Path cached = repo.resolve(".dvc/cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2));
        Files.createDirectories(cached.getParent());
        Files.write(cached, bytes);
        Path output = repo.resolve(path);
        Files.createDirectories(output.getParent());
        Files.writeString(output.resolveSibling(output.getFileName() + ".dvc"), "outs:\n- md5: " + md5 + "\n  size: "
                + bytes.length + "\n  hash: md5\n  path: " + output.getFileName() + "\n");
        return md5;
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("dvc-allowed").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
