package io.driftwatch.api;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link CheckApiContract} on PostgreSQL (DRIFTWATCH_TEST_DATABASE_URL, or an embedded server). */
@ExtendWith(DropwizardExtensionsSupport.class)
class CheckApiPostgresTest extends CheckApiContract {
    static final TestService SERVICE = TestService.onPostgres();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    @Override
    TestService service() {
        return SERVICE;
    }
}
