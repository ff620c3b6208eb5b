package io.driftwatch.api.auth;

import io.dropwizard.core.setup.Environment;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Every JAX-RS resource method a running service has registered, found by reflection over the
 * resources in its Jersey configuration, so endpoints added later are covered without editing the
 * tests.
 */
final class Endpoints {

    /**
     * One resource method.
     *
     * @param verb the HTTP method
     * @param path the path template, e.g. {@code /api/v1/monitors/{id}/checks}
     * @param consumes the first media type it consumes, or null
     * @param html whether it produces {@code text/html}
     */
    record Endpoint(String verb, String path, String consumes, boolean html, Class<?> type, Method method) {

        /** Whether the method changes state: everything but GET, HEAD and OPTIONS. */
        boolean writes() {
            return !verb.equals(HttpMethod.GET) && !verb.equals(HttpMethod.HEAD) && !verb.equals(HttpMethod.OPTIONS);
        }

        boolean declaresAccess() {
            return annotated(method) || annotated(type);
        }

        boolean permitsAll() {
            return method.isAnnotationPresent(PermitAll.class)
                    || !annotated(method) && type.isAnnotationPresent(PermitAll.class);
        }

        /** The path with every template parameter replaced by {@code value}. */
        String path(String value) {
            return path.replaceAll("\\{[^}]+}", value);
        }

        @Override
        public String toString() {
            return verb + " " + path + (consumes == null ? "" : " (" + consumes + ")") + " -> "
                    + type.getSimpleName() + "." + method.getName();
        }

        private static boolean annotated(java.lang.reflect.AnnotatedElement e) {
            return e.isAnnotationPresent(RolesAllowed.class) || e.isAnnotationPresent(PermitAll.class)
                    || e.isAnnotationPresent(DenyAll.class);
        }
    }

    private Endpoints() {
    }

    static List<Endpoint> of(Environment environment) {
        ResourceConfig config = environment.jersey().getResourceConfig();
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Object instance : config.getInstances()) {
            types.add(instance.getClass());
        }
        types.addAll(config.getClasses());
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> type : types) {
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
                Consumes consumes = m.isAnnotationPresent(Consumes.class) ? m.getAnnotation(Consumes.class)
                        : type.getAnnotation(Consumes.class);
                Produces produces = m.isAnnotationPresent(Produces.class) ? m.getAnnotation(Produces.class)
                        : type.getAnnotation(Produces.class);
                boolean html = produces != null && String.join(",", produces.value()).contains("text/html");
                endpoints.add(new Endpoint(verb, path, consumes == null ? null : consumes.value()[0], html, type, m));
            }
        }
        return endpoints;
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
