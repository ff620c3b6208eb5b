package io.driftwatch.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.PhysicalType;
import org.junit.jupiter.api.Test;

class FindingTextTest {

    @Test
    void valuesAreWrittenExactlyAsStoredForTheirType() {
        assertThat(FindingText.value(20000, PhysicalType.INTEGER)).isEqualTo("20000");
        assertThat(FindingText.value(-0.0, PhysicalType.FLOAT)).isEqualTo("0");
        assertThat(FindingText.value(97.5, PhysicalType.FLOAT)).isEqualTo("97.5");
        assertThat(FindingText.value(0.1 + 0.2, PhysicalType.FLOAT)).isEqualTo("0.30000000000000004");
        assertThat(FindingText.value(1.5e-9, PhysicalType.FLOAT)).isEqualTo("1.5E-9");
        assertThat(FindingText.value(3e20, PhysicalType.FLOAT)).isEqualTo("3.0E20");
        assertThat(FindingText.value(Double.NEGATIVE_INFINITY, PhysicalType.FLOAT)).isEqualTo("-Infinity");
        assertThat(FindingText.value(1, PhysicalType.BOOLEAN)).isEqualTo("true");
        assertThat(FindingText.value(1.7040672e12, PhysicalType.TIMESTAMP)).isEqualTo("2024-01-01T00:00:00Z");
    }

    @Test
    void boundsKeepSixSignificantDigits() {
        assertThat(FindingText.bound(0.021666666666)).isEqualTo("0.0216667");
        assertThat(FindingText.bound(740000)).isEqualTo("740000");
        assertThat(FindingText.bound(-1256.123456789)).isEqualTo("-1256.12");
        assertThat(FindingText.bound(1.234567e20)).isEqualTo("1.23457e+20");
        assertThat(FindingText.bound(0)).isEqualTo("0");
    }

    @Test
    void sharesArePercentagesWithThreeSignificantDigitsAndCountsHaveSeparators() {
        assertThat(FindingText.percent(0.16666)).isEqualTo("16.7 %");
        assertThat(FindingText.percent(0.0005)).isEqualTo("0.05 %");
        assertThat(FindingText.percent(1)).isEqualTo("100 %");
        assertThat(FindingText.percent(0)).isEqualTo("0 %");
        assertThat(FindingText.count(1234567)).isEqualTo("1,234,567");
    }
}
