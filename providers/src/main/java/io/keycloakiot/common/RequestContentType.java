package io.keycloakiot.common;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;

/**
 * The pack reads request bodies as JSON, and the bulk import CSV too; any other declared content type is refused
 * at the API's root. It must be: Keycloak's Quarkus layer parses a form-encoded body of every POST, PUT and PATCH
 * before the method runs (its {@code KeycloakHandlerChainCustomizer}), so a bad {@code %} escape there was a 500,
 * and JAX-RS's own 415 for a {@code @Consumes} mismatch is rendered by Keycloak without an {@code error_description}.
 */
public final class RequestContentType {

    private static final MediaType CSV = new MediaType("text", "csv");

    private RequestContentType() {
    }

    /**
     * 415 unless the request declares JSON or CSV, or has neither a content type nor a body; called before any
     * resource method is chosen.
     */
    public static void require(KeycloakSession session) {
        // PostgreSQL refuses a NUL in any text parameter ("invalid byte sequence"): a path id holding one names
        // nothing, and is answered before it can reach a query (found by the fuzz harness on PostgreSQL).
        if (session.getContext().getUri().getPath().indexOf('\0') >= 0) {
            throw ApiError.notFound("resource");
        }
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        boolean body = headers.getHeaderString("Transfer-Encoding") != null || length != null && !length.strip().equals("0");
        check(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
    }

    static void check(String declared, boolean body) {
        if (declared == null) {
            // A body of no declared type is one the pack would have to guess at (RFC 9110 8.3): refused too.
            if (body) {
                throw unsupported();
            }
            return;
        }
        MediaType type;
        try {
            type = MediaType.valueOf(declared);
        } catch (RuntimeException unparsable) {
            // Header parsers differ in what they throw for garbage; any of it is a type the pack does not read.
            throw unsupported();
        }
        if (!type.isWildcardType() && !type.isWildcardSubtype()
                && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isCompatible(CSV))) {
            return;
        }
        throw unsupported();
    }

    private static RuntimeException unsupported() {
        return ApiError.unsupportedMediaType("request bodies must be application/json (the bulk import also takes text/csv)");
    }
}
