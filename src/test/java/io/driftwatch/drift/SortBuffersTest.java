package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SortBuffersTest {
    @Test
    void handsAGivenBackArrayToTheNextColumnOfItsLengthOnly() {
        SortBuffers buffers = new SortBuffers();
        double[] first = buffers.take(1000);
        buffers.giveBack(first);

        assertThat(buffers.take(999)).as("another length: a new array").hasSize(999).isNotSameAs(first);
        assertThat(buffers.take(1000)).isSameAs(first);
        assertThat(buffers.take(1000)).as("taken already").isNotSameAs(first).hasSize(1000);
    }

    @Test
    void keepsOnlyAFewArraysForReuse() {
        SortBuffers buffers = new SortBuffers();
        double[][] given = new double[6][];
        for (int i = 0; i < given.length; i++) {
            given[i] = new double[10 + i];
            buffers.giveBack(given[i]);
        }
        for (int i = 0; i < given.length; i++) {
            boolean reused = buffers.take(10 + i) == given[i];
            assertThat(reused).as("array %d", i).isEqualTo(i < 4);
        }
    }
}
