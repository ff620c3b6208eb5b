package io.driftwatch.api;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link LateLabelsContract} on the embedded default database (H2 in PostgreSQL mode). */
@ExtendWith(DropwizardExtensionsSupport.class)
class LateLabelsH2Test extends LateLabelsContract {
    static final TestService SERVICE = TestService.builder().application(ClockedApplication.class).build();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    @Override
    TestService service() {
        return SERVICE;
    }
}
