/**
 * The dashboard: the HTML pages under {@code /} and {@code /monitors/{id}} (a home page with each
 * monitor's drift-share sparkline, a monitor page with its drift-share chart, column heat map, checks,
 * runs and deliveries), built as view records ({@link io.driftwatch.api.dashboard.HomePage},
 * {@link io.driftwatch.api.dashboard.MonitorPage} and the charts in them, public because the FreeMarker
 * templates in {@code io/driftwatch/api/dashboard/} read them by reflection) with the inline SVG
 * computed here, so the templates only place strings. Pages only read through {@code monitor}; the
 * JSON API, error bodies and metrics belong in {@code api}, a check's HTML report in {@code report}.
 * Only {@link io.driftwatch.api.Api} registers it ({@link io.driftwatch.api.dashboard.DashboardResource});
 * nothing else depends on this package.
 */
package io.driftwatch.api.dashboard;
