package io.driftwatch.spark;

import io.driftwatch.DriftwatchException;
import io.driftwatch.profile.SketchProfile;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts a sketch profile to a Driftwatch service as the current batch of a check of one monitor:
 * {@code POST {service}/api/v1/monitors/{id}/checks} with the profile's bytes (docs/sketch-profile.md)
 * as {@value #MEDIA_TYPE}, and {@code Authorization: Bearer <token>} when a token is given. The service
 * runs the check against the monitor's reference and records it, so its alerts and history work as
 * for any other check; its answer (the check's JSON result, {@code 201}) is handed back.
 *
 * <p>Thread-safe: the JDK's HTTP client is.
 */
public final class ProfilePoster {
    /** The media type of a sketch profile. */
    public static final String MEDIA_TYPE = "application/vnd.driftwatch.sketch-profile";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    /**
     * The service's answer.
     *
     * @param uri where the profile went
     * @param status the HTTP status
     * @param body the answer's body
     */
    public record Answer(URI uri, int status, String body) {
    }

    /** The service refused the profile, or could not be reached. */
    public static final class PostFailedException extends DriftwatchException {
        private static final long serialVersionUID = 1L;

        PostFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient client;
    private final URI service;
    private final String token;

    /**
     * @param service the service's base address, e.g. {@code https://driftwatch.example.com}
     * @param token an API token, or null when the service asks for none
     */
    public ProfilePoster(URI service, String token) {
        String s = service.toString();
        if (!"http".equals(service.getScheme()) && !"https".equals(service.getScheme())) {
            throw new JobArgumentException("the service address must start with http:// or https://, got '" + s + "'");
        }
        this.service = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.token = token;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Posts {@code profile} as the current batch of monitor {@code monitorId}.
     *
     * @throws PostFailedException when the service cannot be reached or answers other than 2xx (the
     *     message holds the status and the start of its answer)
     */
    public Answer post(String monitorId, SketchProfile profile) {
        URI uri = URI.create(service + "/api/v1/monitors/"
                + URLEncoder.encode(monitorId, StandardCharsets.UTF_8).replace("+", "%20") + "/checks");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", MEDIA_TYPE).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(profile.toByteArray()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PostFailedException("cannot post the profile to " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostFailedException("interrupted while posting the profile to " + uri, e);
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body();
            throw new PostFailedException("the service refused the profile: POST " + uri + " answered "
                    + response.statusCode() + (body.isBlank() ? "" : ": " + (body.length() > 500
                            ? body.substring(0, 500) + "…" : body)), null);
        }
        return new Answer(uri, response.statusCode(), response.body());
    }
}
