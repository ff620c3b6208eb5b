/**
 * Renders a check for people and machines: a self-contained HTML report (Freemarker templates,
 * inline CSS and SVG, a little vanilla JavaScript, no network) and the versioned JSON result
 * whose schema lives in {@code docs/}. Input is a {@link io.driftwatch.report.CheckReport}; nothing
 * here reads files or decides drift.
 */
package io.driftwatch.report;
