package io.driftwatch.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * What every channel and trigger is configured with: a {@code name} (what monitors refer to) and two
 * timeouts applied to every call it makes, {@code connectTimeout} (default 5 s) and
 * {@code requestTimeout} (each kind gives its own default: 10 s for channels, 15 s for triggers). The
 * {@code type:} families ({@code ChannelFactory}, {@code TriggerFactory}) extend it and are found like
 * Dropwizard's appenders; a concrete type adds its own settings and {@link #build(Clock)}.
 *
 * <p>Secrets are written as {@code ${ENV_VAR}} in the configuration; subclasses keep them write-only for
 * Jackson and out of {@code toString()} ({@link Redaction#mask}).
 *
 * <p>Not thread-safe: built once by Jackson at start-up and read-only afterwards; what it builds is
 * thread-safe.
 *
 * @param <R> what it builds: a channel or a trigger
 */
public abstract class ReceiverFactory<R extends Receiver> {
    /** What a receiver name may look like (it appears in stored outbox rows, keys and URLs). */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    @NotNull
    @Pattern(regexp = NAME_PATTERN,
            message = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
    private String name;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
    private Duration connectTimeout = Duration.seconds(5);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
    private Duration requestTimeout;

    /** @param defaultRequestTimeout the kind's default {@code requestTimeout} */
    protected ReceiverFactory(Duration defaultRequestTimeout) {
        this.requestTimeout = defaultRequestTimeout;
    }

    /** Builds the receiver with the system clock. Call after validation. */
    public final R build() {
        return build(Clock.systemUTC());
    }

    /**
     * Builds the receiver this configuration describes, with its own HTTP client. Call after validation.
     *
     * @param clock the time receivers stamp and sign with, and {@code Retry-After} dates are read against
     */
    public abstract R build(Clock clock);

    /** The {@code type:} this factory is registered under. */
    @JsonIgnore
    public final String type() {
        JsonTypeName t = getClass().getAnnotation(JsonTypeName.class);
        return t == null ? getClass().getSimpleName() : t.value();
    }

    /**
     * The transport every call of the receiver goes through, with this configuration's timeouts.
     *
     * @param secrets what must never appear in a reason (nulls are skipped)
     */
    protected final HttpTransport transport(Collection<String> secrets, Clock clock) {
        return new HttpTransport(connectTimeout.toJavaDuration(), requestTimeout.toJavaDuration(),
                Redaction.of(secrets), clock);
    }

    /** The common part of {@code toString()}: type, name and timeouts, nothing secret. */
    protected final String describe() {
        return "type=" + type() + ", name=" + name + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout;
    }

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

    /** How long the receiver may take to answer one call, once connected, body included. */
    @JsonProperty
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    @JsonProperty
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
