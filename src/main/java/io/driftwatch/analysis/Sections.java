package io.driftwatch.analysis;

import java.util.List;
import java.util.Optional;

/**
 * The sections of one check's result, in the order the monitor's analyses ran (and the report shows
 * them), at most one per kind.
 *
 * <p>Thread-safe: immutable.
 */
public final class Sections {
    private final List<Section> all;

    private Sections(List<Section> all) {
        this.all = List.copyOf(all);
    }

    /**
     * The given sections.
     *
     * @throws IllegalArgumentException when two are of the same kind
     */
    public static Sections of(List<? extends Section> sections) {
        for (int i = 0; i < sections.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (sections.get(i).getClass() == sections.get(j).getClass()) {
                    throw new IllegalArgumentException("two " + sections.get(i).name() + " sections in one check");
                }
            }
        }
        return new Sections(List.copyOf(sections));
    }

    /** The sections of {@code sections}. */
    public static Sections of(Section... sections) {
        return of(List.of(sections));
    }

    /** Every section, in order. */
    public List<Section> all() {
        return all;
    }

    /** The section of kind {@code kind}, if the check has one. */
    public <S extends Section> Optional<S> find(Class<S> kind) {
        for (Section s : all) {
            if (kind.isInstance(s)) {
                return Optional.of(kind.cast(s));
            }
        }
        return Optional.empty();
    }
}
