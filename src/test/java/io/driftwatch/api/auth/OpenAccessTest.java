package io.driftwatch.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.EditedConfig;
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
    static final Path DIR = Services.temporaryDirectory();
    static final Path LOG = DIR.resolve("driftwatch.log");

    static final DropwizardAppExtension<DriftwatchConfiguration> APP = new DropwizardAppExtension<>(
            DriftwatchApplication.class, Services.CONFIG,
            EditedConfig.of(root -> EditedConfig.logToFiles(root, LOG, DIR.resolve("requests.log"))),
            Services.overrides(DIR));

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
        assertRefused(new DropwizardTestSupport<>(DriftwatchApplication.class, Services.CONFIG,
                EditedConfig.of(root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("server")
                        .get("applicationConnectors").get(0)).remove("bindHost")),
                Services.overrides(Services.temporaryDirectory())), "*:0 (all interfaces)");
    }

    @Test
    void refusesToStartOpenOnTheWildcardOrAnotherMachinesAddress() {
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
            assertRefused(new DropwizardTestSupport<>(DriftwatchApplication.class, Services.CONFIG,
                    Services.overrides(Services.temporaryDirectory(),
                            ConfigOverride.config("server.applicationConnectors[0].bindHost", host))), host + ":0");
        }
    }

    private static void assertRefused(DropwizardTestSupport<DriftwatchConfiguration> service, String address) {
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
