package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedClassResolver;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jackson.Jackson;
import jakarta.validation.Validation;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code config.yml} is where an operator learns the settings (the README says it
 * documents every one): each property of the configuration, found the way Jackson reads the file
 * (nested settings, every {@code type:} of channel and trigger), must appear in it as a key, set or
 * in a comment. Dropwizard's own sections ({@code server}, {@code logging}, {@code metrics},
 * {@code health}, {@code admin}) and the inside of a data source (Dropwizard's
 * {@code DataSourceFactory}) are Dropwizard's to document.
 */
class ConfigYmlTest {
    private static final Set<String> DROPWIZARD_SECTIONS = Set.of("server", "logging", "metrics", "health", "admin");
    private static final ObjectMapper MAPPER = Jackson.newObjectMapper();

    @Test
    void mentionsEverySettingOfTheConfiguration() throws IOException {
        String config = Files.readString(Path.of("config.yml"));
        List<String> missing = new ArrayList<>();

        walk(MAPPER.constructType(DriftwatchConfiguration.class), "", config, missing);

        assertThat(missing).as("settings that config.yml does not mention (add them, commented, with their default)")
                .isEmpty();
    }

    @Test
    void theShippedConfigYmlIsAValidConfiguration() throws Exception {
        DriftwatchConfiguration parsed = new YamlConfigurationFactory<>(DriftwatchConfiguration.class,
                Validation.buildDefaultValidatorFactory().getValidator(), MAPPER, "dw")
                .build(path -> Files.newInputStream(Path.of(path)), "config.yml");

        assertThat(parsed.getChannels()).isEmpty();
        assertThat(parsed.getTriggers()).isEmpty();
        assertThat(parsed.getPublicUrl()).hasToString("http://127.0.0.1:8080/");
    }

    @Test
    void findsAPropertyThatIsNotMentioned() {
        List<String> missing = new ArrayList<>();

        walk(MAPPER.constructType(DriftwatchConfiguration.class), "", "reportsDirectory: reports\n", missing);

        assertThat(missing).contains("dataDirectory", "checks.queueSize", "outbox.giveUpAfter",
                "channels[type: slack]", "channels[type: pagerduty].routingKey", "triggers[type: mlflow].modelAlias")
                .doesNotContain("reportsDirectory", "server", "logging");
    }

    /** Adds to {@code missing} the properties of {@code type} (and below) that {@code config} never names. */
    private static void walk(JavaType type, String path, String config, List<String> missing) {
        if (type.isContainerType()) {
            walk(type.getContentType(), path + (type.isMapLikeType() ? ".*" : "[]"), config, missing);
            return;
        }
        Class<?> raw = type.getRawClass();
        if (!raw.getName().startsWith("io.driftwatch.") || raw.isEnum()) {
            return; // a value: text, number, duration, size, path, URL
        }
        DeserializationConfig deserialization = MAPPER.getDeserializationConfig();
        if (Modifier.isAbstract(raw.getModifiers())) {
            AnnotatedClass base = AnnotatedClassResolver.resolveWithoutSuperTypes(deserialization, raw);
            Collection<NamedType> subtypes = MAPPER.getSubtypeResolver()
                    .collectAndResolveSubtypesByClass(deserialization, base);
            String list = path.endsWith("[]") ? path.substring(0, path.length() - 2) : path;
            for (NamedType subtype : subtypes) {
                if (subtype.getName() == null || Modifier.isAbstract(subtype.getType().getModifiers())) {
                    continue;
                }
                String typed = list + "[type: " + subtype.getName() + "]";
                if (!mentions(config, "type", subtype.getName())) {
                    missing.add(typed);
                }
                walk(MAPPER.constructType(subtype.getType()), typed + ".", config, missing);
            }
            return;
        }
        BeanDescription bean = deserialization.introspect(type);
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (!property.hasSetter() && !property.hasField() && !property.hasConstructorParameter()) {
                continue; // read-only: not a setting
            }
            String name = property.getName();
            if (path.isEmpty() && DROPWIZARD_SECTIONS.contains(name)) {
                continue;
            }
            String prefix = path.isEmpty() || path.endsWith(".") ? path : path + ".";
            if (!mentions(config, name, null)) {
                missing.add(prefix + name);
            }
            JavaType propertyType = property.getPrimaryType();
            if (!DataSourceFactory.class.isAssignableFrom(contentOf(propertyType).getRawClass())) {
                walk(propertyType, prefix + name, config, missing);
            }
        }
    }

    private static JavaType contentOf(JavaType type) {
        return type.isContainerType() ? contentOf(type.getContentType()) : type;
    }

    /** Whether {@code config} has {@code key:} (with {@code value} after it, if given), in a comment or not. */
    private static boolean mentions(String config, String key, String value) {
        String regex = "(?<![A-Za-z0-9_])" + Pattern.quote(key) + "\\s*:"
                + (value == null ? "" : "\\s*" + Pattern.quote(value) + "(?![A-Za-z0-9_])");
        return Pattern.compile(regex).matcher(config).find();
    }
}
