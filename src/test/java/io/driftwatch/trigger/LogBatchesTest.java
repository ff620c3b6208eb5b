package io.driftwatch.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting a run's data into runs/log-batch bodies within MLflow's limits, and the keys it uses. */
class LogBatchesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static ArrayNode pairs(String prefix, int n) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < n; i++) {
            a.addObject().put("key", prefix + i).put("value", i);
        }
        return a;
    }

    private static int count(List<ObjectNode> bodies, String field) {
        int n = 0;
        for (ObjectNode b : bodies) {
            n += b.get(field).size();
        }
        return n;
    }

    @Test
    void everyBodyStaysWithinTheLimitsAndNothingIsLost() {
        ObjectNode done = NODES.objectNode().put("key", "done").put("value", "true");

        List<ObjectNode> bodies = LogBatches.split(pairs("m", 2345), pairs("p", 150), pairs("t", 250), 7L, done);

        for (ObjectNode b : bodies) {
            int m = b.get("metrics").size();
            int p = b.get("params").size();
            int t = b.get("tags").size();
            assertThat(m).isLessThanOrEqualTo(1000);
            assertThat(p).isLessThanOrEqualTo(100);
            assertThat(t).isLessThanOrEqualTo(100);
            assertThat(m + p + t).isLessThanOrEqualTo(1000);
        }
        assertThat(count(bodies, "metrics")).isEqualTo(2345);
        assertThat(count(bodies, "params")).isEqualTo(150);
        assertThat(count(bodies, "tags")).isEqualTo(251);
        ObjectNode firstMetric = (ObjectNode) bodies.get(0).get("metrics").get(0);
        assertThat(firstMetric.get("timestamp").asLong()).isEqualTo(7L);
        assertThat(firstMetric.get("step").asInt()).isZero();
        ArrayNode lastTags = (ArrayNode) bodies.get(bodies.size() - 1).get("tags");
        assertThat(lastTags.get(lastTags.size() - 1)).isEqualTo(done);
    }

    @Test
    void theCompletionTagGetsABodyOfItsOwnWhenTheLastIsFull() {
        ObjectNode done = NODES.objectNode().put("key", "done").put("value", "true");

        List<ObjectNode> bodies = LogBatches.split(pairs("m", 1000), NODES.arrayNode(), NODES.arrayNode(), 1L, done);

        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1).get("tags")).containsExactly(done);
        assertThat(bodies.get(1).get("metrics")).isEmpty();
    }

    @Test
    void nothingToLogIsOneEmptyBodyWithTheCompletionTag() {
        ObjectNode done = NODES.objectNode().put("key", "done").put("value", "true");

        List<ObjectNode> bodies = LogBatches.split(NODES.arrayNode(), NODES.arrayNode(), NODES.arrayNode(), 1L, done);

        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0).get("tags")).containsExactly(done);
    }

    @Test
    void keysAreValidDistinctAndNeverSplitACharacter() {
        MlflowKeys keys = new MlflowKeys();
        String emoji = "🚲".repeat(200); // 400 UTF-16 units
        String a = keys.unique("drift_score/", "a b");
        String b = keys.unique("drift_score/", "a/b");
        String c = keys.unique("drift_score/", "a\\b");
        String long1 = keys.unique("drift_score/", "é".repeat(300));
        String long2 = keys.unique("drift_score/", "é".repeat(301));
        String surrogates = keys.unique("drift_score/", "x" + emoji);

        assertThat(List.of(a, b, c)).containsExactly("drift_score/a b", "drift_score/a_b", "drift_score/a_b_2");
        assertThat(long1).hasSize(250).isNotEqualTo(long2);
        assertThat(long2).hasSize(250).endsWith("_2");
        assertThat(surrogates.length()).isLessThanOrEqualTo(250);
        for (String k : List.of(a, b, c, long1, long2, surrogates)) {
            assertThat(MlflowKeys.valid(k)).as(k).isTrue();
        }
        assertThat(MlflowKeys.valid("a//b")).isFalse();
        assertThat(MlflowKeys.valid("/a")).isFalse();
        assertThat(MlflowKeys.valid("a/./b")).isFalse();
        assertThat(MlflowKeys.valid("a:b")).isFalse();
    }
}
