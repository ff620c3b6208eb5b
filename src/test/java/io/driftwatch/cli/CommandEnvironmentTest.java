package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.DriftwatchConfiguration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.lifecycle.Managed;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The environment commands build the service's objects in: nothing starts, and stopping stops all, last first. */
class CommandEnvironmentTest {

    @Test
    void stopsWhatItManagesLastFirstWithoutStartingIt() throws Exception {
        CommandEnvironment environment = CommandEnvironment.open(new Bootstrap<>(new DriftwatchApplication()),
                new DriftwatchConfiguration());
        List<String> events = new CopyOnWriteArrayList<>();
        environment.environment().lifecycle().manage(recording("pool", events));
        environment.environment().lifecycle().manage(recording("runner", events));

        assertThat(events).isEmpty();
        environment.stop();

        assertThat(events).containsExactly("stop runner", "stop pool");
    }

    private static Managed recording(String name, List<String> events) {
        return new Managed() {
            @Override
            public void start() {
                events.add("start " + name);
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }
}
