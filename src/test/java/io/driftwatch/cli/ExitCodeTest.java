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

    @Test
    void aDegradedModelIsBitEightBesideDriftAndDataQuality() {
        for (boolean drift : new boolean[] {false, true}) {
            for (boolean data : new boolean[] {false, true}) {
                for (boolean model : new boolean[] {false, true}) {
                    int code = ExitCode.ofCheck(drift, data, model).code();
                    assertThat(code).as("drift %s, data %s, model %s", drift, data, model)
                            .isEqualTo((drift ? 1 : 0) | (data ? 4 : 0) | (model ? 8 : 0));
                    assertThat(code & ExitCode.BAD_INPUT.code()).as("no verdict has bad input's bit, so none is"
                            + " 2 or 3 (an internal error)").isZero();
                }
            }
        }
        assertThat(ExitCode.ofCheck(true, false)).isEqualTo(ExitCode.ofCheck(true, false, false));
    }
}
