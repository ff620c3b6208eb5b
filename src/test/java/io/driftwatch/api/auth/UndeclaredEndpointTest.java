package io.driftwatch.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.DriftwatchApplication;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.EditedConfig;
import io.driftwatch.TestService;
import io.driftwatch.api.Roles;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A resource method that declares no role is closed, not open: 401 without a token, 403 with any
 * token, and a warning naming it at start-up. A class-level {@code @RolesAllowed} covers the methods
 * that declare nothing themselves, and a method's own annotation wins over its class's.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UndeclaredEndpointTest {
    static final String WRITE_TOKEN = Tokens.newToken();
    static final String READ_TOKEN = Tokens.newToken();
    static final java.nio.file.Path DIR = TestService.temporaryDirectory();
    static final java.nio.file.Path LOG = DIR.resolve("driftwatch.log");

    /** The service with three extra resources, as a developer might add them. */
    public static class WithExtraResources extends DriftwatchApplication {
        @Override
        public void run(DriftwatchConfiguration configuration, Environment environment) throws Exception {
            super.run(configuration, environment);
            environment.jersey().register(new Undeclared());
            environment.jersey().register(new WritersOnly());
        }
    }

    /** Forgot the annotations. */
    @Path("/api/v1/undeclared")
    public static class Undeclared {
        @GET
        public String get() {
            return "should not be reached";
        }
    }

    /** Declares write for the class, read for one method and deny for another. */
    @Path("/api/v1/writers-only")
    @RolesAllowed(Roles.WRITE)
    public static class WritersOnly {
        @GET
        public String inherited() {
            return "writers";
        }

        @GET
        @Path("readers-too")
        @RolesAllowed(Roles.READ)
        public String own() {
            return "readers";
        }

        @GET
        @Path("nobody")
        @DenyAll
        public String nobody() {
            return "should not be reached";
        }
    }

    static final TestService SERVICE = TestService.builder().in(DIR).application(WithExtraResources.class)
            .edit(root -> {
                EditedConfig.addToken(root, "ci-pipeline", "write", WRITE_TOKEN);
                EditedConfig.addToken(root, "analysts", "read", READ_TOKEN);
                EditedConfig.logToFiles(root, LOG, DIR.resolve("requests.log"));
            }).logsAsConfigured().build();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    @Test
    void aMethodWithoutARoleIsClosedToEveryTokenAndNamedAtStartUp() throws Exception {
        assertThat(status("/api/v1/undeclared", null)).isEqualTo(401);
        assertThat(status("/api/v1/undeclared", READ_TOKEN)).isEqualTo(403);
        try (Response r = get("/api/v1/undeclared", WRITE_TOKEN)) {
            assertThat(r.getStatus()).isEqualTo(403);
            JsonNode error = new ObjectMapper().readTree(r.readEntity(String.class));
            assertThat(error.get("code").asText()).isEqualTo("forbidden");
            assertThat(error.get("message").asText()).contains("closed to every token");
        }
        assertThat(Files.readString(LOG)).contains(
                "auth: Undeclared.get declares no role (@RolesAllowed or @PermitAll), so it is closed to every token");
    }

    @Test
    void theClassRoleCoversItsMethodsAndAMethodsOwnRoleWins() {
        assertThat(status("/api/v1/writers-only", READ_TOKEN)).isEqualTo(403);
        assertThat(status("/api/v1/writers-only", WRITE_TOKEN)).isEqualTo(200);
        assertThat(status("/api/v1/writers-only/readers-too", READ_TOKEN)).isEqualTo(200);
        assertThat(status("/api/v1/writers-only/readers-too", null)).isEqualTo(401);
        assertThat(status("/api/v1/writers-only/nobody", WRITE_TOKEN)).isEqualTo(403);
    }

    @Test
    void theReflectionTestsSeeTheExtraResources() {
        boolean undeclaredFound = false;
        for (Endpoints.Endpoint e : Endpoints.of(APP.getEnvironment())) {
            if (e.path().equals("/api/v1/undeclared")) {
                undeclaredFound = true;
                assertThat(e.declaresAccess()).isFalse();
            }
            if (e.path().startsWith("/api/v1/writers-only")) {
                assertThat(e.declaresAccess()).as(e.toString()).isTrue();
            }
        }
        assertThat(undeclaredFound).isTrue();
    }

    private static int status(String path, String token) {
        try (Response r = get(path, token)) {
            return r.getStatus();
        }
    }

    private static Response get(String path, String token) {
        var request = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).request();
        if (token != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return request.get();
    }
}
