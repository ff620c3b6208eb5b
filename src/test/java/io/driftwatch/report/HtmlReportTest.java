package io.driftwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    @Test
    void writesBikeReport() throws Exception {
        Files.createDirectories(Path.of("target"));
        HtmlReport.write(HtmlReportFixtures.bikes(), Path.of("target/report-bikes.html"));
        HtmlReport.write(HtmlReportFixtures.hostile(), Path.of("target/report-hostile.html"));
        assertThat(Files.size(Path.of("target/report-bikes.html"))).isPositive();
    }
}
