package io.driftwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.delivery.HttpTransport;
import io.driftwatch.delivery.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a send answers when the receiver is busy, broken, silent or absent: the outbox retries
 * network trouble, timeouts, 408/425/429 and 5xx (honouring {@code Retry-After}) and gives up on
 * other 4xx and redirects. Every channel shares this behaviour; the Slack and webhook channels stand
 * in for all of them.
 */
class ReceiverFailuresTest {
    private final FakeReceiver receiver = new FakeReceiver();

    @AfterEach
    void close() {
        receiver.close();
    }

    /** Sends with the default timeouts (5 s to connect, 10 s to answer). */
    private Outcome sendTo(URI url) {
        return send(Channels.slack(url));
    }

    /** Sends with a 300 ms request timeout, for receivers that never answer. */
    private Outcome sendQuicklyTo(URI url) {
        return send(Channels.quick(Channels.slack(url)));
    }

    private static Outcome send(ChannelFactory factory) {
        Channel channel = factory.build(Channels.CLOCK);
        return channel.send(channel.render(Alerts.triggered()), "dlv-1");
    }

    @Test
    void retriesAfterTheDelayA429AsksFor() {
        receiver.answering(429, Map.of("Retry-After", "30"), "rate_limited");

        Outcome delivery = sendTo(receiver.url("/hook"));

        assertThat(delivery).isEqualTo(new Outcome.Retry(Optional.of(Duration.ofSeconds(30)), "HTTP 429: rate_limited"));
    }

    @Test
    void retriesUntilTheDateA503AsksFor() {
        // the channels' clock reads 2024-05-01T12:00:05Z
        receiver.answering(503, Map.of("Retry-After", "Wed, 01 May 2024 12:02:05 GMT"), "");

        Outcome delivery = sendTo(receiver.url("/hook"));

        assertThat(delivery).isEqualTo(new Outcome.Retry(Optional.of(Duration.ofMinutes(2)), "HTTP 503"));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 500, 502, 503, 504})
    void retriesTransientStatuses(int status) {
        receiver.answering(status, Map.of(), "");

        Outcome delivery = sendTo(receiver.url("/hook"));

        assertThat(delivery).isEqualTo(new Outcome.Retry(Optional.empty(), "HTTP " + status));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 413, 422})
    void failsForGoodOnOtherClientErrors(int status) {
        receiver.answering(status, Map.of(), "invalid_payload");

        Outcome delivery = sendTo(receiver.url("/hook"));

        assertThat(delivery).isEqualTo(new Outcome.Failed(status, "HTTP " + status + ": invalid_payload"));
    }

    @Test
    void neverFollowsARedirect() {
        receiver.answering(302, Map.of("Location", "http://127.0.0.1:1/elsewhere"), "");

        Outcome delivery = sendTo(receiver.url("/hook"));

        assertThat(delivery).isInstanceOf(Outcome.Failed.class);
        assertThat(delivery.reason()).contains("redirects are not followed");
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void retriesAfterTheTimeoutWhenTheReceiverNeverAnswers() {
        receiver.silent();

        Outcome delivery = sendQuicklyTo(receiver.url("/hook"));

        assertThat(delivery).isInstanceOf(Outcome.Retry.class);
        assertThat(delivery.reason()).matches("no (complete )?answer within 300 ms");
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void retriesWhenTheConnectionIsRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Outcome delivery = sendTo(URI.create("http://127.0.0.1:" + closedPort + "/services/T0/B0/SECRET"));

        assertThat(delivery).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) delivery).retryAfter()).isEmpty();
        assertThat(delivery.reason()).startsWith("could not connect").doesNotContain("SECRET", "/services");
    }

    @Test
    void retriesAndKeepsTheInterruptWhenTheSendingThreadIsInterrupted() {
        receiver.silent();
        Thread.currentThread().interrupt();
        try {
            Outcome delivery = sendQuicklyTo(receiver.url("/hook"));

            assertThat(delivery).isEqualTo(new Outcome.Retry(Optional.empty(), "interrupted"));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted(); // leave the test thread clean
        }
    }

    @Test
    void keepsOnlyTheStartOfALongAnswerOnOneLine() {
        receiver.answering(400, Map.of(), "line one\r\nline two " + "x".repeat(10_000));

        Outcome delivery = sendTo(receiver.url("/hook"));

        assertThat(delivery.reason()).startsWith("HTTP 400: line one line two xxx").doesNotContain("\n", "\r")
                .hasSizeLessThanOrEqualTo(HttpTransport.EXCERPT + "HTTP 400: ".length());
    }

    @Test
    void redactsTheWebhookUrlWhenTheReceiverEchoesIt() {
        URI url = receiver.url("/services/T0/B0/SECRET");
        receiver.answering(400, Map.of(), "bad request to " + url);

        Outcome delivery = sendTo(url);

        assertThat(delivery.reason()).isEqualTo("HTTP 400: bad request to ***");
    }
}
