package io.driftwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Table;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The Parquet and compressed Arrow files under {@code src/test/resources/io/driftwatch/io/formats},
 * written by Polars and DuckDB with {@code scripts/make-format-fixtures.mjs}, and a comparison of
 * tables cell by cell.
 */
final class FormatFixtures {
    /** The CSV the bike-sharing fixtures were made from. */
    static final Path BIKE_CSV = Path.of("examples/bike-sharing/current.csv");

    private FormatFixtures() {
    }

    static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(FormatFixtures.class.getResource("formats/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Same names, physical types, missing cells, values (bit for bit) and labels, row by row. */
    static void assertSameTable(Table actual, Table expected) {
        assertThat(actual.schema()).isEqualTo(expected.schema());
        assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            Column want = expected.column(c);
            Column got = actual.column(c);
            for (int row = 0; row < expected.rowCount(); row++) {
                assertThat(got.isMissing(row)).as("%s row %d missing", want.name(), row)
                        .isEqualTo(want.isMissing(row));
                if (want.isMissing(row)) {
                    continue;
                }
                if (want instanceof NumericColumn numbers) {
                    assertThat(((NumericColumn) got).value(row)).as("%s row %d", want.name(), row)
                            .isEqualTo(numbers.value(row));
                } else {
                    assertThat(((CategoricalColumn) got).labelAt(row)).as("%s row %d", want.name(), row)
                            .isEqualTo(((CategoricalColumn) want).labelAt(row));
                }
            }
        }
    }
}
