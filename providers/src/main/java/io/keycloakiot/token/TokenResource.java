package io.keycloakiot.token;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Caller;
import io.keycloakiot.common.JsonInput;
import io.keycloakiot.common.Page;
import io.keycloakiot.common.TextRules;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;

/**
 * {@code .../devices/{id}/tokens} and {@code .../grounds/{id}/tokens}: the tokens of one subject, which the
 * caller has already been shown to reach. Rotation = create a new token, then revoke the old one.
 */
public class TokenResource {

    public static final String AUDIT_TYPE = "IOT_TOKEN";
    /** The latest expiry accepted: the end of year 9999, so epoch-millisecond longs never overflow. */
    static final long MAX_EXPIRY = 253402300799999L;

    private static final Set<String> CREATE_FIELDS = Set.of("name", "expiresAt", "enabled");
    private static final Set<String> PATCH_FIELDS = Set.of("name", "enabled");

    private final Caller caller;
    private final TokenKind kind;
    private final String subjectId;
    private final String auditPath;
    private final CredentialStore store;

    public TokenResource(Caller caller, TokenKind kind, String subjectId, String auditPath) {
        this.caller = caller;
        this.kind = kind;
        this.subjectId = subjectId;
        this.auditPath = auditPath;
        this.store = new CredentialStore(caller.session(), caller.realm());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<TokenRepresentation> list(@QueryParam("first") String first, @QueryParam("max") String max) {
        caller.requireRead();
        return store.list(kind, subjectId, Page.of(first, max)).stream().map(c -> TokenRepresentation.of(c, null)).toList();
    }

    /** The only answer that ever contains the token; it must not be cached anywhere. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        caller.requireWrite();
        JsonInput in = JsonInput.parse(body, CREATE_FIELDS);
        String name = TextRules.name("name", in.requiredText("name"), TextRules.NAME_MAX);
        Long expiresAt = expiry(in.get("expiresAt"));
        Boolean enabled = in.optionalBoolean("enabled");

        Issued issued = issue(name, expiresAt, enabled == null || enabled);
        return Response.fromResponse(caller.created(issued.credential().getId(), issued.representation()))
                .cacheControl(noStore()).header("Pragma", "no-cache").build();
    }

    /** A new token and the representation that shows it, once. */
    public record Issued(IotCredentialEntity credential, TokenRepresentation representation) {
    }

    /** Issues a token for the subject and records it in the audit trail (without the secret). */
    public Issued issue(String name, Long expiresAt, boolean enabled) {
        TokenFormat.Parsed token = TokenFormat.generate(kind);
        IotCredentialEntity credential = new IotCredentialEntity();
        credential.setId(token.keyId());
        credential.setKind(kind);
        credential.setSubjectId(subjectId);
        credential.setName(name);
        credential.setSecretHash(TokenFormat.hash(token.token()));
        credential.setCreatedAt(Time.currentTimeMillis());
        credential.setCreatedBy(caller.userId());
        credential.setExpiresAt(expiresAt);
        credential.setEnabled(enabled);
        store.persist(credential);
        caller.audit(AUDIT_TYPE, OperationType.CREATE, TokenRepresentation.of(credential, null), auditPath, credential.getId());
        return new Issued(credential, TokenRepresentation.of(credential, token.token()));
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
    public TokenRepresentation get(@PathParam("tokenId") String tokenId) {
        caller.requireRead();
        return TokenRepresentation.of(store.require(kind, subjectId, tokenId), null);
    }

    /** Enables, disables or renames; the token string stays the same. */
    @PATCH
    @Path("{tokenId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public TokenRepresentation update(@PathParam("tokenId") String tokenId, String body) {
        caller.requireWrite();
        IotCredentialEntity credential = store.require(kind, subjectId, tokenId);
        JsonInput in = JsonInput.parse(body, PATCH_FIELDS);
        if (in.isNull("name") || in.isNull("enabled")) {
            throw ApiError.badRequest("'name' and 'enabled' cannot be null");
        }
        String name = in.optionalText("name");
        Boolean enabled = in.optionalBoolean("enabled");
        if (name != null) {
            credential.setName(TextRules.name("name", name, TextRules.NAME_MAX));
        }
        if (enabled != null) {
            credential.setEnabled(enabled);
        }
        store.changed(credential);
        TokenRepresentation rep = TokenRepresentation.of(credential, null);
        caller.audit(AUDIT_TYPE, OperationType.UPDATE, rep, auditPath, tokenId);
        return rep;
    }

    @DELETE
    @Path("{tokenId}")
    public Response revoke(@PathParam("tokenId") String tokenId) {
        caller.requireWrite();
        store.revoke(store.require(kind, subjectId, tokenId));
        caller.audit(AUDIT_TYPE, OperationType.DELETE, null, auditPath, tokenId);
        return Response.noContent().build();
    }

    /** Revokes every token of the subject at once. */
    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> revokeAll() {
        caller.requireWrite();
        int revoked = store.revokeAll(kind, subjectId);
        caller.audit(AUDIT_TYPE, OperationType.DELETE, Map.of("revoked", revoked), auditPath);
        return Map.of("revoked", revoked);
    }

    /** {@code expiresAt}: epoch milliseconds or an ISO-8601 instant, in the future; absent or null = never. */
    private static Long expiry(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        long millis;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            millis = node.longValue();
        } else if (node.isTextual()) {
            try {
                millis = Instant.parse(node.textValue()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw ApiError.badRequest("'expiresAt' must be epoch milliseconds or an ISO-8601 instant such as 2030-01-31T00:00:00Z");
            }
        } else {
            throw ApiError.badRequest("'expiresAt' must be epoch milliseconds or an ISO-8601 instant");
        }
        if (millis <= Time.currentTimeMillis() || millis > MAX_EXPIRY) {
            throw ApiError.badRequest("'expiresAt' must be in the future and before the year 10000");
        }
        return millis;
    }
}
