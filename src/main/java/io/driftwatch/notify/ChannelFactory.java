package io.driftwatch.notify;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.driftwatch.delivery.HttpTransport;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.ReceiverFactory;
import io.driftwatch.delivery.Redaction;
import io.dropwizard.jackson.Discoverable;
import io.dropwizard.util.Duration;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configuration of one alert channel, chosen by {@code type:} like Dropwizard's appenders:
 * {@code slack}, {@code teams}, {@code pagerduty}, {@code webhook}. Subtypes are found through
 * {@code META-INF/services/io.driftwatch.notify.ChannelFactory}. Every channel has what every
 * {@link ReceiverFactory} has, a {@code name} (what monitors refer to) and two timeouts, here with a
 * request timeout of 10 s by default; secrets are written as {@code ${ENV_VAR}} in the configuration
 * file.
 *
 * <pre>{@code
 * - name: ops-slack
 *   type: slack
 *   url: ${SLACK_WEBHOOK_URL}
 *   connectTimeout: 5s     # default
 *   requestTimeout: 10s    # default
 * }</pre>
 *
 * <p>Secrets never leave a factory: they are write-only for Jackson (serialising a factory omits
 * them) and {@link #toString()} shows only the scheme and host of a URL.
 *
 * <p>Not thread-safe: built once by Jackson at start-up and read-only afterwards; the channels it
 * builds are thread-safe.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public abstract class ChannelFactory extends ReceiverFactory<Channel> implements Discoverable {
    /** A channel's {@code requestTimeout} unless configured. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.seconds(10);

    protected ChannelFactory() {
        super(DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * The address a channel posts to, checked, and the transport it posts through, which masks the
     * address (it is the credential of Slack and Teams webhooks) and {@code secrets} in every reason.
     */
    final Endpoint endpoint(URI url, Clock clock, List<String> secrets) {
        if (url == null) {
            throw new IllegalStateException("channel " + getName() + ": url must be an absolute http or https URL");
        }
        List<String> all = new ArrayList<>(Redaction.secretParts(url));
        all.addAll(secrets);
        return new Endpoint(url, transport(all, clock));
    }

    /**
     * Where a channel posts, and the transport it posts through.
     *
     * <p>Thread-safe: immutable.
     */
    record Endpoint(URI url, HttpTransport http) {
        /** POSTs {@code body} as JSON with {@code headers} added: the channel's one call. */
        Outcome post(byte[] body, Map<String, String> headers) {
            return http.post(url, body, headers);
        }

        /** Scheme and host only: the rest of a webhook URL is its secret. */
        @Override
        public String toString() {
            return url.getScheme() + "://" + url.getHost() + "/" + Redaction.MASK;
        }
    }

    /**
     * {@code url} as an absolute http(s) URI with a host (the only URLs a channel calls), or null when
     * it is not one. URLs are configured as strings and parsed here, not by Jackson, so that a
     * malformed secret URL is reported without being repeated in the error.
     */
    static URI httpUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Whether {@code url} is valid for {@link #httpUrl}; true for null, which {@code @NotNull} reports. */
    static boolean isHttpUrl(String url) {
        return url == null || httpUrl(url) != null;
    }

    /** {@code https://hooks.slack.com/***}: enough to tell receivers apart, nothing secret. */
    static String redacted(String url) {
        URI uri = httpUrl(url);
        return uri == null ? (url == null ? "null" : "(not an http URL)") : uri.getScheme() + "://" + uri.getHost()
                + "/" + Redaction.MASK;
    }
}
