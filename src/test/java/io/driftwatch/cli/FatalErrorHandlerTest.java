package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FatalErrorHandlerTest {
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final List<Integer> exitCodes = new ArrayList<>();
    final FatalErrorHandler handler = new FatalErrorHandler(new PrintStream(err, true, StandardCharsets.UTF_8),
            exitCodes::add);

    @Test
    void endsTheProcessWithExitCodeThreeWhenAWorkerRunsOutOfMemory() {
        handler.uncaughtException(new Thread("driftwatch-check-2"), new OutOfMemoryError("Java heap space"));
        assertThat(exitCodes).containsExactly(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("driftwatch: out of memory (Java heap space) in thread "
                + "driftwatch-check-2; give the JVM more memory, e.g. java -Xmx8g -jar driftwatch.jar ...\n");
    }

    @Test
    void leavesOrdinaryUncaughtExceptionsToTheirThread() {
        handler.uncaughtException(new Thread("worker"), new IllegalStateException("boom"));
        assertThat(exitCodes).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Exception in thread \"worker\" java.lang.IllegalStateException: boom");
    }
}
