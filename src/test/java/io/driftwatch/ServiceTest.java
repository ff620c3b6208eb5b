package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The service starts from the shipped config.yml (on random ports) and its health checks pass. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ServiceTest {
    static final Path DIR = temporaryDirectory();
    static final TestDatabases.TestDatabase DB = TestDatabases.h2(DIR);

    static final DropwizardAppExtension<DriftwatchConfiguration> APP = new DropwizardAppExtension<>(
            DriftwatchApplication.class, Path.of("config.yml").toAbsolutePath().toString(),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("reportsDirectory", DIR.resolve("reports").toString()),
            ConfigOverride.config("dataDirectory", DIR.resolve("data").toString()),
            DB.overrides()[0], DB.overrides()[1], DB.overrides()[2], DB.overrides()[3]);

    private static Path temporaryDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("driftwatch-service-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void answersHealthChecksOnTheEmbeddedDefaults() {
        try (Response response = APP.client().target("http://localhost:" + APP.getAdminPort() + "/healthcheck")
                .request().get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            String body = response.readEntity(String.class);
            assertThat(body).contains("\"reports-directory\":{\"healthy\":true").contains("\"data-directory\":{\"healthy\":true")
                    .contains("\"database\":{\"healthy\":true");
        }
    }
}
