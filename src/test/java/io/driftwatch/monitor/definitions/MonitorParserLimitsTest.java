package io.driftwatch.monitor.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the definition parser refuses rather than reads in part or at any cost: more than one YAML
 * or JSON document, nesting, keys and numbers past the read limits; and what it answers for a
 * definition with a great many problems (the first {@link InvalidMonitorException#LISTED}, and how many
 * more), in time and memory proportional to the text.
 */
class MonitorParserLimitsTest {
    /** What the API accepts by default (api.maxMonitorDefinitionSize). */
    private static final int MEBIBYTE = 1 << 20;

    private static InvalidMonitorException invalid(String text) {
        return catchThrowableOfType(InvalidMonitorException.class, () -> MonitorDefinition.parse(text, "m.yml"));
    }

    @Test
    void refusesYamlWithTwoDocumentsNamingWhereTheSecondStarts() {
        InvalidMonitorException e = invalid("name: a\nreference: r\n---\nname: b\nreference: r\n");

        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 4, column 1: the definition holds "
                + "2 YAML documents; send one (remove the --- separators)");
    }

    @Test
    void countsEveryYamlDocumentIncludingEmptyOnes() {
        assertThat(invalid("name: a\n---\nname: b\n---\n").getMessage()).contains("holds 3 YAML documents");
        assertThat(invalid("name: a\n---\n").getMessage()).contains("holds 2 YAML documents");
    }

    @Test
    void acceptsOneYamlDocumentWithItsMarkers() {
        assertThat(MonitorDefinition.parse("---\nname: a\n...\n", "m.yml").name()).contains("a");
        assertThat(MonitorDefinition.parse("# a comment\n---\nname: a\n", "m.yml").name()).contains("a");
    }

    @Test
    void refusesJsonWithASecondValueAfterTheFirst() {
        InvalidMonitorException e = invalid("{\"name\": \"a\"}\n{\"name\": \"b\"}");

        assertThat(e.getMessage()).isEqualTo("monitor m.yml is invalid: line 2, column 1: the definition holds 2 "
                + "JSON documents; send one");
    }

    @Test
    void refusesAMonitorFileWithTwoDocumentsAsTheCliReadsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("monitor.yml");
        Files.writeString(file, "name: a\ndrift: {share: 0.5}\n---\ndrift: {share: 0.9}\n");

        InvalidMonitorException e = catchThrowableOfType(InvalidMonitorException.class,
                () -> MonitorDefinition.read(file));

        assertThat(e.getMessage()).isEqualTo("monitor " + file + " is invalid: line 4, column 1: the definition "
                + "holds 2 YAML documents; send one (remove the --- separators)");
    }

    @Test
    void refusesNestingPastTheLimitInUsersTerms() {
        String json = "{\"drift\": " + "[".repeat(100) + "]".repeat(100) + "}";
        String yaml = "drift: " + "[".repeat(100) + "]".repeat(100) + "\n";

        for (String text : new String[] {json, yaml}) {
            InvalidMonitorException e = invalid(text);
            assertThat(e.problems()).hasSize(1);
            assertThat(e.problems().get(0).message()).isEqualTo("not a valid monitor definition: mappings and lists "
                    + "are nested more than 64 levels deep");
            assertThat(e.getMessage()).doesNotContain("StreamReadConstraints").doesNotContain("Jackson");
        }
    }

    @Test
    void refusesKeysAndNumbersPastTheLimitsInUsersTerms() {
        InvalidMonitorException key = invalid("{\"drift\": {\"per_column\": {\"" + "c".repeat(10_001)
                + "\": {\"method\": \"ks\"}}}}");
        InvalidMonitorException number = invalid("{\"drift\": {\"share\": 0." + "5".repeat(200) + "}}");

        assertThat(key.problems().get(0).message())
                .isEqualTo("not a valid monitor definition: a key is longer than 10000 characters");
        assertThat(number.problems().get(0).message())
                .isEqualTo("not a valid monitor definition: a number is longer than 100 characters");
    }

    @Test
    void listsTheFirstHundredProblemsInDocumentOrderAndCountsTheRest() {
        StringBuilder json = new StringBuilder("{\"columns\": {\"numerical\": [true");
        for (int i = 1; i < 250; i++) {
            json.append(",\n true");
        }
        json.append("]}}");

        InvalidMonitorException e = invalid(json.toString());

        assertThat(e.total()).isEqualTo(250);
        assertThat(e.problems()).hasSize(InvalidMonitorException.LISTED);
        assertThat(e.problems().get(0).field()).isEqualTo("columns.numerical[0]");
        assertThat(e.problems().get(99).field()).isEqualTo("columns.numerical[99]");
        assertThat(e.problems().get(99).line()).isEqualTo(100);
        assertThat(e.getMessage()).startsWith("monitor m.yml has 250 problems (the first 100 listed):")
                .endsWith("… and 150 more; fix these and send it again to see the rest")
                .doesNotContain("columns.numerical[100]");
        assertThat(e.getMessage().lines()).hasSize(102);
    }

    @Test
    void answersAMebibyteOfUnknownKeysWithAShortMessage() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; yaml.length() < MEBIBYTE; i++) {
            yaml.append("unknown_").append(i).append(": 1\n");
        }

        InvalidMonitorException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> invalid(yaml.toString()));

        assertThat(e.total()).isGreaterThan(50_000);
        // the first 100 problems, each naming the 15 valid top-level keys: about 22,000 characters
        assertThat(e.getMessage().length()).isLessThan(25_000);
        assertThat(e.problems().get(0).describe()).startsWith("line 1, column 1: unknown_0: unknown key 'unknown_0'");
    }

    @Test
    void readsLongKeysWithManyChildrenInMemoryProportionalToTheText() {
        // Every child's field path repeats its parent's 9,000-character key: kept for each of the
        // 100,000 children that would be 900 million characters.
        StringBuilder json = new StringBuilder("{\"" + "k".repeat(9_000) + "\": {\"a0\": 1");
        for (int i = 1; json.length() < MEBIBYTE; i++) {
            json.append(", \"a").append(i).append("\": 1");
        }
        json.append("}}");

        InvalidMonitorException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> invalid(json.toString()));

        assertThat(e.total()).isEqualTo(1);
        assertThat(e.problems().get(0).describe()).startsWith("line 1, column 2: " + "k".repeat(9_000)
                + ": unknown key '" + "k".repeat(200) + "…'");
    }
}
