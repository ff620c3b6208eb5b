package io.driftwatch.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.EditedConfig;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With tokens configured, every endpoint of the running service asks for the role its annotation
 * names: each write endpoint refuses a missing, a wrong and a read token and takes a write token;
 * each read endpoint refuses a missing or wrong token and takes a read token. The endpoints are
 * found by reflection over the registered resources, so new ones are covered without editing this.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TokenAccessTest {
    static final String WRITE_TOKEN = Tokens.newToken();
    static final String READ_TOKEN = Tokens.newToken();
    static final String WRONG_TOKEN = Tokens.newToken();
    static final ObjectMapper JSON = new ObjectMapper();

    /** The endpoints that need no token, on purpose; adding one to the code fails a test until listed here. */
    static final List<String> PUBLIC = List.of("GET /api/v1/openapi.yaml");

    static final TestService SERVICE = TestService.onH2(root -> {
        EditedConfig.addToken(root, "ci-pipeline", "write", WRITE_TOKEN);
        EditedConfig.addToken(root, "analysts", "read", READ_TOKEN);
        // the request log would print a few hundred lines
        root.withObjectProperty("server").withObjectProperty("requestLog").putArray("appenders");
    });
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    static String datasetId;
    static String checkId;

    /** One real check, recorded with the write token, so read endpoints can be asked about real ids. */
    @BeforeAll
    static void recordACheck() throws Exception {
        try (Response r = call("POST", "/api/v1/datasets", WRITE_TOKEN,
                Entity.entity(Files.readAllBytes(Path.of("examples/bike-sharing/reference.csv")), "text/csv"))) {
            assertThat(r.getStatus()).isEqualTo(201);
            datasetId = json(r).get("id").asText();
        }
        String monitor = Files.readString(Path.of("examples/bike-sharing/monitor.yml"))
                .replaceAll("(?m)^reference: .*$", "reference: " + datasetId);
        try (Response r = call("POST", "/api/v1/monitors", WRITE_TOKEN, Entity.entity(monitor, "application/yaml"))) {
            assertThat(r.getStatus()).isEqualTo(201);
        }
        try (Response r = call("POST", "/api/v1/monitors/bike-sharing/checks", WRITE_TOKEN,
                Entity.entity(Files.readAllBytes(Path.of("examples/bike-sharing/current.csv")), "text/csv"))) {
            assertThat(r.getStatus()).isEqualTo(201);
            checkId = json(r).get("id").asText();
        }
    }

    @Test
    void findsTheApiEndpointsByReflection() {
        List<String> found = new ArrayList<>();
        for (Endpoints.Endpoint e : Endpoints.of(APP.getEnvironment())) {
            found.add(e.verb() + " " + e.path());
        }
        assertThat(found).contains("POST /api/v1/datasets", "GET /api/v1/datasets/{id}", "POST /api/v1/monitors",
                "PUT /api/v1/monitors/{id}", "DELETE /api/v1/monitors/{id}", "POST /api/v1/monitors/{id}/checks",
                "GET /api/v1/checks/{id}/report", "GET /", "GET /monitors/{id}");
    }

    @Test
    void everyResourceMethodDeclaresWhoMayCallIt() {
        SoftAssertions soft = new SoftAssertions();
        for (Endpoints.Endpoint e : Endpoints.of(APP.getEnvironment())) {
            soft.assertThat(e.declaresAccess()).as("%s needs @RolesAllowed(Roles.READ or Roles.WRITE) or @PermitAll", e)
                    .isTrue();
            if (e.permitsAll()) {
                soft.assertThat(PUBLIC).as("%s is @PermitAll (open without a token): list it in PUBLIC if meant", e)
                        .contains(e.verb() + " " + e.path());
            }
        }
        soft.assertAll();
    }

    @Test
    void everyWriteEndpointRefusesAMissingWrongOrReadTokenAndTakesAWriteToken() {
        SoftAssertions soft = new SoftAssertions();
        int writes = 0;
        for (Endpoints.Endpoint e : Endpoints.of(APP.getEnvironment())) {
            if (!e.writes()) {
                continue;
            }
            writes++;
            String path = e.path("no-such-id");
            expectUnauthorized(soft, e, call(e.verb(), path, null, body(e)));
            expectUnauthorized(soft, e, call(e.verb(), path, WRONG_TOKEN, body(e)));
            expectUnauthorized(soft, e, callBasic(e.verb(), path, "someone", WRONG_TOKEN, body(e)));
            expectForbidden(soft, e, call(e.verb(), path, READ_TOKEN, body(e)), "analysts");
            expectForbidden(soft, e, callBasic(e.verb(), path, "someone", READ_TOKEN, body(e)), "analysts");
            try (Response r = call(e.verb(), path, WRITE_TOKEN, body(e))) {
                soft.assertThat(r.getStatus()).as("%s with the write token", e).isNotIn(401, 403).isLessThan(500);
            }
        }
        soft.assertThat(writes).as("write endpoints found").isGreaterThanOrEqualTo(6);
        soft.assertAll();
    }

    @Test
    void everyReadEndpointRefusesAMissingOrWrongTokenAndTakesAReadToken() {
        SoftAssertions soft = new SoftAssertions();
        int reads = 0;
        for (Endpoints.Endpoint e : Endpoints.of(APP.getEnvironment())) {
            if (e.writes()) {
                continue;
            }
            reads++;
            String path = withRealIds(e.path());
            if (PUBLIC.contains(e.verb() + " " + e.path())) {
                try (Response r = call(e.verb(), path, null, null)) {
                    soft.assertThat(r.getStatus()).as("%s without a token (public)", e).isEqualTo(200);
                }
                continue;
            }
            expectUnauthorized(soft, e, call(e.verb(), path, null, null));
            expectUnauthorized(soft, e, call(e.verb(), path, WRONG_TOKEN, null));
            expectUnauthorized(soft, e, call(e.verb(), path, WRITE_TOKEN.substring(0, WRITE_TOKEN.length() - 1), null));
            for (String token : List.of(READ_TOKEN, WRITE_TOKEN)) {
                try (Response r = call(e.verb(), path, token, null)) {
                    String which = token == READ_TOKEN ? "the read token" : "the write token";
                    if (path.contains("no-such-id")) { // a parameter this test has no real value for
                        soft.assertThat(r.getStatus()).as("%s with %s", e, which).isNotIn(401, 403).isLessThan(500);
                    } else {
                        soft.assertThat(r.getStatus()).as("%s with %s", e, which).isEqualTo(200);
                    }
                    r.readEntity(String.class);
                }
            }
        }
        soft.assertThat(reads).as("read endpoints found").isGreaterThanOrEqualTo(6);
        soft.assertAll();
    }

    @Test
    void aBrowserIsAskedForTheTokenAsABasicPasswordOnTheHtmlReport() throws Exception {
        String report = "/api/v1/checks/" + checkId + "/report";
        try (Response r = APP.client().target(url(report)).request(MediaType.TEXT_HTML_TYPE).get()) {
            assertThat(r.getStatus()).isEqualTo(401);
            assertThat(r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"driftwatch\"");
            assertThat(r.getMediaType().toString()).startsWith("application/json");
            JsonNode error = json(r);
            assertThat(error.get("code").asText()).isEqualTo("unauthorized");
            assertThat(error.get("field").asText()).isEqualTo("Authorization");
        }
        try (Response r = callBasic("GET", report, "any-user-name", READ_TOKEN, null)) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getMediaType().toString()).startsWith("text/html");
            assertThat(r.readEntity(String.class)).contains("<html").contains("bike-sharing");
        }
        try (Response r = callBasic("GET", report, "", WRITE_TOKEN, null)) {
            assertThat(r.getStatus()).as("an empty user name").isEqualTo(200);
            r.readEntity(String.class);
        }
    }

    @Test
    void theJsonApiAnswers401WithABearerChallengeAnd403NamingTheRoleNeeded() throws Exception {
        try (Response r = call("GET", "/api/v1/monitors", null, null)) {
            assertThat(r.getStatus()).isEqualTo(401);
            assertThat(r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"driftwatch\"");
            JsonNode error = json(r);
            assertThat(error.get("code").asText()).isEqualTo("unauthorized");
            assertThat(error.get("field").asText()).isEqualTo("Authorization");
            assertThat(error.get("message").asText()).contains("Authorization: Bearer <token>")
                    .contains("driftwatch token");
        }
        try (Response r = call("GET", "/api/v1/monitors", WRONG_TOKEN, null)) {
            assertThat(r.getStatus()).isEqualTo(401);
            assertThat(r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE))
                    .isEqualTo("Bearer realm=\"driftwatch\", error=\"invalid_token\"");
            assertThat(json(r).get("message").asText()).contains("not one of the tokens");
        }
        try (Response r = call("DELETE", "/api/v1/monitors/bike-sharing", READ_TOKEN, null)) {
            assertThat(r.getStatus()).isEqualTo(403);
            JsonNode error = json(r);
            assertThat(error.get("code").asText()).isEqualTo("forbidden");
            assertThat(error.get("field").asText()).isEqualTo("Authorization");
            assertThat(error.get("message").asText())
                    .isEqualTo("this needs a token with the write role; the token 'analysts' has the read role");
        }
        try (Response r = call("GET", "/api/v1/monitors/bike-sharing", READ_TOKEN, null)) {
            assertThat(r.getStatus()).as("the monitor survived the read token's DELETE").isEqualTo(200);
        }
    }

    @Test
    void malformedAuthorizationHeadersAre401() throws Exception {
        for (String header : List.of("Bearer", "Bearer ", "Token " + READ_TOKEN, READ_TOKEN, "Basic !!!not-base64",
                "Basic " + Base64.getEncoder().encodeToString(READ_TOKEN.getBytes(StandardCharsets.UTF_8)))) {
            try (Response r = APP.client().target(url("/api/v1/monitors")).request()
                    .header(HttpHeaders.AUTHORIZATION, header).get()) {
                assertThat(r.getStatus()).as(header).isEqualTo(401);
                assertThat(json(r).get("code").asText()).isEqualTo("unauthorized");
            }
        }
    }

    @Test
    void aTokenInTheQueryStringIsNotAccepted() {
        // URLs are written to request logs; dropwizard-auth's OAuth filter would take ?access_token=
        try (Response r = APP.client().target(url("/api/v1/monitors")).queryParam("access_token", WRONG_TOKEN)
                .request().get()) {
            assertThat(r.getStatus()).isEqualTo(401);
        }
    }

    @Test
    void healthChecksOnTheAdminPortNeedNoToken() {
        try (Response r = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck").request()
                .get()) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
    }

    private static void expectUnauthorized(SoftAssertions soft, Endpoints.Endpoint e, Response r) {
        try (r) {
            soft.assertThat(r.getStatus()).as("%s without a valid token", e).isEqualTo(401);
            soft.assertThat(r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).as("%s challenge", e)
                    .startsWith(e.html() ? "Basic realm=\"driftwatch\"" : "Bearer realm=\"driftwatch\"");
            JsonNode error = json(r);
            soft.assertThat(error.path("code").asText()).as("%s code", e).isEqualTo("unauthorized");
            soft.assertThat(error.path("field").asText()).as("%s field", e).isEqualTo("Authorization");
        }
    }

    private static void expectForbidden(SoftAssertions soft, Endpoints.Endpoint e, Response r, String tokenName) {
        try (r) {
            soft.assertThat(r.getStatus()).as("%s with a read token", e).isEqualTo(403);
            JsonNode error = json(r);
            soft.assertThat(error.path("code").asText()).as("%s code", e).isEqualTo("forbidden");
            soft.assertThat(error.path("field").asText()).as("%s field", e).isEqualTo("Authorization");
            soft.assertThat(error.path("message").asText()).as("%s message", e).contains("'" + tokenName + "'");
        }
    }

    /**
     * The path with each parameter replaced by the id of the recorded dataset, monitor or check,
     * chosen by the collection named just before it ({@code …/monitors/{id}}), else a made-up id.
     */
    private static String withRealIds(String template) {
        StringBuilder path = new StringBuilder();
        String previous = "";
        for (String segment : template.split("/", -1)) {
            String value = segment;
            if (segment.startsWith("{")) {
                value = switch (previous) {
                    case "datasets" -> datasetId;
                    case "monitors" -> "bike-sharing";
                    case "checks" -> checkId;
                    default -> "no-such-id";
                };
            }
            path.append(path.length() == 0 && segment.isEmpty() ? "" : "/").append(value);
            previous = segment;
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    /** A body of the first type the endpoint consumes, for methods that take one. */
    private static Entity<?> body(Endpoints.Endpoint e) {
        if (!e.verb().equals("POST") && !e.verb().equals("PUT") && !e.verb().equals("PATCH")) {
            return null;
        }
        String type = e.consumes() == null ? MediaType.APPLICATION_JSON : e.consumes();
        String text = type.contains("json") ? "{}" : type.contains("yaml") ? "name: no-such-id\n" : "a,b\n1,2\n";
        return Entity.entity(text.getBytes(StandardCharsets.UTF_8), type);
    }

    static Response call(String verb, String path, String bearer, Entity<?> body) {
        Invocation.Builder request = APP.client().target(url(path)).request();
        if (bearer != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
        }
        return body == null ? request.method(verb) : request.method(verb, body);
    }

    static Response callBasic(String verb, String path, String user, String password, Entity<?> body) {
        String credentials = Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Invocation.Builder request = APP.client().target(url(path)).request()
                .header(HttpHeaders.AUTHORIZATION, "Basic " + credentials);
        return body == null ? request.method(verb) : request.method(verb, body);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }

    static JsonNode json(Response r) {
        try {
            return JSON.readTree(r.readEntity(String.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
