package io.driftwatch.notify;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dropwizard.jackson.Discoverable;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The configuration of one alert channel, chosen by {@code type:} like Dropwizard's appenders:
 * {@code slack}, {@code teams}, {@code pagerduty}, {@code webhook}. Subtypes are found through
 * {@code META-INF/services/io.driftwatch.notify.ChannelFactory}. Every channel has a {@code name}
 * (what monitors refer to) and two timeouts; secrets are written as {@code ${ENV_VAR}} in the
 * configuration file.
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
public abstract class ChannelFactory implements Discoverable {

    @NotNull
    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
            message = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
    private String name;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
    private Duration connectTimeout = Duration.seconds(5);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
    private Duration requestTimeout = Duration.seconds(10);

    @JsonProperty
    public String getName() {
        return name;
    }

    @JsonProperty
    public void setName(String name) {
        this.name = name;
    }

    /** How long connecting to the receiver may take. */
    @JsonProperty
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** How long the receiver may take to answer, once connected, body included. */
    @JsonProperty
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    @JsonProperty
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /** The channel, with the system clock (the webhook signs with the current time). */
    public final Channel build() {
        return build(Clock.systemUTC());
    }

    /**
     * The channel this configuration describes, with its own HTTP client (connect timeout set, no
     * redirects followed). Call after validation.
     *
     * @param clock the time the webhook signature carries and {@code Retry-After} dates are read against
     */
    public abstract Channel build(Clock clock);

    /** The sender every channel posts through. */
    final HttpSender sender(URI url, Clock clock, List<String> secrets) {
        if (url == null) {
            throw new IllegalStateException("channel " + name + ": url must be an absolute http or https URL");
        }
        return new HttpSender(url, java.time.Duration.ofNanos(connectTimeout.toNanoseconds()),
                java.time.Duration.ofNanos(requestTimeout.toNanoseconds()), clock, secrets);
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
                + "/***";
    }

    /** The common part of {@link #toString()}: type, name, timeouts. */
    final String describe(String type) {
        return type + " channel " + name + " (connectTimeout " + connectTimeout + ", requestTimeout " + requestTimeout
                + ")";
    }
}
