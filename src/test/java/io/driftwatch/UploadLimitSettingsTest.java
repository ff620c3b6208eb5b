package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.io.Limit;
import io.driftwatch.monitor.checks.DatasetIntake;
import io.dropwizard.util.DataSize;
import org.junit.jupiter.api.Test;

/**
 * The {@code api} limits of an uploaded batch as the service builds them: each named by the key that
 * changes it, the decompressed size by default the body limit unless that is more than a sixteenth of
 * the heap.
 */
class UploadLimitSettingsTest {
    private static final long GIB = 1L << 30;

    @Test
    void byDefaultTheDecompressedLimitIsTheBodyLimitWhenTheHeapIsLargeEnough() {
        DriftwatchConfiguration.ApiSettings api = new DriftwatchConfiguration.ApiSettings();
        api.setMaxBodySize(DataSize.mebibytes(100));

        DatasetIntake.Limits limits = api.intakeLimits(16 * GIB);

        assertThat(limits.body()).isEqualTo(new Limit(100L << 20, "api.maxBodySize"));
        assertThat(limits.decompressed()).isEqualTo(new Limit(100L << 20,
                "api.maxDecompressedSize, by default api.maxBodySize"));
        assertThat(limits.csv().maxColumns()).isEqualTo(new Limit(10_000, "api.maxColumns"));
        assertThat(limits.csv().maxCellLength()).isEqualTo(new Limit(16 << 20, "api.maxCellLength"));
    }

    @Test
    void byDefaultTheDecompressedLimitIsASixteenthOfASmallHeap() {
        DriftwatchConfiguration.ApiSettings api = new DriftwatchConfiguration.ApiSettings(); // 1 GiB body

        DatasetIntake.Limits limits = api.intakeLimits(6 * GIB);

        assertThat(limits.decompressed()).isEqualTo(new Limit(6 * GIB / 16,
                "api.maxDecompressedSize, by default a sixteenth of the JVM's maximum heap"));
    }

    @Test
    void configuredLimitsAreTakenAsTheyAre() {
        DriftwatchConfiguration.ApiSettings api = new DriftwatchConfiguration.ApiSettings();
        api.setMaxDecompressedSize(DataSize.gibibytes(2));
        api.setMaxColumns(50_000);
        api.setMaxCellLength(1000);

        DatasetIntake.Limits limits = api.intakeLimits(GIB);

        assertThat(limits.decompressed()).isEqualTo(new Limit(2 * GIB, "api.maxDecompressedSize"));
        assertThat(limits.csv().maxColumns()).isEqualTo(new Limit(50_000, "api.maxColumns"));
        assertThat(limits.csv().maxCellLength()).isEqualTo(new Limit(1000, "api.maxCellLength"));
    }
}
