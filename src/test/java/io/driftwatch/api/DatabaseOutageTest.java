package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestDatabases;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The service while its PostgreSQL database is gone (it refuses connections and the open ones were
 * ended, as when it is restarted or failed over): every call that needs the database answers 503
 * with {@code Retry-After}, the log gets one warning instead of a stack trace per request, the health
 * check names the database and the cause, and once the database is back the service answers again.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DatabaseOutageTest {
    static final TestService SERVICE = TestService.onPostgres();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answers503WithRetryAfterWhileTheDatabaseIsGoneAndTheHealthCheckSaysWhy() throws Exception {
        assertThat(SERVICE.get("/api/v1/monitors").status()).isEqualTo(200);
        ListAppender<ILoggingEvent> log = listen(DatabaseOutageMapper.class, UnexpectedExceptionMapper.class);
        ListAppender<ILoggingEvent> scheduler = listen(io.driftwatch.monitor.schedule.Scheduler.class);

        TestDatabases.acceptConnections(SERVICE.database, false);
        try {
            for (int i = 0; i < 5; i++) {
                TestService.Reply list = SERVICE.get("/api/v1/monitors");
                assertThat(list.status()).as(list.body()).isEqualTo(503);
                assertThat(list.header("Retry-After")).hasValue("10");
                assertThat(list.json().path("code").asText()).isEqualTo("database_unavailable");
                assertThat(list.json().path("message").asText()).isEqualTo("the service cannot reach its database at"
                        + " the moment; try again in 10 seconds");
            }
            TestService.Reply create = SERVICE.post("/api/v1/monitors", "application/yaml",
                    "name: during-outage\nreference: 0123456789abcdef01234567\n");
            assertThat(create.status()).as(create.body()).isEqualTo(503);
            assertThat(create.header("Retry-After")).hasValue("10");

            assertThat(log.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getThrowableProxy()).isNull();
                assertThat(e.getFormattedMessage()).startsWith("the database cannot be reached (")
                        .contains("answering 503 with Retry-After: 10");
            });

            JsonNode health = health();
            assertThat(health.path("database").path("healthy").asBoolean()).isFalse();
            assertThat(health.path("database").path("message").asText())
                    .startsWith("cannot reach the database " + SERVICE.database.url() + " (PostgreSQL at ")
                    .doesNotContain("Exception").doesNotContain("\n");
            assertThat(health.path("database").has("error")).isFalse();
            assertThat(scheduler.list).allSatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getThrowableProxy()).isNull();
                assertThat(e.getFormattedMessage()).startsWith("the scheduler could not look for due runs: the database"
                        + " cannot be reached (");
            });
        } finally {
            TestDatabases.acceptConnections(SERVICE.database, true);
        }

        // back: the pool opens new connections (connections it held were ended), and the service answers
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        int status = SERVICE.get("/api/v1/monitors").status();
        while (status != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            status = SERVICE.get("/api/v1/monitors").status();
        }
        assertThat(status).isEqualTo(200);
        assertThat(health().path("database").path("healthy").asBoolean()).isTrue();
    }

    /** The admin port's {@code /healthcheck} answer. */
    private static JsonNode health() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    private static ListAppender<ILoggingEvent> listen(Class<?>... classes) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        for (Class<?> c : classes) {
            ((Logger) LoggerFactory.getLogger(c)).addAppender(appender);
        }
        return appender;
    }
}
