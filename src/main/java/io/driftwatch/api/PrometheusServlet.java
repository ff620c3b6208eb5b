package io.driftwatch.api;

import com.codahale.metrics.MetricRegistry;
import io.driftwatch.monitor.checks.CheckHistory;
import io.driftwatch.monitor.schedule.RunHistory;
import io.driftwatch.monitor.checks.MonitorCatalog;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code GET /metrics} on the admin port: the Prometheus text exposition format 0.0.4 of the drift
 * of every monitor's latest check ({@link MonitorMetrics}) and of the service's Dropwizard metrics
 * (check durations as a summary with quantiles, checks by verdict, the check queue's gauges, Jetty,
 * the connection pool and the JVM), names with dots and dashes written with underscores.
 *
 * <p>The Prometheus client library writes the format (escaping of label values and help text, one
 * {@code # TYPE} per family, {@code _total} on counters) and bridges the Dropwizard registry; each
 * scrape reads the registry and the store afresh. A scrape that cannot read the store fails with
 * 500, so Prometheus marks the target down rather than showing stale drift.
 *
 * <p>Thread-safe.
 */
public final class PrometheusServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient PrometheusRegistry registry = new PrometheusRegistry();
    private final transient PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public PrometheusServlet(MetricRegistry metrics, MonitorCatalog monitors, CheckHistory history, RunHistory runs) {
        registry.register(new DropwizardExports(metrics));
        registry.register(new MonitorMetrics(monitors, history, runs));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MetricSnapshots snapshots = registry.scrape();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(PrometheusTextFormatWriter.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-cache");
        try (OutputStream out = response.getOutputStream()) {
            writer.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        }
    }
}
