package io.driftwatch.stats;

/** What a test's score is: a p-value (smaller means more drift) or a distance (bigger means more drift). */
public enum ScoreKind {
    P_VALUE,
    DISTANCE
}
