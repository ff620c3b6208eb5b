package io.driftwatch.api.auth;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the service's application connectors (the API and the dashboard; not the admin port) will
 * listen, read from the server configuration before they are started, and whether each is reachable
 * only from this machine.
 *
 * <p>Thread-safe: immutable.
 */
record Listeners(List<Listener> all) {

    /**
     * One application connector.
     *
     * @param address {@code host:port} as configured, {@code *:port} for all interfaces
     * @param loopback whether its bind host is set and every address it resolves to is a loopback
     *     address (127.0.0.0/8, ::1)
     */
    record Listener(String address, boolean loopback) {
    }

    Listeners {
        all = List.copyOf(all);
    }

    static Listeners of(ServerFactory server) {
        List<ConnectorFactory> connectors = new ArrayList<>();
        if (server instanceof DefaultServerFactory d) {
            connectors.addAll(d.getApplicationConnectors());
        } else if (server instanceof SimpleServerFactory s) {
            connectors.add(s.getConnector());
        }
        List<Listener> listeners = new ArrayList<>();
        if (connectors.isEmpty()) {
            listeners.add(new Listener("a " + server.getClass().getSimpleName() + " whose connectors are unknown",
                    false));
        }
        for (ConnectorFactory c : connectors) {
            if (c instanceof HttpConnectorFactory http) {
                String host = http.getBindHost();
                boolean any = host == null || host.isBlank();
                listeners.add(new Listener((any ? "*" : host) + ":" + http.getPort() + (any ? " (all interfaces)" : ""),
                        !any && isLoopback(host)));
            } else {
                listeners.add(new Listener("a " + c.getClass().getSimpleName() + " connector", false));
            }
        }
        return new Listeners(listeners);
    }

    /** The listeners reachable from other machines. */
    List<Listener> exposed() {
        List<Listener> exposed = new ArrayList<>();
        for (Listener l : all) {
            if (!l.loopback()) {
                exposed.add(l);
            }
        }
        return exposed;
    }

    static String describe(List<Listener> listeners) {
        List<String> addresses = new ArrayList<>(listeners.size());
        for (Listener l : listeners) {
            addresses.add(l.address());
        }
        return String.join(", ", addresses);
    }

    private static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress a : addresses) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
