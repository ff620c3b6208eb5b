package io.driftwatch.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /api/v1/openapi.yaml}: the OpenAPI 3.1 document of the API (hand-written; a test checks
 * that it lists exactly the resources' paths and methods). Public: it describes the API, it holds
 * no data.
 *
 * <p>Thread-safe: immutable.
 */
@Path("/api/v1/openapi.yaml")
public final class OpenApiResource {
    static final String DOCUMENT = "openapi.yaml";

    private final String document;

    public OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the jar");
            }
            this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT, e);
        }
    }

    @GET
    @PermitAll
    @Produces("application/yaml")
    public String document() {
        return document;
    }
}
