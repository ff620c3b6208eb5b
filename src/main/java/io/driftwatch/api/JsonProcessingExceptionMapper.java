package io.driftwatch.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A request body that is not the JSON expected: 400 with the line and column.
 *
 * <p>Thread-safe: stateless.
 */
final class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return DriftwatchExceptionMapper.answer(400, ApiError.of("invalid_json",
                "the body is not valid JSON" + where + ": " + e.getOriginalMessage(), "body"));
    }
}
