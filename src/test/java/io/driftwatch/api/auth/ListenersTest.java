package io.driftwatch.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which bind hosts keep an open service on this machine, read from Dropwizard's server factories. */
class ListenersTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.1.1", "::1", "localhost"})
    void loopbackHostsKeepTheServiceOnThisMachine(String host) {
        assertThat(Listeners.of(server(host)).exposed()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10", "2001:db8::1", "no-such-host.invalid"})
    void otherHostsExposeIt(String host) {
        List<Listeners.Listener> exposed = Listeners.of(server(host)).exposed();
        assertThat(exposed).hasSize(1);
        assertThat(exposed.get(0).address()).isEqualTo(host + ":8080");
    }

    @Test
    void noBindHostMeansAllInterfaces() {
        assertThat(Listeners.describe(Listeners.of(server((String) null)).exposed()))
                .isEqualTo("*:8080 (all interfaces)");
        assertThat(Listeners.of(server("")).exposed()).hasSize(1);
    }

    @Test
    void oneExposedConnectorAmongLoopbackOnesIsEnough() {
        DefaultServerFactory server = server("127.0.0.1", "0.0.0.0");
        assertThat(Listeners.describe(Listeners.of(server).exposed())).isEqualTo("0.0.0.0:8081");
        assertThat(Listeners.describe(Listeners.of(server).all())).isEqualTo("127.0.0.1:8080, 0.0.0.0:8081");
    }

    @Test
    void httpsConnectorsAndTheSimpleServerAreReadToo() {
        HttpsConnectorFactory https = new HttpsConnectorFactory();
        https.setBindHost("127.0.0.1");
        https.setPort(8443);
        DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(List.of(https));
        assertThat(Listeners.of(server).exposed()).isEmpty();

        SimpleServerFactory simple = new SimpleServerFactory();
        simple.setConnector(connector("0.0.0.0", 8080));
        assertThat(Listeners.describe(Listeners.of(simple).exposed())).isEqualTo("0.0.0.0:8080");
    }

    @Test
    void theAdminConnectorIsNotConsidered() {
        DefaultServerFactory server = server("127.0.0.1");
        server.setAdminConnectors(List.of(connector("0.0.0.0", 8081)));
        assertThat(Listeners.of(server).exposed()).isEmpty();
    }

    private static DefaultServerFactory server(String... hosts) {
        List<ConnectorFactory> connectors = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            connectors.add(connector(hosts[i], 8080 + i));
        }
        DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(connectors);
        return server;
    }

    private static HttpConnectorFactory connector(String host, int port) {
        HttpConnectorFactory c = new HttpConnectorFactory();
        c.setBindHost(host);
        c.setPort(port);
        return c;
    }
}
