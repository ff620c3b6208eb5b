package io.driftwatch.monitor.policy;

import io.driftwatch.delivery.Receiver;
import io.driftwatch.notify.Channel;
import io.driftwatch.store.OutboxRow;
import io.driftwatch.trigger.Trigger;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The alert channels and retraining triggers declared in the configuration, by name, and the
 * service's public address that alerts link to. Monitors refer to channels and triggers by name
 * only: every URL a delivery goes to comes from here, never from a request.
 *
 * <p>Thread-safe: immutable.
 */
public final class Receivers {
    /** None: for the command line and for services that alert nobody. */
    public static final Receivers NONE = new Receivers(List.of(), List.of(), URI.create("http://127.0.0.1:8080/"));

    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Map<String, Trigger> triggers = new LinkedHashMap<>();
    private final URI publicUrl;

    /**
     * @param publicUrl where users reach the service (alerts link to reports and the dashboard under it)
     * @throws IllegalArgumentException when two channels or two triggers share a name
     */
    public Receivers(List<Channel> channels, List<Trigger> triggers, URI publicUrl) {
        for (Channel c : channels) {
            if (this.channels.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("two channels are named '" + c.name() + "'");
            }
        }
        for (Trigger t : triggers) {
            if (this.triggers.putIfAbsent(t.name(), t) != null) {
                throw new IllegalArgumentException("two triggers are named '" + t.name() + "'");
            }
        }
        String base = publicUrl.toString();
        this.publicUrl = URI.create(base.endsWith("/") ? base : base + "/");
    }

    /** The channel or trigger an outbox row goes to, if the configuration still has it. */
    public Optional<Receiver> receiver(OutboxRow.TargetKind kind, String name) {
        return switch (kind) {
            case CHANNEL -> Optional.ofNullable(channels.get(name));
            case TRIGGER -> Optional.ofNullable(triggers.get(name));
        };
    }

    Optional<Channel> channel(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    Optional<Trigger> trigger(String name) {
        return Optional.ofNullable(triggers.get(name));
    }

    public Set<String> channelNames() {
        return channels.keySet();
    }

    public Set<String> triggerNames() {
        return triggers.keySet();
    }

    URI reportUrl(String checkId) {
        return publicUrl.resolve("api/v1/checks/" + checkId + "/report");
    }

    URI dashboardUrl(String monitorId) {
        return publicUrl.resolve("monitors/" + monitorId);
    }
}
