package io.driftwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.delivery.Payload;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Standard Webhooks symmetric signature, checked against the specification's published vector. */
class WebhookSignatureTest {

    /** The vector of the Standard Webhooks reference libraries (secret, id, timestamp, body, signature). */
    @Test
    void reproducesTheStandardWebhooksReferenceSignature() {
        WebhookSignature signature = WebhookSignature.fromSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        String header = signature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    /**
     * The request shown in {@code docs/webhook-event.md}: its body is exactly what the channel renders
     * for the bike-sharing incident, and its signature (computed with Python's {@code hmac}) is ours.
     */
    @Test
    void signsTheDocumentedExampleAsTheDocsShowIt() throws IOException {
        String doc = Files.readString(Path.of("docs/webhook-event.md"));
        Matcher request = Pattern.compile("webhook-id: (\\S+)\nwebhook-timestamp: (\\d+)\n"
                + "webhook-signature: (\\S+)\n\n(\\{.*})\n").matcher(doc);
        assertThat(request.find()).as("the example request in the docs").isTrue();
        Payload rendered = Channels.webhook(URI.create("https://hooks.example.com/driftwatch")).build(Channels.CLOCK)
                .render(Alerts.triggered());

        assertThat(request.group(4)).isEqualTo(rendered.json());
        assertThat(WebhookSignature.fromSecret(Channels.WEBHOOK_SECRET)
                .sign(request.group(1), Long.parseLong(request.group(2)), rendered.bytes()))
                .isEqualTo(request.group(3)).isEqualTo("v1,yM049wj8COENak/v9uFDZp6R3IxLNpJ1GuEyIXtHC/s=");
    }

    @Test
    void refusesSecretsNotInTheWhsecForm() {
        assertThatThrownBy(() -> WebhookSignature.fromSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .hasMessageContaining("whsec_");
        assertThatThrownBy(() -> WebhookSignature.fromSecret("whsec_not base64!"))
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> WebhookSignature.fromSecret("whsec_c2hvcnQ=")) // "short": 5 bytes
                .hasMessageContaining("24 to 64 bytes, not 5");
    }

    @Test
    void neverShowsTheKeyInToString() {
        assertThat(WebhookSignature.fromSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").toString())
                .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }
}
