package io.driftwatch.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.driftwatch.api.OpenApiResource;
import io.driftwatch.api.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document says what the annotations do: an operation open without a token
 * ({@code security: []}) exactly where the method is {@code @PermitAll}, a 401 answer on every other
 * operation, and a 403 answer on every operation that needs the write role.
 */
class OpenApiSecurityTest {

    @Test
    void theDocumentedSecurityMatchesTheAnnotations() throws Exception {
        JsonNode paths;
        try (InputStream in = OpenApiResource.class.getResourceAsStream("openapi.yaml")) {
            paths = new YAMLMapper().readTree(in).get("paths");
        }
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.driftwatch.api")) {
            Class<?> type = Class.forName(c.getName());
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : type.getMethods()) {
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = ("/" + root.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/")
                        .replaceAll("(.)/$", "$1");
                JsonNode op = paths.path(path).path(verb.toLowerCase(Locale.ROOT));
                if (op.isMissingNode()) {
                    continue; // OpenApiDocumentTest reports undocumented endpoints
                }
                checked++;
                String where = verb + " " + path;
                boolean open = m.isAnnotationPresent(PermitAll.class) || m.getAnnotation(RolesAllowed.class) == null
                        && type.isAnnotationPresent(PermitAll.class);
                RolesAllowed roles = m.isAnnotationPresent(RolesAllowed.class) ? m.getAnnotation(RolesAllowed.class)
                        : type.getAnnotation(RolesAllowed.class);
                boolean writeOnly = roles != null && !List.of(roles.value()).contains(Roles.READ);
                soft.assertThat(op.has("security") && op.get("security").isEmpty()).as("%s documented as open", where)
                        .isEqualTo(open);
                soft.assertThat(op.path("responses").has("401")).as("%s documents 401", where).isEqualTo(!open);
                if (writeOnly) {
                    soft.assertThat(op.path("responses").has("403")).as("%s documents 403", where).isTrue();
                }
            }
        }
        soft.assertThat(checked).as("operations checked").isGreaterThanOrEqualTo(13);
        soft.assertAll();
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}
