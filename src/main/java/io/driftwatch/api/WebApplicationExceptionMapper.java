package io.driftwatch.api;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;

/**
 * JAX-RS's own errors (unknown path, wrong method, unsupported content type) in the API's error
 * shape, keeping their status and headers.
 *
 * <p>Thread-safe: stateless.
 */
final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        String message = e instanceof NotSupportedException
                ? "this Content-Type is not accepted here: datasets and check bodies are text/csv, "
                        + "application/vnd.apache.arrow.file or application/vnd.apache.arrow.stream (gzip allowed); "
                        + "monitors are application/json or application/yaml"
                : e.getMessage();
        Response.ResponseBuilder answer = Response.fromResponse(original).entity(ApiError.of(code(original),
                message, e instanceof NotSupportedException ? "Content-Type" : null));
        return answer.type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static String code(Response r) {
        Response.StatusType s = r.getStatusInfo();
        String phrase = s.getReasonPhrase() == null ? "http " + s.getStatusCode() : s.getReasonPhrase();
        return phrase.toLowerCase(Locale.ROOT).replace(' ', '_').replace("-", "_");
    }
}
