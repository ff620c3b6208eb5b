package io.driftwatch.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.driftwatch.analysis.Section;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;

/**
 * The view of every kind of section: one line per analysis (see docs/architecture.md).
 *
 * <p>Thread-safe: immutable.
 */
final class SectionViews {
    private static final List<SectionView<?>> ALL = List.of(
            new DriftView(),
            new QualityView(),
            new IntegrityView(),
            new EstimateView(),
            new MultivariateView());

    private SectionViews() {
    }

    /** A section together with its view, which renders it with the section's own type. */
    record Bound<S extends Section>(SectionView<S> view, S section) {
        String headline() {
            return view.headline(section);
        }

        String topic() {
            return view.topic();
        }

        HtmlPage.Part html(CheckReport report) {
            return new HtmlPage.Part(view.template(section), view.html(report, section));
        }

        void json(JsonGenerator g, CheckReport report) throws IOException {
            view.json(g, report, section);
        }

        void text(PrintStream out, CheckReport report, Collection<String> ignored) {
            view.text(out, report, section, ignored);
        }
    }

    /**
     * The view of {@code section}.
     *
     * @throws IllegalStateException when no view is registered for its kind
     */
    static Bound<?> of(Section section) {
        for (SectionView<?> view : ALL) {
            if (view.kind().isInstance(section)) {
                return bind(view, section);
            }
        }
        throw new IllegalStateException("no view renders the " + section.name() + " section ("
                + section.getClass().getName() + "): register one in SectionViews");
    }

    private static <S extends Section> Bound<S> bind(SectionView<S> view, Section section) {
        return new Bound<>(view, view.kind().cast(section));
    }
}
