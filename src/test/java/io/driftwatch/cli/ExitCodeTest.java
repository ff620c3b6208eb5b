package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitCodeTest {

    @Test
    void checkVerdictsAddUpAsBitsSoScriptsCanTellThemApart() {
        assertThat(ExitCode.ofCheck(false, false).code()).isZero();
        assertThat(ExitCode.ofCheck(true, false).code()).isEqualTo(1);
        assertThat(ExitCode.ofCheck(false, true).code()).isEqualTo(4);
        assertThat(ExitCode.ofCheck(true, true).code()).isEqualTo(5);
        assertThat(ExitCode.ofCheck(true, true).code() & ExitCode.BAD_INPUT.code())
                .as("no verdict shares a bit with bad input").isZero();
    }
}
