package io.driftwatch.io.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.data.Lineage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A reference named by a registered MLflow model: {@code mlflow:models:/NAME@ALIAS} or
 * {@code mlflow:models:/NAME/VERSION} is the training dataset logged with the run that produced that
 * model version. Resolved through MLflow's REST API 2.0: the version ({@code registered-models/alias}
 * or {@code model-versions/get}) gives the run; the run ({@code runs/get}) lists its dataset inputs,
 * of which the one tagged {@code mlflow.data.context = training} (or the only one) is taken; its
 * source ({@code {"uri": …}} or {@code {"url": …}}) is read: a local path or {@code file:} URI (when
 * {@code localAllowed} accepts it), an {@code http(s)} URL, an {@code mlflow-artifacts:} URI or a
 * {@code runs:/RUN/PATH} URI (downloaded from the tracking server's artifact proxy). The lineage names
 * the tracking server, model, version, alias, run and dataset (name, digest, source).
 *
 * <p>Thread-safe: immutable.
 */
public final class MlflowReference {
    /** The prefix of a reference named by a registered model. */
    public static final String PREFIX = "mlflow:models:/";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI tracking;
    private final String authorization;
    private final HttpClient http;

    private MlflowReference(URI tracking, String authorization) {
        this.tracking = tracking;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Whether {@code name} names a registered model's training data. */
    public static boolean names(String name) {
        return name.startsWith(PREFIX);
    }

    /**
     * The tracking server MLflow's clients use: {@code MLFLOW_TRACKING_URI} (an http or https URL), with
     * {@code MLFLOW_TRACKING_TOKEN} (a bearer token) or {@code MLFLOW_TRACKING_USERNAME} and
     * {@code MLFLOW_TRACKING_PASSWORD} (basic authentication) when set.
     *
     * @throws UnresolvableReferenceException when no tracking server is set, or not an http(s) URL
     */
    public static MlflowReference fromEnvironment(Function<String, String> environment) {
        String uri = environment.apply("MLFLOW_TRACKING_URI");
        if (uri == null || uri.isBlank()) {
            throw new UnresolvableReferenceException("a reference named mlflow:models:/… is resolved by the MLflow"
                    + " tracking server, and MLFLOW_TRACKING_URI is not set: set it to the server's address"
                    + " (e.g. http://mlflow:5000)");
        }
        URI parsed;
        try {
            parsed = URI.create(uri.endsWith("/") ? uri : uri + "/");
        } catch (IllegalArgumentException e) {
            throw new UnresolvableReferenceException("MLFLOW_TRACKING_URI '" + uri + "' is not a URL", e);
        }
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
            throw new UnresolvableReferenceException("MLFLOW_TRACKING_URI '" + uri + "' is not an http(s) URL: a"
                    + " model registry is read through a tracking server");
        }
        String token = environment.apply("MLFLOW_TRACKING_TOKEN");
        String user = environment.apply("MLFLOW_TRACKING_USERNAME");
        String authorization = token != null && !token.isBlank() ? "Bearer " + token
                : user != null && !user.isBlank() ? "Basic " + Base64.getEncoder().encodeToString((user + ":"
                        + Objects.requireNonNullElse(environment.apply("MLFLOW_TRACKING_PASSWORD"), ""))
                        .getBytes(StandardCharsets.UTF_8))
                : null;
        return new MlflowReference(parsed, authorization);
    }

    /**
     * Resolves {@code name} and copies the training dataset to a new file in {@code folder}.
     *
     * @param localAllowed whether a dataset source on this machine's file system may be read
     * @return the copy (the caller deletes it) and its lineage
     * @throws UnresolvableReferenceException naming what the server answered or what is missing
     */
    public TrackedFile resolve(String name, Path folder, Predicate<Path> localAllowed) {
        return resolve(name, folder, localAllowed, ObjectStorage.NONE);
    }

    /** As {@link #resolve(String, Path, Predicate)}, also reading dataset sources in object storage {@code storage} reads. */
    public TrackedFile resolve(String name, Path folder, Predicate<Path> localAllowed, ObjectStorage storage) {
        String model = name.substring(PREFIX.length());
        int at = model.lastIndexOf('@');
        int slash = model.lastIndexOf('/');
        JsonNode version;
        String alias = null;
        if (at > 0) {
            alias = model.substring(at + 1);
            model = model.substring(0, at);
            version = get("registered-models/alias", Map.of("name", model, "alias", alias), name).path("model_version");
        } else if (slash > 0 && model.substring(slash + 1).matches("[0-9]+")) {
            String v = model.substring(slash + 1);
            model = model.substring(0, slash);
            version = get("model-versions/get", Map.of("name", model, "version", v), name).path("model_version");
        } else {
            throw new UnresolvableReferenceException(name + ": name a model version as " + PREFIX + "NAME@ALIAS or "
                    + PREFIX + "NAME/VERSION (stages are deprecated in MLflow; give an alias)");
        }
        String runId = version.path("run_id").asText("");
        if (runId.isEmpty()) {
            throw new UnresolvableReferenceException(name + ": model version " + version.path("version").asText("?")
                    + " names no run (registered from files, not from a run), so no training dataset is known");
        }
        JsonNode run = get("runs/get", Map.of("run_id", runId), name).path("run");
        JsonNode dataset = training(name, runId, run.path("inputs").path("dataset_inputs"));
        JsonNode source = parse(name, dataset.path("source").asText("{}"));
        String uri = source.path("uri").asText(source.path("url").asText(""));
        if (uri.isEmpty()) {
            throw new UnresolvableReferenceException(name + ": run " + runId + "'s training dataset '"
                    + dataset.path("name").asText() + "' has a " + dataset.path("source_type").asText() + " source without"
                    + " a uri or url (" + dataset.path("source").asText() + "), so it cannot be read");
        }
        Path copy = download(name, runId, run, uri, folder, localAllowed, storage);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("trackingUri", tracking.toString());
        facts.put("model", model);
        facts.put("version", version.path("version").asText());
        if (alias != null) {
            facts.put("alias", alias);
        }
        facts.put("runId", runId);
        facts.put("dataset", dataset.path("name").asText());
        facts.put("digest", dataset.path("digest").asText());
        facts.put("source", uri);
        return new TrackedFile(copy, new Lineage("mlflow", facts), true);
    }

    /** The run's training dataset input: tagged {@code mlflow.data.context = training}, else the only one. */
    private static JsonNode training(String name, String runId, JsonNode inputs) {
        List<JsonNode> all = new ArrayList<>();
        inputs.forEach(all::add);
        for (JsonNode input : all) {
            for (JsonNode tag : input.path("tags")) {
                if ("mlflow.data.context".equals(tag.path("key").asText())
                        && "training".equals(tag.path("value").asText())) {
                    return input.path("dataset");
                }
            }
        }
        if (all.size() == 1) {
            return all.get(0).path("dataset");
        }
        List<String> names = new ArrayList<>();
        all.forEach(i -> names.add(i.path("dataset").path("name").asText()));
        throw new UnresolvableReferenceException(name + ": run " + runId + (all.isEmpty()
                ? " logged no dataset input; log the training data with mlflow.log_input(dataset, context=\"training\")"
                : " logged " + all.size() + " datasets (" + String.join(", ", names) + ") and none with context"
                        + " 'training'; log it with mlflow.log_input(dataset, context=\"training\")"));
    }

    private Path download(String name, String runId, JsonNode run, String uri, Path folder,
            Predicate<Path> localAllowed, ObjectStorage storage) {
        try {
            Path target = Files.createTempFile(folder, "mlflow-reference-", ".data");
            try {
                if (uri.startsWith("http://") || uri.startsWith("https://")) {
                    fetch(name, URI.create(uri), target, false);
                } else if (uri.startsWith("mlflow-artifacts:")) {
                    fetch(name, artifacts(uri.substring("mlflow-artifacts:".length())), target, true);
                } else if (uri.startsWith("runs:/")) {
                    String rest = uri.substring("runs:/".length());
                    int slash = rest.indexOf('/');
                    String artifactRoot = run.path("info").path("artifact_uri").asText("");
                    if (slash < 0 || !rest.substring(0, slash).equals(runId) || !artifactRoot.startsWith("mlflow-artifacts:")) {
                        throw new UnresolvableReferenceException(name + ": the training dataset's source " + uri
                                + " is not an artifact of run " + runId + " kept by the tracking server");
                    }
                    String root = artifactRoot.substring("mlflow-artifacts:".length());
                    fetch(name, artifacts(root + (root.endsWith("/") ? "" : "/") + rest.substring(slash + 1)), target,
                            true);
                } else if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*") && storage.reads(URI.create(uri))) {
                    storage.download(URI.create(uri), target);
                } else if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*") && !uri.startsWith("file://")) {
                    throw new UnresolvableReferenceException(name + ": the training dataset's source " + uri + " is in"
                            + " storage this reader does not reach (" + uri.substring(0, uri.indexOf(':')) + "); local"
                            + " paths, http(s), mlflow-artifacts: and runs:/ sources are read");
                } else {
                    Path local = Path.of(uri.startsWith("file://") ? URI.create(uri).getPath()
                            : uri.startsWith("file:") ? uri.substring(5) : uri).toAbsolutePath().normalize();
                    if (!localAllowed.test(local)) {
                        throw new UnresolvableReferenceException(name + ": the training dataset's source " + local
                                + " is a local path outside the folders this service may read");
                    }
                    if (!Files.isRegularFile(local)) {
                        throw new UnresolvableReferenceException(name + ": the training dataset's source " + local
                                + " is not a file here (logged from another machine? log it to the tracking server's"
                                + " artifact store)");
                    }
                    Files.copy(local, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return target;
            } catch (RuntimeException e) {
                Files.deleteIfExists(target);
                throw e;
            }
        } catch (IOException e) {
            throw new UnresolvableReferenceException(name + ": cannot copy the training dataset: " + e.getMessage(), e);
        }
    }

    private URI artifacts(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return tracking.resolve("api/2.0/mlflow-artifacts/artifacts/" + p);
    }

    private void fetch(String name, URI uri, Path target, boolean authorize) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (authorize && authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response = send(name, request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new UnresolvableReferenceException(name + ": GET " + uri + " answered " + response.statusCode()
                        + ": " + snippet(new String(body.readNBytes(300), StandardCharsets.UTF_8)));
            }
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UnresolvableReferenceException(name + ": reading " + uri + " failed: " + e.getMessage(), e);
        }
    }

    private JsonNode get(String endpoint, Map<String, String> query, String name) {
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : query.entrySet()) {
            q.append(q.length() == 0 ? '?' : '&').append(e.getKey()).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        URI uri = tracking.resolve("api/2.0/mlflow/" + endpoint + q);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = send(name, request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            JsonNode error = parseQuietly(response.body());
            String why = error == null ? snippet(response.body())
                    : error.path("error_code").asText() + ": " + error.path("message").asText();
            throw new UnresolvableReferenceException(name + ": the MLflow tracking server (" + tracking + ") answered "
                    + endpoint + " with " + response.statusCode() + " " + why);
        }
        return parse(name, response.body());
    }

    private <T> HttpResponse<T> send(String name, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UnresolvableReferenceException(name + ": the MLflow tracking server (" + tracking
                    + ") cannot be reached: " + e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnresolvableReferenceException(name + ": interrupted while asking the MLflow tracking server", e);
        }
    }

    private static JsonNode parse(String name, String text) {
        JsonNode node = parseQuietly(text);
        if (node == null) {
            throw new UnresolvableReferenceException(name + ": the MLflow tracking server answered with no JSON: "
                    + snippet(text));
        }
        return node;
    }

    private static JsonNode parseQuietly(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String snippet(String text) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return t.length() <= 200 ? t : t.substring(0, 200) + "…";
    }

    /** Made on first use, as {@code DvcReference}'s: {@link #names} is asked of every check's reference. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
