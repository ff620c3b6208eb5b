package io.driftwatch.api;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestDatabases;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link LateLabelsContract} on PostgreSQL (DRIFTWATCH_TEST_DATABASE_URL, or an embedded server). */
@ExtendWith(DropwizardExtensionsSupport.class)
class LateLabelsPostgresTest extends LateLabelsContract {
    static final TestService SERVICE = TestService.builder().application(ClockedApplication.class)
            .on(TestDatabases.postgres()).build();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    @Override
    TestService service() {
        return SERVICE;
    }
}
