package io.driftwatch.notify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code type: webhook}: any HTTP endpoint, sent the event documented in
 * {@code docs/webhook-event.md} and signed per the Standard Webhooks specification with a secret in
 * its {@code whsec_<base64>} form (24 to 64 bytes). Extra headers (an {@code Authorization} for a
 * gateway, say) may be added; their values are treated as secrets too. They cannot replace
 * {@code Content-Type}, the {@code webhook-*} headers, or the headers the HTTP client owns.
 *
 * <pre>{@code
 * - name: data-platform
 *   type: webhook
 *   url: https://hooks.example.com/driftwatch
 *   secret: ${DRIFTWATCH_WEBHOOK_SECRET}     # whsec_...
 *   headers:
 *     Authorization: Bearer ${GATEWAY_TOKEN}
 * }</pre>
 *
 * <p>Not thread-safe: configuration, read-only after start-up.
 */
@JsonTypeName("webhook")
public class WebhookChannelFactory extends ChannelFactory {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> RESERVED = Set.of("content-type", "content-length", "connection", "expect",
            "host", "upgrade", "webhook-id", "webhook-timestamp", "webhook-signature");

    @NotNull
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private String url;

    @NotNull
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private String secret;

    @NotNull
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private Map<String, String> headers = new LinkedHashMap<>();

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public Map<String, String> getHeaders() {
        return headers;
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }

    @JsonIgnore
    @ValidationMethod(message = "url must be an absolute http or https URL")
    public boolean isUrlHttp() {
        return isHttpUrl(url);
    }

    @JsonIgnore
    @ValidationMethod(message = "secret must be whsec_ followed by the base64 of 24 to 64 bytes")
    public boolean isSecretWellFormed() {
        if (secret == null) {
            return true; // @NotNull says so
        }
        try {
            WebhookSignature.decode(secret);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @JsonIgnore
    @ValidationMethod(message = "headers must be HTTP header names other than Content-Type, Host, Connection,"
            + " Content-Length, Expect, Upgrade and webhook-*, with values on one line")
    public boolean isHeadersAllowed() {
        if (headers == null) {
            return true;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String key = h.getKey();
            String value = h.getValue();
            if (key == null || !TOKEN.matcher(key).matches() || RESERVED.contains(key.toLowerCase(Locale.ROOT))
                    || value == null || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Channel build(Clock clock) {
        List<String> secrets = new ArrayList<>(headers.values());
        secrets.add(secret);
        return new WebhookChannel(getName(), WebhookSignature.fromSecret(secret), headers, clock,
                endpoint(httpUrl(url), clock, secrets));
    }

    @Override
    public String toString() {
        return "WebhookChannelFactory{" + describe() + ", url=" + redacted(url) + ", headers="
                + (headers == null ? "null" : headers.keySet()) + ", secret=***}";
    }
}
