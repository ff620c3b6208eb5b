package io.driftwatch.api;

import io.driftwatch.monitor.InvalidRequestException;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;

/**
 * The monitor-definition size limit ({@code api.maxMonitorDefinitionSize}): a definition announced
 * past it by {@code Content-Length} is refused before a byte is read, and one sent without a length
 * (chunked, or decompressed by the server) is counted while it streams in and refused as soon as it
 * passes the limit, so a definition is never read whole before its size is known.
 *
 * <p>Thread-safe: immutable.
 */
public record DefinitionLimit(long maxBytes) {
    /** The key of the limit in the configuration, named by the refusal. */
    static final String KEY = "api.maxMonitorDefinitionSize";

    /**
     * The definition in {@code body} as text, decoded with the {@code charset} of {@code type} (UTF-8
     * when none is given).
     *
     * @throws DefinitionTooLargeException when it is longer than the limit
     */
    String read(Long contentLength, MediaType type, InputStream body) {
        if (contentLength != null && contentLength > maxBytes) {
            throw new DefinitionTooLargeException(maxBytes, KEY);
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 16));
        } catch (IOException e) {
            throw new InvalidRequestException("body", "the monitor definition could not be received: "
                    + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            throw new DefinitionTooLargeException(maxBytes, KEY);
        }
        return new String(bytes, charset(type));
    }

    private static Charset charset(MediaType type) {
        String name = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        try {
            return name != null && Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.UTF_8;
        } catch (IllegalCharsetNameException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
