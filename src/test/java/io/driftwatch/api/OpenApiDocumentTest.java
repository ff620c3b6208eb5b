package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The hand-written OpenAPI document lists exactly the API's endpoints: every {@code /api/v1}
 * resource method found in the {@code api} package (so a new endpoint fails this test until it is
 * documented), and nothing that does not exist.
 */
class OpenApiDocumentTest {
    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(GET.class, "get", POST.class, "post",
            PUT.class, "put", DELETE.class, "delete");

    @Test
    void documentsEveryApiEndpointAndNothingElse() throws Exception {
        assertThat(documented()).isEqualTo(implemented());
    }

    @Test
    void everyOperationHasAnIdAndAnswers() throws Exception {
        JsonNode paths = document().get("paths");
        Set<String> operationIds = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey() + " " + path.getKey();
                assertThat(op.getValue().path("operationId").asText()).as(where).isNotEmpty();
                assertThat(operationIds.add(op.getValue().get("operationId").asText())).as("unique id of " + where)
                        .isTrue();
                assertThat(op.getValue().path("responses").size()).as(where).isPositive();
            }
        }
    }

    @Test
    void everyReferenceResolves() throws Exception {
        JsonNode doc = document();
        Set<String> refs = new TreeSet<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    /**
     * The history's items are records serialised field by field, so their schemas must name exactly
     * the records' fields: a field added to a record (say {@code dataQuality}) fails this until it is
     * documented.
     */
    @Test
    void historySchemasNameExactlyTheFieldsTheApiWrites() throws Exception {
        JsonNode schemas = document().at("/components/schemas");
        Map<String, Class<? extends Record>> written = Map.of("CheckPage", CheckPage.class, "CheckSummary",
                CheckSummary.class, "DatasetDrift", CheckSummary.DatasetDrift.class, "CheckDataQuality",
                CheckSummary.DataQuality.class, "Links", Links.class);
        for (Map.Entry<String, Class<? extends Record>> e : written.entrySet()) {
            Set<String> fields = new TreeSet<>();
            for (RecordComponent c : e.getValue().getRecordComponents()) {
                fields.add(c.getName());
            }
            Set<String> documented = new TreeSet<>();
            schemas.at("/" + e.getKey() + "/properties").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as(e.getKey()).isEqualTo(fields);
        }
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private static JsonNode document() throws Exception {
        return new YAMLMapper().readTree(OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT));
    }

    private static Set<String> documented() throws Exception {
        Set<String> endpoints = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document().get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(verb -> endpoints.add(verb + " " + path.getKey()));
        }
        return endpoints;
    }

    private static Set<String> implemented() throws ClassNotFoundException {
        Set<String> endpoints = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.driftwatch.api")) {
            Class<?> type = Class.forName(c.getName());
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : type.getMethods()) {
                for (Map.Entry<Class<? extends Annotation>, String> verb : VERBS.entrySet()) {
                    if (m.isAnnotationPresent(verb.getKey())) {
                        Path sub = m.getAnnotation(Path.class);
                        String path = join(root.value(), sub == null ? "" : sub.value());
                        if (path.startsWith("/api/")) {
                            endpoints.add(verb.getValue() + " " + path);
                        }
                    }
                }
            }
        }
        return endpoints;
    }

    private static String join(String root, String sub) {
        String path = "/" + (root + "/" + sub).replaceAll("/+", "/").replaceAll("^/|/$", "");
        return path;
    }
}
