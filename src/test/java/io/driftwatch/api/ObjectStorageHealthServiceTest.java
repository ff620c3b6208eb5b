package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.driftwatch.store.S3TestServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin port's {@code /healthcheck} of a service with {@code storage: {type: s3}} on S3Proxy: the
 * {@code object-storage} check fails, naming the bucket, the endpoint and {@code NoSuchBucket}, while
 * the bucket is missing, and passes once it is there.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ObjectStorageHealthServiceTest {
    static final S3TestServer S3 = S3TestServer.withBuckets();
    static final TestService SERVICE = TestService.onH2(
            ConfigOverride.config("storage.type", "s3"),
            ConfigOverride.config("storage.bucket", "made-later"),
            ConfigOverride.config("storage.prefix", "prod/"),
            ConfigOverride.config("storage.endpoint", S3.endpoint().toString()),
            ConfigOverride.config("storage.accessKeyId", S3TestServer.ACCESS_KEY),
            ConfigOverride.config("storage.secretAccessKey", S3TestServer.SECRET_KEY),
            ConfigOverride.config("storage.healthCheckTimeout", "3s"));
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;


    @AfterAll
    static void stop() throws Exception {
        S3.close();
    }

    @Test
    void failsNamingTheMissingBucketAndPassesOnceItIsThere() {
        TestService.Reply missing = SERVICE.get(APP.getAdminPort(), "/healthcheck");

        assertThat(missing.status()).as(missing.body()).isEqualTo(500);
        JsonNode check = missing.json().path("object-storage");
        assertThat(check.path("healthy").asBoolean()).isFalse();
        assertThat(check.path("message").asText()).startsWith("cannot list s3://made-later/prod/ (bucket \"made-later\","
                + " key \"prod/\" at " + S3.endpoint() + "): NoSuchBucket (HTTP 404")
                .doesNotContain(S3TestServer.SECRET_KEY);
        assertThat(missing.json().path("database").path("healthy").asBoolean()).isTrue();

        S3.createBucket("made-later");
        TestService.Reply there = SERVICE.get(APP.getAdminPort(), "/healthcheck");

        assertThat(there.status()).as(there.body()).isEqualTo(200);
        assertThat(there.json().path("object-storage").path("message").asText())
                .isEqualTo("s3://made-later/prod/ at " + S3.endpoint());
    }
}
