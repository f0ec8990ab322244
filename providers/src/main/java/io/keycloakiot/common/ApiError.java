package io.keycloakiot.common;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.services.ErrorResponseException;

/**
 * The pack's one error mapping: every refusal is an {@link ErrorResponseException}, which Keycloak renders
 * as {@code {"error": ..., "error_description": ...}} with the given status.
 */
public final class ApiError {

    private static final String INVALID_REQUEST = "invalid_request";

    private ApiError() {
    }

    public static ErrorResponseException badRequest(String description) {
        return new ErrorResponseException(INVALID_REQUEST, description, Response.Status.BAD_REQUEST);
    }

    /**
     * A 400 for one field of a request body, named by its path relative to the object it is in ({@code name},
     * {@code permissions[2].type}); thrown while {@link Json} binds the object, the object's own path goes before it.
     */
    public static InvalidField invalidField(String field, String problem) {
        return new InvalidField(field, problem);
    }

    /** The refusal of one field; on its own its description starts at the root, {@code $.field problem}. */
    public static final class InvalidField extends ErrorResponseException {

        private final String field;
        private final String problem;

        private InvalidField(String field, String problem) {
            super(INVALID_REQUEST, Json.describe("$", field, problem), Response.Status.BAD_REQUEST);
            this.field = field;
            this.problem = problem;
        }

        String field() {
            return field;
        }

        String problem() {
            return problem;
        }
    }

    public static ErrorResponseException unauthorized(String description) {
        return new ErrorResponseException("invalid_token", description, Response.Status.UNAUTHORIZED);
    }

    /**
     * RFC 6750 section 3.1: the token is valid but was not issued for this operation. The challenge names the
     * scope that would have been needed, so a client can ask its user for it.
     */
    public static ErrorResponseException insufficientScope(String description, String scope) {
        String challenge = "Bearer error=\"" + OAuthErrorException.INSUFFICIENT_SCOPE + "\", error_description=\""
                + description.replace("\"", "'") + "\"" + (scope == null ? "" : ", scope=\"" + scope + "\"");
        return new ErrorResponseException(Response.fromResponse(errorResponse(Response.Status.FORBIDDEN,
                OAuthErrorException.INSUFFICIENT_SCOPE, description)).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build());
    }

    public static ErrorResponseException forbidden(String description) {
        return new ErrorResponseException("forbidden", description, Response.Status.FORBIDDEN);
    }

    /** Also the answer for ids that exist but belong to someone else: no existence leak. */
    public static ErrorResponseException notFound(String what) {
        return new ErrorResponseException("not_found", what + " not found", Response.Status.NOT_FOUND);
    }

    public static ErrorResponseException conflict(String description) {
        return new ErrorResponseException("conflict", description, Response.Status.CONFLICT);
    }

    public static ErrorResponseException unsupportedMediaType(String description) {
        return new ErrorResponseException("unsupported_media_type", description, Response.Status.UNSUPPORTED_MEDIA_TYPE);
    }

    public static ErrorResponseException tooManyRequests(String description) {
        return new ErrorResponseException("too_many_requests", description, Response.Status.TOO_MANY_REQUESTS);
    }

    public static ErrorResponseException payloadTooLarge(String description) {
        return new ErrorResponseException("payload_too_large", description, Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    /**
     * The same error body as a returned response, for a refusal whose record must stay (a failed attempt's count and
     * audit event): a thrown error, and even {@link ErrorResponseException#getResponse()}, roll the transaction back.
     */
    public static Response committedRefusal(Response.Status status, String error, String description) {
        return errorResponse(status, error, description);
    }

    /** The pack's error body, {@code {"error", "error_description"}}, as a response of its own. */
    private static Response errorResponse(Response.Status status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuth2ErrorRepresentation(error, description)).build();
    }
}
