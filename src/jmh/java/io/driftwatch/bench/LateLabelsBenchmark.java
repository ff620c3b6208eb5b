package io.driftwatch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Whole-request timing of labels that arrive later, against a running service: uploads a reference of
 * a binary churn classifier (20,000 rows with labels), creates a monitor with {@code model.id}, checks
 * a batch of ROWS predictions (which logs them), then posts the ROWS labels of those predictions, in a
 * shuffled order, as one CSV, and reports the wall-clock time of that request (the labels parsed,
 * staged, checked for conflicts, joined to the logged predictions and stored, and the window
 * evaluated), and of posting the same labels again (all duplicates, nothing evaluated).
 * <pre>
 * createdb -h 127.0.0.1 -U postgres driftwatch_bench
 * java -Ddw.database.driverClass=org.postgresql.Driver \
 *      -Ddw.database.url=jdbc:postgresql://127.0.0.1:5432/driftwatch_bench -Ddw.database.user=postgres \
 *      -jar target/driftwatch.jar db migrate config.yml
 * java -Xmx4g -Ddw.database.driverClass=org.postgresql.Driver \
 *      -Ddw.database.url=jdbc:postgresql://127.0.0.1:5432/driftwatch_bench -Ddw.database.user=postgres \
 *      -Ddw.dataDirectory=target/bench-data -Ddw.reportsDirectory=target/bench-reports \
 *      -jar target/driftwatch.jar server config.yml &
 * java -cp target/benchmarks.jar io.driftwatch.bench.LateLabelsBenchmark http://127.0.0.1:8080 1000000
 * </pre>
 * (The jars: {@code mvn -Pbench package -DskipTests}.) Not a JMH benchmark: one request of a million
 * rows is the unit a user waits for, timed as the client sees it.
 */
public final class LateLabelsBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private LateLabelsBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String name = "labels-bench-" + Long.toString(System.currentTimeMillis(), 36);

        // 201 when new, 200 when an earlier run uploaded the same bytes
        String reference = post(base + "/api/v1/datasets", "text/csv", reference(20_000), 200, 201);
        String referenceId = reference.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        post(base + "/api/v1/monitors", "application/yaml", ("name: " + name + "\nreference: " + referenceId
                + "\ncolumns:\n  numerical: [x]\nmodel:\n  task: binary_classification\n  target: churned\n"
                + "  prediction: churn_label\n  probabilities: churn_proba\n  pos_label: 1\n  id: request_id\n")
                .getBytes(StandardCharsets.UTF_8), 201);

        byte[] predictions = predictions(rows);
        long t0 = System.nanoTime();
        post(base + "/api/v1/monitors/" + name + "/checks", "text/csv", predictions, 201);
        long checked = System.nanoTime() - t0;

        byte[] labels = labels(rows);
        t0 = System.nanoTime();
        String answer = post(base + "/api/v1/monitors/" + name + "/labels", "text/csv", labels, 200);
        long joined = System.nanoTime() - t0;
        t0 = System.nanoTime();
        String again = post(base + "/api/v1/monitors/" + name + "/labels", "text/csv", labels, 200);
        long repeated = System.nanoTime() - t0;

        System.out.printf(Locale.ROOT, "monitor %s, %,d predictions (%.1f MB CSV), %,d labels (%.1f MB CSV)%n", name,
                rows, predictions.length / 1e6, rows, labels.length / 1e6);
        System.out.printf(Locale.ROOT, "check of the predictions (logs them):     %6.2f s%n", checked / 1e9);
        System.out.printf(Locale.ROOT, "labels joined and the window evaluated:   %6.2f s%n", joined / 1e9);
        System.out.printf(Locale.ROOT, "the same labels again (all duplicates):   %6.2f s%n", repeated / 1e9);
        System.out.println("answer: " + summary(answer));
        System.out.println("again:  " + summary(again));
    }

    private static String summary(String answer) {
        int windows = answer.indexOf("\"windows\"");
        String head = windows < 0 ? answer : answer.substring(0, windows);
        int accuracy = answer.indexOf("\"accuracy\"");
        return head + (accuracy < 0 ? "" : answer.substring(accuracy, Math.min(answer.length(), accuracy + 32)));
    }

    private static String post(String url, String type, byte[] body, int... expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(10)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (java.util.Arrays.stream(expected).noneMatch(s -> s == response.statusCode())) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static int truth(int i) {
        return Long.hashCode(i * 0x9E3779B97F4A7C15L) >>> 31 == 0 ? 1 : 0;
    }

    private static int predicted(int i) {
        return i % 9 == 4 ? 1 - truth(i) : truth(i);
    }

    private static byte[] reference(int rows) {
        StringBuilder csv = new StringBuilder("request_id,x,churned,churn_label,churn_proba\n");
        for (int i = 0; i < rows; i++) {
            int p = predicted(i);
            csv.append("ref-").append(i).append(',').append(i % 97 * 0.5).append(',').append(truth(i)).append(',')
                    .append(p).append(',').append(p == 1 ? "0.8" : "0.2").append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] predictions(int rows) {
        StringBuilder csv = new StringBuilder(rows * 32).append("request_id,x,churn_label,churn_proba\n");
        for (int i = 0; i < rows; i++) {
            int p = predicted(i);
            csv.append("req-").append(i).append(',').append(i % 89 * 0.5).append(',').append(p).append(',')
                    .append(p == 1 ? "0.7" : "0.3").append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The labels of every prediction, in a shuffled order (labels do not come back in request order). */
    private static byte[] labels(int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(15);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        StringBuilder csv = new StringBuilder(rows * 16).append("request_id,churned\n");
        for (int i : order) {
            csv.append("req-").append(i).append(',').append(truth(i)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
