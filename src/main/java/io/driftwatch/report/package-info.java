/**
 * Renders a check for people and machines: a self-contained HTML report (Freemarker templates,
 * inline CSS and SVG, a little vanilla JavaScript, no network), the versioned JSON result whose
 * schema lives in {@code docs/}, and the terminal table ({@link io.driftwatch.report.TextReport}).
 * Input is a {@link io.driftwatch.report.CheckReport}; nothing here reads files or decides drift, and
 * every view ranks columns by the strength on the column result
 * ({@link io.driftwatch.drift.ColumnDrift#strength()}).
 */
package io.driftwatch.report;
