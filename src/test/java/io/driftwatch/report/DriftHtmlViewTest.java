package io.driftwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.drift.DriftResult;
import org.junit.jupiter.api.Test;

class DriftHtmlViewTest {

    /** A large batch's column views are built on two threads: the same views, in the same order. */
    @Test
    void buildsTheSameColumnViewsOnTwoThreadsAsOnOne() {
        CheckReport report = HtmlReportFixtures.bikes(); // numeric and categorical columns, ordered by time
        DriftResult drift = report.sections().find(DriftResult.class).orElseThrow();

        DriftHtmlView oneThread = DriftHtmlView.of(report, drift, Integer.MAX_VALUE);
        for (int run = 0; run < 20; run++) { // the two threads take columns in a different order each time
            DriftHtmlView twoThreads = DriftHtmlView.of(report, drift, 1);
            assertThat(twoThreads).isEqualTo(oneThread);
        }
        assertThat(oneThread.table()).hasSize(drift.columns().size());
        assertThat(oneThread.table()).allSatisfy(view -> assertThat(view).isNotNull());
    }
}
