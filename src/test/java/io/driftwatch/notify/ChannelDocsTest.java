package io.driftwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The payload examples in {@code docs/channels.md} are what the channels render for the same event. */
class ChannelDocsTest {

    @ParameterizedTest
    @ValueSource(strings = {"slack", "teams", "pagerduty"})
    void documentedExampleIsWhatTheChannelRenders(String type) throws IOException {
        String doc = Files.readString(Path.of("docs/channels.md"));
        Matcher example = Pattern.compile("<!-- example: " + type + " -->\\n```json\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(doc);
        assertThat(example.find()).as("an example for " + type).isTrue();
        URI url = URI.create("https://receiver.example.com/x");
        ChannelFactory factory = switch (type) {
            case "slack" -> Channels.slack(url);
            case "teams" -> Channels.teams(url);
            default -> Channels.pagerDuty(url);
        };

        String rendered = factory.build(Channels.CLOCK).render(Alerts.triggered()).json();

        assertThat(Channels.tree(example.group(1))).isEqualTo(Channels.tree(rendered));
    }
}
