package io.driftwatch.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Index sets from scikit-learn 1.2.1's {@code StratifiedShuffleSplit} (NumPy 1.24), written by
 * {@code src/test/python/estimate_golden.py} into {@code estimate/stratified-shuffle-split.json}.
 */
class StratifiedShuffleSplitTest {
    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = StratifiedShuffleSplitTest.class.getResourceAsStream(
                "/estimate/stratified-shuffle-split.json")) {
            List<JsonNode> out = new ArrayList<>();
            new ObjectMapper().readTree(in).forEach(out::add);
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void drawsTheSameIndexSetsAsScikitLearn(JsonNode c) {
        int[] labels = ints(c.get("labels"));
        StratifiedShuffleSplit.Split[] splits = StratifiedShuffleSplit.split(labels, c.get("splits").asInt(),
                c.get("test_size").asDouble(), c.get("seed").asLong());
        assertEquals(c.get("train").size(), splits.length);
        for (int s = 0; s < splits.length; s++) {
            assertArrayEquals(ints(c.get("train").get(s)), splits[s].train(), "train of split " + s);
            assertArrayEquals(ints(c.get("test").get(s)), splits[s].test(), "test of split " + s);
        }
    }

    @Test
    void refusesAClassWithOneRow() {
        InsufficientDataException e = assertThrows(InsufficientDataException.class,
                () -> StratifiedShuffleSplit.split(new int[] {0, 0, 0, 1}, 2, 0.5, 42));
        assertEquals("the least populated class has only 1 row, too few for a stratified split (at least 2 are needed)",
                e.getMessage());
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }
}
