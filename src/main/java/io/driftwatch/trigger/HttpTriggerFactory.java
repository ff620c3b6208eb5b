package io.driftwatch.trigger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.driftwatch.delivery.Redaction;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A generic HTTP trigger: POSTs the event document to {@code url} with {@code headers}.
 *
 * <pre>
 * - type: http
 *   name: retrain-hook
 *   url: https://ml.example.com/hooks/retrain
 *   headers:
 *     Authorization: Bearer ${RETRAIN_HOOK_TOKEN}
 * </pre>
 *
 * Header values are treated as secrets (never printed, never serialised), and so is the path of
 * {@code url} (webhook addresses often carry a token). {@code Content-Type} and
 * {@code Idempotency-Key} are set by the trigger and cannot be configured, nor can the headers the
 * HTTP client manages itself.
 *
 * <p>Not thread-safe: configuration, read-only after start-up.
 */
@JsonTypeName("http")
public class HttpTriggerFactory extends TriggerFactory {
    private static final Set<String> RESERVED = Set.of("content-type", "idempotency-key", "connection",
            "content-length", "expect", "host", "upgrade", "transfer-encoding");

    @NotNull
    private URI url;

    @NotNull
    private Map<String, String> headers = new LinkedHashMap<>();

    @Override
    public Trigger build(Clock clock) {
        List<String> secrets = new ArrayList<>(headers.values());
        secrets.addAll(Redaction.secretParts(url));
        return new HttpTrigger(getName(), url, headers, transport(secrets, clock));
    }

    @JsonIgnore
    @ValidationMethod(message = "url must be an absolute http(s) address with no user info, query or fragment")
    public boolean isUrlAnAddress() {
        return isHttpAddress(url);
    }

    @JsonIgnore
    @ValidationMethod(message = "headers may not set Content-Type, Idempotency-Key, Host, Connection, "
            + "Content-Length, Expect, Upgrade or Transfer-Encoding, and need a name and a one-line value")
    public boolean isHeadersAllowed() {
        if (headers == null) {
            return true;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() == null || h.getKey().isBlank() || h.getValue() == null
                    || h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0
                    || RESERVED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public URI getUrl() {
        return url;
    }

    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public void setUrl(URI url) {
        this.url = url;
    }

    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public Map<String, String> getHeaders() {
        return headers;
    }

    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }

    @Override
    public String toString() {
        return "HttpTriggerFactory{" + describe() + ", url=" + origin(url) + "/" + Redaction.MASK
                + ", headers=" + (headers == null ? "null" : headers.keySet() + "=" + Redaction.MASK) + "}";
    }
}
