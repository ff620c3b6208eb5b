package io.driftwatch.notify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * {@code type: pagerduty}: a PagerDuty service through the Events API v2. The routing key (the
 * service integration's key) is the secret: configure it as {@code ${ENV_VAR}}; it is added to the
 * event only when sending. {@code url} is only changed for PagerDuty's EU endpoint or a test.
 *
 * <pre>{@code
 * - name: ml-oncall
 *   type: pagerduty
 *   routingKey: ${PAGERDUTY_ROUTING_KEY}
 *   severity: error                                  # default; critical | error | warning | info
 *   url: https://events.pagerduty.com/v2/enqueue     # default
 * }</pre>
 *
 * <p>Not thread-safe: configuration, read-only after start-up.
 */
@JsonTypeName("pagerduty")
public class PagerDutyChannelFactory extends ChannelFactory {
    /** PagerDuty's Events API v2 endpoint. */
    public static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";

    /** The {@code payload.severity} of trigger events (tests are always {@code info}). */
    public enum Severity {
        CRITICAL, ERROR, WARNING, INFO;

        /** The value PagerDuty expects: lower case. */
        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @NotEmpty
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private String routingKey;

    @NotNull
    private String url = DEFAULT_URL;

    @NotNull
    private Severity severity = Severity.ERROR;

    public String getRoutingKey() {
        return routingKey;
    }

    public void setRoutingKey(String routingKey) {
        this.routingKey = routingKey;
    }

    /** Not secret (the key is in the body); shown as scheme and host only all the same. */
    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url;
    }

    @JsonProperty
    public Severity getSeverity() {
        return severity;
    }

    @JsonProperty
    public void setSeverity(Severity severity) {
        this.severity = severity;
    }

    @JsonIgnore
    @ValidationMethod(message = "url must be an absolute http or https URL")
    public boolean isUrlHttp() {
        return isHttpUrl(url);
    }

    @Override
    public Channel build(Clock clock) {
        return new PagerDutyChannel(getName(), routingKey, severity.value(),
                endpoint(httpUrl(url), clock, List.of(routingKey)));
    }

    @Override
    public String toString() {
        return "PagerDutyChannelFactory{" + describe() + ", url=" + redacted(url) + ", severity="
                + severity + ", routingKey=***}";
    }
}
