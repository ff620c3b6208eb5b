package io.driftwatch.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.driftwatch.monitor.InvalidMonitorException;
import io.driftwatch.monitor.MonitorDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the monitor definition parser as {@code POST /api/v1/monitors} and the CLI reach it: any
 * text gives a definition or an {@link InvalidMonitorException} (see {@link InputContract}). Seeds
 * and past findings are under
 * {@code src/test/resources/io/driftwatch/fuzz/MonitorDefinitionFuzzTestInputs/<method>/}.
 */
class MonitorDefinitionFuzzTest {

    /** The bytes as UTF-8 text, read as YAML unless it starts with a brace. */
    @Timeout(20)
    @FuzzTest(maxDuration = "2m")
    void anyYamlDefinition(byte[] input) throws IOException {
        if (InputContract.tooLong(input)) {
            return;
        }
        parse(new String(input, StandardCharsets.UTF_8));
    }

    /** The bytes as UTF-8 text behind an opening brace, so always read as JSON. */
    @Timeout(20)
    @FuzzTest(maxDuration = "2m")
    void anyJsonDefinition(byte[] input) throws IOException {
        if (InputContract.tooLong(input)) {
            return;
        }
        String text = new String(input, StandardCharsets.UTF_8);
        parse(text.stripLeading().startsWith("{") ? text : "{" + text);
    }

    private static void parse(String text) throws IOException {
        InputContract.check(text.length(), () -> MonitorDefinition.parse(text, "fuzz.yml"),
                InvalidMonitorException.class);
    }
}
