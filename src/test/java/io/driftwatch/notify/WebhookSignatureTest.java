package io.driftwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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
