package io.driftwatch.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColumnsOnlyProfileTest {
    private static final Table REFERENCE = Table.of(List.of(
            NumericColumn.wrap("x", PhysicalType.FLOAT, new double[] {3, 1, Double.NaN, 2, 1}, 5),
            CategoricalColumn.of("k", new String[] {"a", "b", "a", null, "c"})));

    @Test
    void holdsTheSameColumnProfilesWithoutTheDatasetFacts() throws Exception {
        ReferenceProfile full = ReferenceProfile.of(REFERENCE, Set.of(), Runnable::run);
        ReferenceProfile columns = ReferenceProfile.columnsOnly(REFERENCE);

        assertThat(full.facts()).isPresent();
        assertThat(columns.facts()).isEmpty();
        assertThat(columns.rowCount()).isEqualTo(5);
        NumericProfile x = (NumericProfile) columns.column("x").orElseThrow();
        assertThat(x.sortedValues()).containsExactly(((NumericProfile) full.column("x").orElseThrow()).sortedValues());
        assertThat(x.missing()).isEqualTo(1);
        CategoricalProfile k = (CategoricalProfile) columns.column("k").orElseThrow();
        assertThat(k.size()).isEqualTo(3);
        assertThat(k.missing()).isEqualTo(1);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        columns.writeTo(bytes);
        ReferenceProfile back = ReferenceProfile.readFrom(new ByteArrayInputStream(bytes.toByteArray()), "test");
        assertThat(back.facts()).as("written and read back as a profile without facts").isEmpty();
        assertThat(back.columns()).hasSize(2);
    }
}
