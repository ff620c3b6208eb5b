package io.driftwatch.api;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;
import org.glassfish.jersey.server.ParamException;

/**
 * JAX-RS's own errors (unknown path, wrong method, unsupported content type) in the API's error
 * shape, keeping their status and headers; a parameter that does not convert ({@code limit=ten}) is
 * a 400 naming the parameter, not JAX-RS's 404.
 *
 * <p>Thread-safe: stateless.
 */
final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        if (e instanceof ParamException p) {
            // JAX-RS answers 404 when a query or path parameter does not convert (limit=ten): the
            // resource exists, the request is wrong.
            String cause = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
            return DriftwatchExceptionMapper.answer(400, ApiError.of("invalid_request",
                    p.getParameterName() + ": is not a valid value for this parameter" + cause, p.getParameterName()));
        }
        Response original = e.getResponse();
        String message = e instanceof NotSupportedException
                ? "this Content-Type is not accepted here: datasets and check bodies are text/csv, "
                        + "application/vnd.apache.arrow.file, application/vnd.apache.arrow.stream or "
                        + "application/vnd.apache.parquet, or a sketch profile as "
                        + "application/vnd.driftwatch.sketch-profile (gzip allowed); "
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
