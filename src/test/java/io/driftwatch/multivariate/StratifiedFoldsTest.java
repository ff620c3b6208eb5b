package io.driftwatch.multivariate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.stats.InsufficientDataException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Test folds against scikit-learn 1.2.1's {@code StratifiedKFold(n_splits=k).split} (no shuffling),
 * the fold of each row read off the test indices:
 * <pre>
 * t = np.empty(len(y), dtype=int)
 * for i, (_, test) in enumerate(StratifiedKFold(n_splits=k).split(np.zeros(len(y)), y)): t[test] = i
 * </pre>
 */
class StratifiedFoldsTest {

    static Stream<Arguments> scikitLearn() {
        return Stream.of(
                Arguments.of(new int[] {0, 0, 0, 0, 0, 0, 0, 1, 1, 1}, 3, new int[] {0, 0, 0, 1, 1, 2, 2, 0, 1, 2}),
                Arguments.of(new int[] {0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0}, 3, new int[] {0, 0, 0, 1, 2, 0, 1, 1, 1, 2, 2, 2}),
                // the chunk comes first (a reference chunk at the start): class numbers follow first appearance
                Arguments.of(new int[] {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 5,
                        new int[] {0, 1, 0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4}));
    }

    @ParameterizedTest
    @MethodSource("scikitLearn")
    void assignsFoldsAsScikitLearnsStratifiedKFold(int[] y, int k, int[] expected) {
        assertThat(StratifiedFolds.testFolds(y, k, FoldAssignment.IN_ORDER, 0)).containsExactly(expected);
    }

    @Test
    void shuffledFoldsKeepEachClassesFoldSizesAndDependOnlyOnTheSeed() {
        int[] y = new int[200];
        for (int i = 150; i < 200; i++) {
            y[i] = 1;
        }
        int[] inOrder = StratifiedFolds.testFolds(y, 5, FoldAssignment.IN_ORDER, 7);
        int[] shuffled = StratifiedFolds.testFolds(y, 5, FoldAssignment.SHUFFLED, 7);
        assertThat(shuffled).isNotEqualTo(inOrder).isEqualTo(StratifiedFolds.testFolds(y, 5, FoldAssignment.SHUFFLED, 7));
        for (int cls = 0; cls < 2; cls++) {
            assertThat(sizes(shuffled, y, cls)).containsExactly(sizes(inOrder, y, cls));
        }
    }

    @Test
    void refusesWhenBothClassesHaveFewerRowsThanFolds() {
        assertThatThrownBy(() -> StratifiedFolds.testFolds(new int[] {0, 0, 0, 1, 1}, 5, FoldAssignment.IN_ORDER, 0))
                .isInstanceOf(InsufficientDataException.class)
                .hasMessageContaining("5 folds need at least 5 rows");
    }

    private static int[] sizes(int[] folds, int[] y, int cls) {
        int[] sizes = new int[5];
        for (int i = 0; i < y.length; i++) {
            if (y[i] == cls) {
                sizes[folds[i]]++;
            }
        }
        return sizes;
    }
}
