package io.driftwatch.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.EditedConfig;
import io.driftwatch.TestService;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Without tokens (the shipped config.yml) the service runs open on loopback and says so in a
 * warning at start-up; bound to any other address, it refuses to start and says how to create a
 * token.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenAccessTest {
    static final Path DIR = TestService.temporaryDirectory();
    static final Path LOG = DIR.resolve("driftwatch.log");

    static final TestService SERVICE = TestService.builder().in(DIR)
            .edit(root -> EditedConfig.logToFiles(root, LOG, DIR.resolve("requests.log"))).logsAsConfigured().build();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    @Test
    void theShippedConfigRunsOpenOnLoopbackAndWarnsAtStartUp() throws Exception {
        assertThat(APP.getConfiguration().getAuth().getTokens()).isEmpty();
        assertThat(Files.readString(LOG)).contains("WARN").contains(
                "auth: no tokens configured; the API and dashboard are open to anyone who can reach 127.0.0.1:0");
        String base = "http://127.0.0.1:" + APP.getLocalPort();
        try (Response r = APP.client().target(base + "/api/v1/datasets").request()
                .post(Entity.entity("a,b\n1,2\n", "text/csv"))) {
            assertThat(r.getStatus()).as("an upload without a token").isEqualTo(201);
        }
        try (Response r = APP.client().target(base + "/api/v1/monitors").request().get()) {
            assertThat(r.getStatus()).as("a read without a token").isEqualTo(200);
        }
    }

    @Test
    void refusesToStartOpenOnAllInterfaces() {
        assertRefused(TestService.builder()
                .edit(root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("server")
                        .get("applicationConnectors").get(0)).remove("bindHost"))
                .logsAsConfigured().build(), "*:0 (all interfaces)");
    }

    @Test
    void refusesToStartOpenOnTheWildcardOrAnotherMachinesAddress() {
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
            assertRefused(TestService.builder()
                    .override(ConfigOverride.config("server.applicationConnectors[0].bindHost", host))
                    .logsAsConfigured().build(), host + ":0");
        }
    }

    private static void assertRefused(TestService refused, String address) {
        DropwizardTestSupport<DriftwatchConfiguration> service = refused.app.getTestSupport();
        try {
            assertThatThrownBy(service::before).isInstanceOf(OpenAccessRefusedException.class)
                    .hasMessageContaining("no tokens are configured, and the API would listen on " + address)
                    .hasMessageContaining("java -jar driftwatch.jar token --name NAME --role write")
                    .hasMessageContaining("auth.tokens");
        } finally {
            service.after();
        }
    }
}
