package io.driftwatch.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The event's invariants. */
class RetrainEventTest {

    @Test
    void aBreachNamesItsIncidentAndACheckHasNone() {
        RetrainEvent check = TestEvents.check();
        assertThatThrownBy(() -> new RetrainEvent(RetrainEvent.Kind.BREACH, "m", null, "c", TestEvents.AT,
                TestEvents.dataset(), TestEvents.columns(), null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrainEvent(RetrainEvent.Kind.CHECK, "m", "inc", "c", TestEvents.AT,
                TestEvents.dataset(), TestEvents.columns(), null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(check.incidentId()).isNull();
    }

    @Test
    void driftedColumnsKeepColumnOrder() {
        assertThat(TestEvents.breach().driftedColumns()).containsExactly("temp", "season");
    }
}
