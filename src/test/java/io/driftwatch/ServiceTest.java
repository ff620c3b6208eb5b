package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The service starts from the shipped config.yml (on random ports) and its health checks pass. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ServiceTest {
    static final TestService SERVICE = TestService.builder().logsAsConfigured().build();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

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
