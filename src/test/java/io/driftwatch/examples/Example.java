package io.driftwatch.examples;

import java.util.List;

/**
 * One generated example: its folder under {@code examples/}, its data files, and the measured-figures
 * section that its hand-written README.md carries between {@link #BEGIN} and {@link #END}. Immutable;
 * thread-safe.
 *
 * @param folder  the folder under {@code examples/}, e.g. {@code adult}
 * @param files   the data files, paths relative to {@code examples/}
 * @param figures the README section, markers included, ending with a line break
 */
record Example(String folder, List<ExampleFile> files, String figures) {
    static final String BEGIN = "<!-- measured by ExamplePredictions: begin -->";
    static final String END = "<!-- measured by ExamplePredictions: end -->";

    Example {
        files = List.copyOf(files);
        if (!figures.startsWith(BEGIN + "\n") || !figures.endsWith(END + "\n")) {
            throw new IllegalArgumentException(folder + ": the figures must sit between the markers");
        }
    }

    /** The README path relative to {@code examples/}. */
    String readme() {
        return folder + "/README.md";
    }

    /**
     * {@code readme} with its measured-figures section replaced by this example's.
     *
     * @throws IllegalArgumentException when {@code readme} lacks the markers
     */
    String withFigures(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(readme() + " has no section between '" + BEGIN + "' and '" + END
                    + "' for the measured figures");
        }
        int after = end + END.length();
        if (after < readme.length() && readme.charAt(after) == '\n') {
            after++;
        }
        return readme.substring(0, begin) + figures + readme.substring(after);
    }
}
