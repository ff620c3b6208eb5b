package io.driftwatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.util.Duration;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Channels built the way the service builds them (from their factories), pointed at fakes. */
final class Channels {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:05Z"), ZoneOffset.UTC);
    static final String ROUTING_KEY = "R0123456789abcdef0123456789abcdE";
    /** The Standard Webhooks specification's example secret (24 bytes). */
    static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Channels() {
    }

    static SlackChannelFactory slack(URI url) {
        SlackChannelFactory f = new SlackChannelFactory();
        f.setName("ops-slack");
        f.setUrl(url.toString());
        return f;
    }

    static TeamsChannelFactory teams(URI url) {
        TeamsChannelFactory f = new TeamsChannelFactory();
        f.setName("ml-teams");
        f.setUrl(url.toString());
        return f;
    }

    static PagerDutyChannelFactory pagerDuty(URI url) {
        PagerDutyChannelFactory f = new PagerDutyChannelFactory();
        f.setName("ml-oncall");
        f.setRoutingKey(ROUTING_KEY);
        f.setUrl(url.toString());
        return f;
    }

    static WebhookChannelFactory webhook(URI url) {
        WebhookChannelFactory f = new WebhookChannelFactory();
        f.setName("data-platform");
        f.setUrl(url.toString());
        f.setSecret(WEBHOOK_SECRET);
        return f;
    }

    /** {@code factory} with short timeouts, for fakes that never answer. */
    static <F extends ChannelFactory> F quick(F factory) {
        factory.setConnectTimeout(Duration.seconds(2));
        factory.setRequestTimeout(Duration.milliseconds(300));
        return factory;
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
