package io.driftwatch.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChunkThresholdTest {
    @Test
    void bandIsMeanPlusMinusThreePopulationSigmas() {
        // numpy: np.mean([0.8, 0.82, 0.84, 0.86]) = 0.83, np.std(...) = 0.022360679774997897
        ChunkThreshold.Band band = ChunkThreshold.of(new double[] {0.8, 0.82, 0.84, 0.86}, 3, 0, 1);
        assertEquals(0.83 - 3 * 0.022360679774997897, band.lower(), 1e-15);
        assertEquals(0.83 + 3 * 0.022360679774997897, band.upper(), 1e-15);
    }

    @Test
    void clipsToTheMetricsRange() {
        ChunkThreshold.Band band = ChunkThreshold.of(new double[] {0.5, 0.9, 1.0}, 3, 0, 1);
        assertEquals(1.0, band.upper());
        ChunkThreshold.Band unbounded = ChunkThreshold.of(new double[] {0.5, 0.9, 1.0}, 3,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertTrue(unbounded.upper() > 1.0);
    }

    @Test
    void alertsOnlyStrictlyOutsideAndNeverOnNaN() {
        ChunkThreshold.Band band = new ChunkThreshold.Band(0.7, 0.9);
        assertFalse(band.alerts(0.7));
        assertFalse(band.alerts(0.9));
        assertTrue(band.alerts(0.69));
        assertTrue(band.alerts(0.91));
        assertFalse(band.alerts(Double.NaN));
    }

    @Test
    void skipsUndefinedChunksAndHasNoBandWithoutAny() {
        ChunkThreshold.Band band = ChunkThreshold.of(new double[] {0.8, Double.NaN, 0.9}, 3, 0, 1);
        assertEquals(0.85 - 3 * 0.05, band.lower(), 1e-15);
        ChunkThreshold.Band none = ChunkThreshold.of(new double[] {Double.NaN}, 3, 0, 1);
        assertFalse(none.alerts(0.0));
        assertTrue(Double.isNaN(none.lower()));
    }

    @Test
    void rejectsANegativeMultiplierOrCrossedLimits() {
        assertThrows(IllegalArgumentException.class, () -> ChunkThreshold.of(new double[] {1}, -1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ChunkThreshold.of(new double[] {1}, 3, 1, 0));
    }
}
