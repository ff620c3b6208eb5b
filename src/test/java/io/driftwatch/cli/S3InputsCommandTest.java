package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.store.S3TestServer;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check}, {@code profile} and {@code inspect} with {@code s3://} inputs, run as a real process
 * (so the credentials and endpoint come from its environment, as the AWS CLI reads them) against
 * S3Proxy; and every refusal naming the URL, the bucket and key, and what S3 said.
 */
class S3InputsCommandTest {
    private static final String REF = "examples/bike-sharing/reference.csv";
    private static final String CUR = "examples/bike-sharing/current.csv";
    private static S3TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.withBuckets("batches");
        server.putObject("batches", "bikes/reference.csv", Files.readAllBytes(Path.of(REF)));
        server.putObject("batches", "bikes/2026-12-06/current.csv", Files.readAllBytes(Path.of(CUR)));
        server.putObject("batches", "broken.csv", "a,b\n1,2\n3\n".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    record Run(int exitCode, String stdout, String stderr) {
    }

    /** {@code java … DriftwatchApplication args} with {@code environment}, its temporary folder under {@link #dir}. */
    private Run driftwatch(Map<String, String> environment, String... args) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), "io.driftwatch.DriftwatchApplication"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(".").getAbsoluteFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        builder.environment().putAll(environment);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("driftwatch finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private List<Path> leftInTmp() throws Exception {
        try (var files = Files.walk(dir.resolve("tmp"))) {
            return files.filter(p -> !p.equals(dir.resolve("tmp")))
                    .filter(p -> p.getFileName().toString().startsWith("driftwatch-s3-")
                            || p.toString().contains("driftwatch-s3-"))
                    .toList();
        }
    }

    @Test
    void checksBatchesReadFromS3AndNamesThemByTheirUrls() throws Exception {
        Path json = dir.resolve("result.json");
        Run run = driftwatch(server.environment(), "check", "--reference", "s3://batches/bikes/reference.csv",
                "--current", "s3://batches/bikes/2026-12-06/current.csv", "--json", json.toString());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout()).startsWith("s3://batches/bikes/reference.csv (688 rows) vs "
                + "s3://batches/bikes/2026-12-06/current.csv (741 rows)")
                .contains("Dataset drift: YES");
        assertThat(Files.readString(json)).contains("\"source\": \"s3://batches/bikes/2026-12-06/current.csv\"");
        assertThat(leftInTmp()).as("the downloads are deleted").isEmpty();
    }

    @Test
    void givesTheSameVerdictAsTheLocalFiles() throws Exception {
        Path fromS3 = dir.resolve("s3.json");
        Path local = dir.resolve("local.json");
        driftwatch(server.environment(), "check", "--reference", "s3://batches/bikes/reference.csv",
                "--current", CUR, "--json", fromS3.toString());
        driftwatch(Map.of(), "check", "--reference", REF, "--current", CUR, "--json", local.toString());

        JsonNode s3 = new ObjectMapper().readTree(fromS3.toFile());
        JsonNode files = new ObjectMapper().readTree(local.toFile());
        assertThat(s3.get("datasetDrift")).isEqualTo(files.get("datasetDrift"));
        assertThat(s3.get("columns")).isEqualTo(files.get("columns"));
        assertThat(s3.get("reference").get("sha256")).isEqualTo(files.get("reference").get("sha256"));
    }

    @Test
    void profilesAndInspectsObjectsInS3() throws Exception {
        Path profile = dir.resolve("bikes.profile");
        Run made = driftwatch(server.environment(), "profile", "--reference", "s3://batches/bikes/reference.csv",
                "--out", profile.toString());
        assertThat(made.exitCode()).as(made.stderr()).isZero();
        assertThat(made.stdout()).contains("profile of s3://batches/bikes/reference.csv (688 rows");
        assertThat(profile).isNotEmptyFile();

        Run inspected = driftwatch(server.environment(), "inspect", "s3://batches/bikes/2026-12-06/current.csv");
        assertThat(inspected.exitCode()).as(inspected.stderr()).isZero();
        assertThat(inspected.stdout()).startsWith("s3://batches/bikes/2026-12-06/current.csv: 741 rows x ");
        assertThat(leftInTmp()).isEmpty();
    }

    @Test
    void aMissingKeyIsNamedWithItsBucketAndNoSuchKey() throws Exception {
        Run run = driftwatch(server.environment(), "check", "--reference", REF, "--current",
                "s3://batches/bikes/2026-12-07/current.csv");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).startsWith("driftwatch check: cannot read s3://batches/bikes/2026-12-07/current.csv "
                + "(bucket \"batches\", key \"bikes/2026-12-07/current.csv\" at " + server.endpoint() + "): NoSuchKey");
        assertThat(run.stderr().lines()).hasSize(1);
    }

    @Test
    void anUnsignedRequestIsRefusedWithAccessDenied() throws Exception {
        Map<String, String> anonymous = new HashMap<>(server.environment());
        anonymous.remove("AWS_ACCESS_KEY_ID");
        anonymous.remove("AWS_SECRET_ACCESS_KEY");
        Run run = driftwatch(anonymous, "inspect", "s3://batches/bikes/reference.csv");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("driftwatch inspect: cannot read s3://batches/bikes/reference.csv")
                .contains("key \"bikes/reference.csv\"").contains("AccessDenied");
    }

    @Test
    void aWrongSecretIsRefusedWithWhatS3Said() throws Exception {
        Map<String, String> wrong = new HashMap<>(server.environment());
        wrong.put("AWS_SECRET_ACCESS_KEY", "not-it");
        Run run = driftwatch(wrong, "profile", "--reference", "s3://batches/bikes/reference.csv", "--out",
                dir.resolve("x.profile").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("driftwatch profile: cannot read s3://batches/bikes/reference.csv")
                .contains("SignatureDoesNotMatch");
    }

    @Test
    void anUnreachableEndpointIsNamed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> nowhere = new HashMap<>(server.environment());
        nowhere.remove("AWS_ENDPOINT_URL_S3");
        nowhere.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port);
        Run run = driftwatch(nowhere, "check", "--reference", "s3://batches/bikes/reference.csv", "--current", CUR);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("driftwatch check: cannot read s3://batches/bikes/reference.csv (bucket "
                + "\"batches\", key \"bikes/reference.csv\"): the endpoint http://127.0.0.1:" + port
                + " cannot be reached").contains("Connection refused");
    }

    @Test
    void anUnreadableObjectIsNamedByItsUrlNotTheTemporaryFile() throws Exception {
        Run run = driftwatch(server.environment(), "inspect", "s3://batches/broken.csv");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("driftwatch inspect: s3://batches/broken.csv").contains("line 3")
                .doesNotContain("driftwatch-s3-");
        assertThat(leftInTmp()).isEmpty();
    }

    @Test
    void aUrlWithoutAKeyIsBadUsage() throws Exception {
        Run run = driftwatch(server.environment(), "inspect", "s3://batches/bikes/");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("driftwatch inspect: the S3 URL s3://batches/bikes/ names no object: "
                + "s3://BUCKET/KEY, with the key of one file");
    }
}
