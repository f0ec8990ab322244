package io.keycloakiot.token;

import io.keycloakiot.model.TokenSnapshot;

import io.keycloakiot.model.TokenKind;
import io.keycloakiot.model.TokenModel;
import io.keycloakiot.model.TokenProvider;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.ApiScope;
import io.keycloakiot.authz.Caller;
import io.keycloakiot.common.Json;
import io.keycloakiot.common.Page;
import io.keycloakiot.authz.TokenPermissionRules;
import io.keycloakiot.permission.RealmSettings;
import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.PermissionList;
import io.keycloakiot.permission.PermissionRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;

/**
 * {@code .../devices/{id}/tokens}, {@code .../grounds/{id}/tokens} and the access-token profiles of a user
 * ({@code /realms/{realm}/iot/tokens}, {@code /admin/realms/{realm}/iot/users/{user}/tokens}): the tokens of one
 * subject, which the caller has already been shown to reach. Rotation = create a new token, then revoke the old
 * one. Permissions change without changing the token string and count from the next validation.
 */
@Tag(name = "Tokens")
public class TokenResource {

    public static final String AUDIT_TYPE = "IOT_TOKEN";

    private final Caller caller;
    private final TokenKind kind;
    private final String subjectId;
    private final String auditPath;
    private final TokenProvider tokens;

    public TokenResource(Caller caller, TokenKind kind, String subjectId, String auditPath) {
        this.caller = caller;
        this.kind = kind;
        this.subjectId = subjectId;
        this.auditPath = auditPath;
        this.tokens = caller.session().getProvider(TokenProvider.class);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the tokens", description = "Of the device, the ground or the user (access-token profiles).")
    @APIResponse(responseCode = "200", description = "A page of tokens, without their secrets",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = TokenRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public List<TokenRepresentation> list(@Parameter(ref = "first") @QueryParam("first") String first,
                                          @Parameter(ref = "max") @QueryParam("max") String max) {
        caller.requireRead(scope(ApiScope.TOKEN_READ));
        return tokens.getTokens(caller.realm(), kind, subjectId, Page.of(first, max)).stream().map(c -> shown(c, null)).toList();
    }

    /** The only answer that ever contains the token; it must not be cached anywhere. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a token", description = "`{name, expiresAt?, enabled?, permissions}`: `permissions` is required"
            + " for a profile, and absent or null gives a device or ground token every device-level action. The answer is"
            + " the only one that shows the token; it is never cached.")
    @APIResponse(responseCode = "201", description = "The new token, with its secret in `token`; its URL in `Location`",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenCreate.class))) String body) {
        caller.requireIssue(scope(ApiScope.TOKEN_CREATE));
        TokenCreate in = Json.read(body, TokenCreate.class);
        String name = in.name();
        Long expiresAt = in.expiresAt();
        Boolean enabled = in.enabled();
        List<Permission> permissions = permissions(in.permissions());
        if (kind == TokenKind.PROFILE) {
            checkLifetime(expiresAt);
        }
        Issued issued = issue(name, expiresAt, enabled == null || enabled, permissions);
        return Response.fromResponse(caller.created(issued.stored().getId(), issued.representation()))
                .cacheControl(noStore()).header("Pragma", "no-cache").build();
    }

    /** The self-service scope of an operation: a device's or ground's tokens have one scope, profiles one per action. */
    private ApiScope scope(ApiScope forProfiles) {
        return switch (kind) {
            case DEVICE -> ApiScope.DEVICE_TOKENS;
            case GROUND -> ApiScope.GROUND_TOKENS;
            case PROFILE -> forProfiles;
        };
    }

    /** A new token and the representation that shows it, once. */
    public record Issued(TokenModel stored, TokenRepresentation representation) {
    }

    /** Issues a token for the subject and records it in the audit trail (without the secret). */
    public Issued issue(String name, Long expiresAt, boolean enabled, List<Permission> permissions) {
        TokenFormat.Parsed token = TokenFormat.generate(kind);
        TokenModel stored = tokens.addToken(caller.realm(), kind, token.keyId(), TokenFormat.hash(token.token()), subjectId, name,
                caller.userId(), expiresAt, enabled, PermissionList.toJson(permissions));
        caller.audit(AUDIT_TYPE, OperationType.CREATE, TokenRepresentation.of(stored, null), auditPath, stored.getId());
        return new Issued(stored, shown(stored, token.token()));
    }

    /** A token as this caller may see it: the address it was last used from only for who may read people's data. */
    private TokenRepresentation shown(TokenModel stored, String token) {
        TokenRepresentation rep = TokenRepresentation.of(stored, token);
        return caller.readsPeople() ? rep : rep.withoutLastUsedIp();
    }

    /** For answers that carry a token: no cache may keep them. */
    public static CacheControl noStore() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoTransform(false);
        return noStore;
    }

    @GET
    @Path("{tokenId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a token")
    @APIResponse(responseCode = "200", description = "The token, without its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenRepresentation.class)))
    public TokenRepresentation get(@Parameter(description = "The token's id") @PathParam("tokenId") String tokenId) {
        caller.requireRead(scope(ApiScope.TOKEN_READ));
        return shown(require(tokenId), null);
    }

    /** Changes the fields given (name, enabled, permissions); the token string stays the same. */
    @PATCH
    @Path("{tokenId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change some of a token's fields", description = "`name`, `enabled`, `permissions`, each optional; the"
            + " token string stays the same and the change counts from its next validation.")
    @APIResponse(responseCode = "200", description = "The token as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public TokenRepresentation update(@Parameter(description = "The token's id") @PathParam("tokenId") String tokenId,
                                      @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenUpdate.class))) String body) {
        caller.requireWrite(scope(ApiScope.TOKEN_UPDATE));
        TokenModel stored = require(tokenId);
        TokenUpdate in = Json.read(body, TokenUpdate.class).changing();
        return updated(stored, in.name().value(), in.enabled().value(), in.permissions().present(), in.permissions().value());
    }

    /** Replaces name and permissions (and {@code enabled}, when given); the token string stays the same. */
    @PUT
    @Path("{tokenId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a token's name and permissions", description = "And `enabled`, when given; the token string"
            + " stays the same.")
    @APIResponse(responseCode = "200", description = "The token as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public TokenRepresentation replace(@Parameter(description = "The token's id") @PathParam("tokenId") String tokenId,
                                       @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenUpdate.class))) String body) {
        caller.requireWrite(scope(ApiScope.TOKEN_UPDATE));
        TokenModel stored = require(tokenId);
        TokenUpdate in = Json.read(body, TokenUpdate.class).replacing();
        return updated(stored, in.name().value(), in.enabled().value(), true, in.permissions().value());
    }

    private TokenRepresentation updated(TokenModel stored, String name, Boolean enabled,
                                        boolean permissionsGiven, List<PermissionRequest> requested) {
        List<Permission> permissions = permissionsGiven ? permissions(requested) : null;
        if (widens(stored, enabled, permissionsGiven, permissions)) {
            caller.requireIssue(scope(ApiScope.TOKEN_UPDATE));
        }
        TokenSnapshot before = TokenSnapshot.of(stored);
        if (name != null) {
            stored.setName(name);
        }
        if (enabled != null) {
            stored.setEnabled(enabled);
        }
        if (permissionsGiven) {
            stored.setPermissions(PermissionList.toJson(permissions));
        }
        tokens.tokenChanged(caller.realm(), stored, before);
        caller.audit(AUDIT_TYPE, OperationType.UPDATE, TokenRepresentation.of(stored, null), auditPath, stored.getId());
        return shown(stored, null);
    }

    /** Whether the change lets the token do more: enabling it, or permissions its current ones do not cover. */
    private static boolean widens(TokenModel stored, Boolean enabled, boolean permissionsGiven, List<Permission> permissions) {
        if (Boolean.TRUE.equals(enabled) && !stored.isEnabled()) {
            return true;
        }
        List<Permission> current = PermissionList.fromJson(stored.getPermissions());
        if (!permissionsGiven || current == null) {
            // Unchanged, or from the default of a device or ground token, the most such a token can hold.
            return false;
        }
        return permissions == null || !permissions.stream().allMatch(wanted -> current.stream().anyMatch(held ->
                held.type().equals(wanted.type()) && (held.isWildcard() || held.resource().equals(wanted.resource()))
                        && held.actions().containsAll(wanted.actions())));
    }

    /**
     * The request's permissions, checked for this token: required for a profile; for a device or ground token
     * absent or null = every device-level action (the default).
     */
    private List<Permission> permissions(List<PermissionRequest> requested) {
        if (requested == null) {
            if (kind == TokenKind.PROFILE) {
                throw ApiError.invalidField("permissions", "is required: a list of {\"type\", \"resource\", \"actions\"}");
            }
            return null;
        }
        List<Permission> permissions = PermissionList.read(requested, PermissionCatalogue.of(caller.realm()));
        if (kind == TokenKind.PROFILE && permissions.isEmpty()) {
            throw ApiError.invalidField("permissions", "must name at least one permission");
        }
        return TokenPermissionRules.check(caller, kind, subjectId, permissions);
    }

    /** The realm may require profile tokens to expire within a maximum lifetime. */
    private void checkLifetime(Long expiresAt) {
        Long max = RealmSettings.of(caller.realm()).profileTokenMaxLifetimeSeconds();
        if (max != null && (expiresAt == null || expiresAt > Time.currentTimeMillis() + max * 1000)) {
            throw ApiError.badRequest("this realm requires profile tokens to expire within " + max
                    + " seconds: give 'expiresAt' no later than that");
        }
    }

    @DELETE
    @Path("{tokenId}")
    @Operation(summary = "Revoke a token", description = "At once, on every node.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@Parameter(description = "The token's id") @PathParam("tokenId") String tokenId) {
        caller.requireWrite(scope(ApiScope.TOKEN_DELETE));
        tokens.revoke(caller.realm(), require(tokenId));
        caller.audit(AUDIT_TYPE, OperationType.DELETE, null, auditPath, tokenId);
        return Response.noContent().build();
    }

    /** The token with this key id issued for this subject, or a 404. */
    private TokenModel require(String keyId) {
        TokenModel token = TokenFormat.isKeyId(keyId) ? tokens.getToken(caller.realm(), keyId) : null;
        if (token == null || token.getKind() != kind || !token.getSubjectId().equals(subjectId)) {
            throw ApiError.notFound("token");
        }
        return token;
    }

    /** Revokes every token of the subject at once. */
    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke every token", description = "Of the device, the ground or the user.")
    @APIResponse(responseCode = "200", description = "How many were revoked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Revoked")))
    public Map<String, Integer> revokeAll() {
        caller.requireWrite(scope(ApiScope.TOKEN_DELETE));
        int revoked = tokens.revokeAll(caller.realm(), kind, subjectId);
        caller.audit(AUDIT_TYPE, OperationType.DELETE, Map.of("revoked", revoked), auditPath);
        return Map.of("revoked", revoked);
    }
}
