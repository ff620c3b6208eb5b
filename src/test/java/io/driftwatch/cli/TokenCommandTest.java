package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.EditedConfig;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TokenCommandTest {
    private static final Pattern TOKEN = Pattern.compile("(?m)^    (dw_[A-Za-z0-9_-]{43})$");

    @Test
    void printsARandomTokenOnceAndTheConfigLinesWithItsSha256() throws Exception {
        CliRunner.Run run = CliRunner.run("token", "--name", "ci-pipeline", "--role", "write");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).isEmpty();
        Matcher m = TOKEN.matcher(run.stdout());
        assertThat(m.find()).as(run.stdout()).isTrue();
        String token = m.group(1);
        assertThat(run.stdout().split(Pattern.quote(token), -1)).as("the token is printed once").hasSize(2);
        assertThat(run.stdout()).contains("""
                auth:
                  tokens:
                    - name: ci-pipeline
                      role: write
                      sha256: %s
                """.formatted(EditedConfig.sha256Hex(token)));
    }

    @Test
    void thePrintedLinesAreAValidConfigurationThatDeclaresTheToken() throws Exception {
        CliRunner.Run run = CliRunner.run("token", "--name", "analysts@example.com", "--role", "read");
        assertThat(run.exitCode()).isZero();
        String yaml = run.stdout().substring(run.stdout().indexOf("auth:"));
        DriftwatchConfiguration c = new YamlConfigurationFactory<>(DriftwatchConfiguration.class,
                Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                .build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config.yml");
        Matcher m = TOKEN.matcher(run.stdout());
        assertThat(m.find()).isTrue();
        assertThat(c.getAuth().getTokens()).hasSize(1);
        assertThat(c.getAuth().getTokens().get(0).getName()).isEqualTo("analysts@example.com");
        assertThat(c.getAuth().getTokens().get(0).getRole().label()).isEqualTo("read");
        assertThat(c.getAuth().getTokens().get(0).getSha256()).isEqualTo(EditedConfig.sha256Hex(m.group(1)));
    }

    @Test
    void everyRunGivesANewToken() throws Exception {
        Matcher first = TOKEN.matcher(CliRunner.run("token", "--name", "a", "--role", "read").stdout());
        Matcher second = TOKEN.matcher(CliRunner.run("token", "--name", "a", "--role", "read").stdout());
        assertThat(first.find()).isTrue();
        assertThat(second.find()).isTrue();
        assertThat(first.group(1)).isNotEqualTo(second.group(1));
    }

    @Test
    void anUnknownRoleIsBadUsage() throws Exception {
        CliRunner.Run run = CliRunner.run("token", "--name", "ci", "--role", "admin");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("argument --role: invalid choice: 'admin'");
        assertThat(run.stdout()).doesNotContain("dw_");
    }

    @Test
    void aMissingRoleIsBadUsage() throws Exception {
        CliRunner.Run run = CliRunner.run("token", "--name", "ci");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("--role is required");
    }

    @Test
    void aNameTheConfigurationWouldRefuseIsBadUsageInOneLine() throws Exception {
        CliRunner.Run run = CliRunner.run("token", "--name", "two words", "--role", "read");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("driftwatch token: --name must be 1 to 64 letters, digits, '.', '_',"
                + " '@' or '-', starting with a letter or digit; got 'two words'");
        assertThat(run.stdout()).doesNotContain("dw_");
    }
}
