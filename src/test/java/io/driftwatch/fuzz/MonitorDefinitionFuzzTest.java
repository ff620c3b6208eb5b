package io.driftwatch.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.driftwatch.monitor.definitions.InvalidMonitorException;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the monitor definition parser as {@code POST /api/v1/monitors} and the CLI reach it: any
 * text gives a definition or an {@link InvalidMonitorException} (see {@link InputContract}). Seeds
 * and past findings are under
 * {@code src/test/resources/io/driftwatch/fuzz/MonitorDefinitionFuzzTestInputs/<method>/}.
 */
class MonitorDefinitionFuzzTest {

    /** The bytes as UTF-8 text, read as YAML unless it starts with a brace. */
    @FuzzTest(maxDuration = "2m")
    void anyYamlDefinition(byte[] input) throws IOException {
        if (InputContract.tooLong(input)) {
            return;
        }
        parse(input, new String(input, StandardCharsets.UTF_8));
    }

    /** The bytes as UTF-8 text behind an opening brace, so always read as JSON. */
    @FuzzTest(maxDuration = "2m")
    void anyJsonDefinition(byte[] input) throws IOException {
        if (InputContract.tooLong(input)) {
            return;
        }
        String text = new String(input, StandardCharsets.UTF_8);
        parse(input, text.stripLeading().startsWith("{") ? text : "{" + text);
    }

    private static void parse(byte[] input, String text) throws IOException {
        InputContract.check(input, () -> MonitorDefinition.parse(text, "fuzz.yml"),
                List.of(InvalidMonitorException.class));
    }
}
