package io.driftwatch.api.dashboard;

import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import io.driftwatch.api.PageHeaders;
import io.driftwatch.report.HtmlTemplates;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the dashboard's pages from their view records with the Freemarker templates under
 * {@code io/driftwatch/api/dashboard/}. Output is HTML with auto-escaping on, so every string from
 * the data (monitor and column names, error messages, the definition's text) is escaped. The pages
 * inline the report's stylesheet ({@code io/driftwatch/report/report.css}) and their own, so the
 * dashboard and the reports look like one product; they carry no script at all.
 *
 * <p>Thread-safe: the configuration is immutable after construction and templates are cached.
 */
final class DashboardTemplates {
    /**
     * What a dashboard page may load: nothing but its own inline styles and its inline icon. No
     * script, no form, no request of any kind. The page repeats it in a {@code meta} element (so a
     * saved copy keeps it), which cannot carry {@code frame-ancestors} ({@link PageHeaders} adds it).
     */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "base-uri 'none'; form-action 'none'";

    private final Configuration freemarker = configuration();

    /** The home page. */
    String home(HomePage page) {
        return render("home.ftlh", Map.of("p", page));
    }

    /** A monitor's page. */
    String monitor(MonitorPage page) {
        return render("monitor.ftlh", Map.of("p", page));
    }

    /** A page saying what went wrong, with a way back. */
    String error(int status, String title, String message) {
        return render("error.ftlh", Map.of("status", status, "title", title, "message", message));
    }

    private String render(String name, Map<String, Object> model) {
        StringWriter out = new StringWriter(32 * 1024);
        try {
            Template template = freemarker.getTemplate("api/dashboard/" + name);
            Map<String, Object> withPolicy = new HashMap<>(model);
            withPolicy.put("csp", PAGE_POLICY);
            template.process(withPolicy, out);
        } catch (IOException e) {
            throw new UncheckedIOException("the dashboard template " + name + " cannot be read", e);
        } catch (TemplateException e) {
            throw new IllegalStateException("the dashboard template " + name + " failed: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static Configuration configuration() {
        return HtmlTemplates.configuration(DashboardTemplates.class, "/io/driftwatch/",
                new DefaultObjectWrapper(Configuration.VERSION_2_3_34));
    }
}
