package io.driftwatch.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes the scored example batches of {@code examples/adult} ({@link AdultExample}) and
 * {@code examples/bike-sharing-regression} ({@link BikeRegressionExample}): trains each example's model
 * (Smile 2.6, fixed seeds, so every run writes the same bytes), scores the batches, writes the CSV files and
 * replaces the measured-figures section of each example's README.md. {@code ExamplePredictionsTest} runs the
 * same code in memory and checks that the committed files are exactly what it makes.
 *
 * <p>From the repository root:
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.driftwatch.examples.ExamplePredictions \
 *     -Dexec.args="src/test/resources/examples-source examples"
 * </pre>
 * The first argument is a folder holding the unmodified UCI files {@code adult.data}, {@code adult.test}
 * and {@code hour.csv}, each as it is or gzipped ({@code src/test/resources/examples-source} has them
 * gzipped, with their attribution); a file whose sha256 is not the original's is refused. The second is the
 * {@code examples} folder to write into. Stateless; not meant for concurrent runs on one folder.
 */
public final class ExamplePredictions {
    private ExamplePredictions() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ExamplePredictions SOURCE_FOLDER EXAMPLES_FOLDER");
            System.err.println("  SOURCE_FOLDER holds adult.data, adult.test and hour.csv (or .gz), e.g."
                    + " src/test/resources/examples-source");
            System.exit(2);
        }
        Path examples = Path.of(args[1]);
        for (Example example : generate(Path.of(args[0]))) {
            for (ExampleFile file : example.files()) {
                Path target = examples.resolve(file.path());
                Files.createDirectories(target.getParent());
                Files.write(target, file.content());
                System.out.println("wrote " + target + " (" + file.content().length + " bytes)");
            }
            Path readme = examples.resolve(example.readme());
            if (!Files.isRegularFile(readme)) {
                throw new NoSuchFileException(readme + ": the example's README.md, which carries the measured"
                        + " figures between '" + Example.BEGIN + "' and '" + Example.END + "'");
            }
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            Files.writeString(readme, example.withFigures(text), StandardCharsets.UTF_8);
            System.out.println("updated " + readme + ":\n" + example.figures());
        }
    }

    /** Every example, made in memory from the raw UCI files in {@code source}. */
    static List<Example> generate(Path source) throws IOException {
        return List.of(AdultExample.build(source), BikeRegressionExample.build(source));
    }
}
