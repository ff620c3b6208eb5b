package io.driftwatch.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.EditedConfig;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code auth:} section is read and validated as Dropwizard reads config.yml: a token is
 * declared by name, a known role and a 64-hex-digit SHA-256; mistakes are reported by path and never
 * repeat what was written in place of the hash.
 */
class AuthFactoryTest {
    static final String TOKEN = Tokens.newToken();

    @Test
    void readsTokensWithTheirRoles() throws Exception {
        DriftwatchConfiguration c = parse("""
                auth:
                  tokens:
                    - name: ci-pipeline
                      role: write
                      sha256: %s
                    - name: analysts@example.com
                      role: read
                      sha256: %s
                """.formatted(EditedConfig.sha256Hex(TOKEN), EditedConfig.sha256Hex("other").toUpperCase()));
        List<AuthFactory.TokenFactory> tokens = c.getAuth().getTokens();
        assertThat(tokens).extracting(AuthFactory.TokenFactory::getName).containsExactly("ci-pipeline",
                "analysts@example.com");
        assertThat(tokens).extracting(AuthFactory.TokenFactory::getRole).containsExactly(Role.WRITE, Role.READ);
    }

    @Test
    void theShippedDefaultHasNoTokens() throws Exception {
        assertThat(parse("reportsDirectory: reports\n").getAuth().getTokens()).isEmpty();
    }

    @Test
    void aTokenPastedInPlaceOfItsHashIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> parse("""
                auth:
                  tokens:
                    - name: ci-pipeline
                      role: write
                      sha256: %s
                """.formatted(TOKEN))).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("auth.tokens[0].sha256 must be the 64 hex digits of the token's SHA-256")
                .hasMessageNotContaining(TOKEN).hasMessageNotContaining(TOKEN.substring(3));
    }

    @Test
    void anUnknownRoleIsRefused() {
        assertThatThrownBy(() -> parse("""
                auth:
                  tokens:
                    - name: ci-pipeline
                      role: admin
                      sha256: %s
                """.formatted(EditedConfig.sha256Hex(TOKEN)))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("auth.tokens.[0].role")
                .hasMessageContaining("unknown role 'admin'; valid roles: read, write");
    }

    @Test
    void missingFieldsAndBadNamesAreRefused() {
        assertThatThrownBy(() -> parse("""
                auth:
                  tokens:
                    - name: "two words"
                """)).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("auth.tokens[0].name must be 1 to 64 letters")
                .hasMessageContaining("auth.tokens[0].role must not be null")
                .hasMessageContaining("auth.tokens[0].sha256 must not be null");
    }

    @Test
    void twoTokensMayNotShareANameOrAHash() {
        String sha = EditedConfig.sha256Hex(TOKEN);
        for (String second : List.of("{name: a, role: read, sha256: " + EditedConfig.sha256Hex("x") + "}",
                "{name: b, role: read, sha256: " + sha.toUpperCase() + "}")) {
            assertThatThrownBy(() -> parse("auth:\n  tokens:\n    - {name: a, role: write, sha256: " + sha + "}\n"
                    + "    - " + second + "\n")).isInstanceOf(ConfigurationValidationException.class)
                    .hasMessageContaining("must have a different name and a different sha256 for every token");
        }
    }

    private static DriftwatchConfiguration parse(String yaml) throws Exception {
        YamlConfigurationFactory<DriftwatchConfiguration> factory = new YamlConfigurationFactory<>(
                DriftwatchConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config.yml");
    }
}
