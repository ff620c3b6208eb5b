package io.driftwatch.report;

import io.driftwatch.analysis.Section;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link CheckReport} as one self-contained HTML file: inline CSS, inline SVG charts and
 * a little vanilla JavaScript (filter box, sortable headers, detail panels), no network requests of
 * any kind, readable offline, on a phone and on paper.
 *
 * <p>Chart data is computed in Java from the reference profile and the current batch (a few passes
 * over each current column, no sorting of numeric columns); the Freemarker templates under
 * {@code io/driftwatch/report/} lay it out with HTML auto-escaping, so every string that comes from
 * the data (column names, category labels, input names) is escaped.
 *
 * <p>Thread-safe: the template configuration is shared and immutable after class initialisation;
 * each call renders independently.
 */
public final class HtmlReport {
    private static final String TEMPLATE = "report.ftlh";
    private static final String SCRIPT = "report.js";
    private static final Configuration FREEMARKER = configuration();
    /** The Content-Security-Policy source that lets exactly our inline script run, and nothing else. */
    private static final String SCRIPT_HASH = scriptHash();
    /** Nothing loads; the inline styles apply; only the report's own inline script runs. */
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src '" + SCRIPT_HASH
            + "'";
    /** The policy of a written report, in its meta element near the top of the file. */
    private static final Pattern META_POLICY = Pattern.compile(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"([A-Za-z0-9 ;:'+/=*.-]{1,1000})\">");

    private HtmlReport() {
    }

    /** Writes the report for {@code report} to {@code out} (UTF-8 is the caller's to choose; the page declares it). */
    public static void render(CheckReport report, Writer out) throws IOException {
        List<HtmlPage.Part> parts = new ArrayList<>();
        List<String> headlines = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        for (Section section : report.sections().all()) {
            SectionViews.Bound<?> bound = SectionViews.of(section);
            parts.add(bound.html(report));
            headlines.add(bound.headline());
            if (bound.topic() != null) {
                topics.add(bound.topic());
            }
        }
        HtmlPage page = HtmlPage.of(report, headlines.isEmpty() ? "Check" : String.join(" · ", headlines), topics,
                parts);
        Template template = FREEMARKER.getTemplate(TEMPLATE);
        try {
            template.process(Map.of("r", page, "csp", POLICY), out);
        } catch (TemplateException e) {
            throw new IllegalStateException("the HTML report template failed: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the template engine and loads the page's and the drift section's templates, which
     * {@link #render} would otherwise do first: about 0.1 s of a small check's report, most of it
     * the engine's own start-up. A command that will write a report calls it on a spare thread while
     * its check runs; calling it is never needed.
     */
    public static void prepare() {
        try {
            FREEMARKER.getTemplate(TEMPLATE);
            FREEMARKER.getTemplate(new DriftView().template());
        } catch (IOException e) {
            // render loads them again and reports what is wrong
        }
    }

    /** Renders the report into a string. */
    public static String render(CheckReport report) {
        StringWriter out = new StringWriter(64 * 1024);
        try {
            render(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the report to {@code file} in UTF-8, replacing it atomically ({@link ReportFiles}). */
    public static void write(CheckReport report, Path file) throws IOException {
        ReportFiles.write(file, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            render(report, writer);
            writer.flush();
        });
    }

    /**
     * The Content-Security-Policy of the reports this version writes, which each carries in a meta
     * element (so a saved copy keeps it). A server sending reports repeats it as a header, adding
     * what a meta element cannot carry ({@code frame-ancestors}).
     */
    public static String contentSecurityPolicy() {
        return POLICY;
    }

    /**
     * The Content-Security-Policy that the report in {@code file} carries: a report written by an
     * earlier version hashes the script of that version. The current policy when the file has none
     * that can be read.
     */
    public static String contentSecurityPolicy(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        } catch (IOException e) {
            return POLICY;
        }
        Matcher m = META_POLICY.matcher(new String(head, StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : POLICY;
    }

    private static String scriptHash() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SCRIPT);
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static Configuration configuration() {
        return HtmlTemplates.configuration(HtmlReport.class, "/io/driftwatch/report/", new HtmlRecordWrapper());
    }
}
