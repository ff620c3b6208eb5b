package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClopperPearsonTest {

    /**
     * Golden values: SciPy 1.17.1, {@code binomtest(x, n, alternative='greater').proportion_ci(c,
     * method='exact').low} and {@code binomtest(x, n, alternative='less').proportion_ci(c,
     * method='exact').high}.
     */
    static Stream<Arguments> scipyBounds() {
        return Stream.of(
                Arguments.of(1, 10, 0.95, 0.005116196892304599, 0.394163302436974),
                Arguments.of(5, 20, 0.99, 0.06884501880124154, 0.5321064089533127),
                Arguments.of(40, 1000, 0.99, 0.026936137510985694, 0.05684806940753951),
                Arguments.of(500, 1000, 0.9, 0.47925099084977424, 0.5207490091502257),
                Arguments.of(999, 1000, 0.99, 0.9933803316043514, 0.9999899497146545),
                Arguments.of(10, 10, 0.95, 0.7411344491066529, 1.0));
    }

    @ParameterizedTest
    @MethodSource("scipyBounds")
    void matchesScipysExactOneSidedBounds(long x, long n, double confidence, double lower, double upper) {
        assertThat(ClopperPearson.lowerBound(x, n, confidence)).isCloseTo(lower, within(1e-12 + 1e-9 * lower));
        assertThat(ClopperPearson.upperBound(x, n, confidence)).isCloseTo(upper, within(1e-12 + 1e-9 * upper));
    }

    @Test
    void noSuccessGivesALowerBoundOfZeroAndAllSuccessesAnUpperBoundOfOne() {
        assertThat(ClopperPearson.lowerBound(0, 50, 0.99)).isZero();
        assertThat(ClopperPearson.upperBound(50, 50, 0.99)).isEqualTo(1.0);
    }

    @Test
    void aLargerSampleWithTheSameShareGivesATighterLowerBound() {
        double small = ClopperPearson.lowerBound(3, 30, 0.99);
        double large = ClopperPearson.lowerBound(3000, 30000, 0.99);
        assertThat(small).isLessThan(large).isLessThan(0.1);
        assertThat(large).isGreaterThan(0.095);
    }

    @Test
    void refusesCountsOrConfidencesOutOfRange() {
        assertThatThrownBy(() -> ClopperPearson.lowerBound(1, 0, 0.9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trials");
        assertThatThrownBy(() -> ClopperPearson.lowerBound(11, 10, 0.9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("successes");
        assertThatThrownBy(() -> ClopperPearson.upperBound(1, 10, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confidence");
    }
}
