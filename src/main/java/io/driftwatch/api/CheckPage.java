package io.driftwatch.api;

import java.util.List;

/**
 * A page of a monitor's history, newest first; {@code next} is the cursor of the next page, null on
 * the last one.
 *
 * <p>Thread-safe: immutable.
 */
public record CheckPage(List<CheckSummary> items, String next) {
    public CheckPage {
        items = List.copyOf(items);
    }
}
