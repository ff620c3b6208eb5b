package io.driftwatch.trigger;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.driftwatch.delivery.ReceiverFactory;
import io.dropwizard.jackson.Discoverable;
import io.dropwizard.util.Duration;
import java.net.URI;

/**
 * The configuration of one retraining trigger, chosen by {@code type:} ({@code mlflow},
 * {@code airflow}, {@code github}, {@code http}); the types are discovered like Dropwizard's
 * appenders ({@link Discoverable} and {@code META-INF/services}). Every trigger has what every
 * {@link ReceiverFactory} has, a name by which monitors refer to it and two timeouts applied to
 * every call it makes, here with a request timeout of 15 s by default. Secrets are written as
 * {@code ${ENV_VAR}} in the YAML; subclasses keep them out of {@code toString()} and out of
 * serialised configuration.
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
public abstract class TriggerFactory extends ReceiverFactory<Trigger> implements Discoverable {
    /** A trigger's {@code requestTimeout} unless configured. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.seconds(15);

    protected TriggerFactory() {
        super(DEFAULT_REQUEST_TIMEOUT);
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
}
