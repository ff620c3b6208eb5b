package io.driftwatch.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.driftwatch.analysis.Section;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;

/**
 * How one kind of section is rendered, in each of the check's three renderings: its part of the HTML
 * page (a template of this package and the model it lays out), its fields in the JSON result, and its
 * lines in the terminal. The page shell, the JSON document's envelope and the terminal's first line
 * are shared ({@link HtmlReport}, {@link JsonResult}, {@link TextReport}); every analysis brings a view
 * of its own, registered in {@link SectionViews}.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @param <S> the kind of section
 */
interface SectionView<S extends Section> {
    /** The kind of section this view renders. */
    Class<S> kind();

    /**
     * The section's verdict in a few words, for the page's title: the title leads with every section's
     * headline, in order ({@code No dataset drift detected · 3 data-quality tests failed}), so a
     * failure of a later section is not hidden behind the first one's all-clear.
     */
    String headline(S section);

    /**
     * What the section is about, in a few lower-case words ({@code data drift}), for the page's
     * banner ("data drift and data quality report"); null to leave it out.
     */
    default String topic() {
        return null;
    }

    /** The template (under {@code /io/driftwatch/report/}) that lays out this section on the page. */
    String template();

    /** The template that lays out {@code section}: {@link #template()} unless a view has more than one. */
    default String template(S section) {
        return template();
    }

    /** The model the template lays out, all formatted. */
    Object html(CheckReport report, S section);

    /** Writes the section's fields into the JSON result (the generator is inside the document's object). */
    void json(JsonGenerator g, CheckReport report, S section) throws IOException;

    /**
     * Prints the section for the terminal, after the line naming the inputs.
     *
     * @param ignored the columns the monitor ignores, in its order
     */
    void text(PrintStream out, CheckReport report, S section, Collection<String> ignored);
}
