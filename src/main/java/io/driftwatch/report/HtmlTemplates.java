package io.driftwatch.report;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.ObjectWrapper;
import freemarker.template.TemplateExceptionHandler;
import java.util.Locale;
import java.util.TimeZone;

/**
 * How Driftwatch's HTML pages (the report, the dashboard) are templated: FreeMarker with HTML
 * auto-escaping on every {@code ${}}, templates read from the classpath, numbers and booleans
 * printed the same in every locale and time zone, and every template error thrown (never printed
 * into the page), with FreeMarker's {@code ?api} and null loop variables off.
 *
 * <p>Thread-safe: each call builds a new configuration, which is thread-safe once built.
 */
public final class HtmlTemplates {
    private HtmlTemplates() {
    }

    /**
     * A configuration reading templates from {@code folder} on the classpath (relative to
     * {@code base}'s class loader), exposing models through {@code wrapper}.
     */
    public static Configuration configuration(Class<?> base, String folder, ObjectWrapper wrapper) {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        c.setClassForTemplateLoading(base, folder);
        c.setDefaultEncoding("UTF-8");
        c.setOutputFormat(HTMLOutputFormat.INSTANCE);
        c.setObjectWrapper(wrapper);
        c.setRecognizeStandardFileExtensions(true);
        c.setLocale(Locale.ROOT);
        c.setTimeZone(TimeZone.getTimeZone("UTC"));
        c.setNumberFormat("computer");
        c.setBooleanFormat("c");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        c.setAPIBuiltinEnabled(false);
        return c;
    }
}
