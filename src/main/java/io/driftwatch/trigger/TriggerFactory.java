package io.driftwatch.trigger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.jackson.Discoverable;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * The configuration of one retraining trigger, chosen by {@code type:} ({@code mlflow},
 * {@code airflow}, {@code github}, {@code http}); the types are discovered like Dropwizard's
 * appenders ({@link Discoverable} and {@code META-INF/services}). Every trigger has a name, by
 * which monitors refer to it, and two timeouts applied to every call it makes. Secrets are
 * written as {@code ${ENV_VAR}} in the YAML; subclasses keep them out of {@code toString()} and
 * out of serialised configuration.
 *
 * <pre>
 * triggers:
 *   - type: airflow
 *     name: retrain-bikes
 *     connectTimeout: 5s
 *     requestTimeout: 15s
 *     …
 * </pre>
 *
 * <p>Not thread-safe: built once by Dropwizard at start-up, read-only afterwards. What
 * {@link #build()} returns is thread-safe.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public abstract class TriggerFactory implements Discoverable {
    /** What a trigger name may look like (it appears in stored payload rows and URLs). */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    @NotNull
    @Pattern(regexp = NAME_PATTERN, message = "must be 1 to 64 letters, digits, '.', '_' or '-'")
    private String name;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration connectTimeout = Duration.seconds(5);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration requestTimeout = Duration.seconds(15);

    /** Builds the trigger. */
    public Trigger build() {
        return build(Clock.systemUTC());
    }

    /** Builds the trigger with {@code clock} for timestamps and {@code Retry-After} dates. */
    abstract Trigger build(Clock clock);

    /** The {@code type:} this factory is registered under. */
    @JsonIgnore
    public String type() {
        JsonTypeName t = getClass().getAnnotation(JsonTypeName.class);
        return t == null ? getClass().getSimpleName() : t.value();
    }

    HttpTransport transport(Collection<String> secrets, Clock clock) {
        return new HttpTransport(connectTimeout.toJavaDuration(), requestTimeout.toJavaDuration(),
                Redaction.of(secrets), clock);
    }

    /** Whether {@code uri} is an absolute http(s) address with a host and no user info. */
    static boolean isHttpAddress(URI uri) {
        if (uri == null) {
            return true; // @NotNull reports a missing address
        }
        String scheme = uri.getScheme();
        return uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
                && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
    }

    /** {@code uri} without its path, for {@code toString()}: the path may be a secret. */
    static String origin(URI uri) {
        if (uri == null) {
            return "null";
        }
        if (uri.getHost() == null) {
            return "(not an address)";
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    static String mask(String secret) {
        return secret == null ? "null" : Redaction.MASK;
    }

    String describeCommon() {
        return "name=" + name + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout;
    }

    @JsonProperty
    public String getName() {
        return name;
    }

    @JsonProperty
    public void setName(String name) {
        this.name = name;
    }

    @JsonProperty
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @JsonProperty
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    @JsonProperty
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
