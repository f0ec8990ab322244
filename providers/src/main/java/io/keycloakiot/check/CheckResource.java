package io.keycloakiot.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Json;
import io.keycloakiot.common.Page;
import io.keycloakiot.permission.ResourceType;
import io.keycloakiot.authz.AccessDecision;
import io.keycloakiot.authz.AccessRules;
import io.keycloakiot.authz.AccessSubject;
import io.keycloakiot.authz.ActiveToken;
import io.keycloakiot.token.TokenFormat;
import io.keycloakiot.token.TokenPresenter;
import io.keycloakiot.token.TokenValidator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/iot/authz}: the authorization check for resource servers. A confidential client asks
 * whether a token (any kind: a user's or a client's Keycloak access token, a device, ground or profile token)
 * may take an action on a resource; the answer comes from {@link AccessRules}. A token that is not active is
 * an answer ({@code allowed: false, reason: token_inactive}), not an error.
 */
@Tag(name = "Check API")
public class CheckResource {

    static final int MAX_BATCH = 100;
    static final int MAX_TOKEN_LENGTH = 16_384;
    private static final AccessDecision INACTIVE = AccessDecision.deny("token_inactive");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EventBuilder event;
    private final ClientModel client;

    public CheckResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.event = new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.INTROSPECT_TOKEN);
        this.client = ResourceServerAuth.authenticate(session, realm, event);
    }

    /** {@code {"token", "resource": {"type", "id"}, "action"}} → {@code {"allowed", "reason"}}. */
    @POST
    @Path("check")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "May this token take this action on this resource?", description = "`{token, resource: {type, id},"
            + " action, device_address?}`. A token that is not active is an answer (`token_inactive`), not an error.")
    @APIResponse(responseCode = "200", description = "The decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccessDecision.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public AccessDecision check(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckRequests.Check.class))) String body) {
        CheckRequests.Check in = Json.read(body, CheckRequests.Check.class);
        AccessRules rules = AccessRules.of(session, realm);
        Query query = query(rules, in.resource(), in.action(), "");
        AccessSubject subject = subject(in.token(), in.reportedAddress());
        return subject == null ? INACTIVE : rules.check(subject, query.type(), query.id(), query.action());
    }

    /** {@code {"token", "checks": [{"resource", "action"}, ...]}} → {@code {"results": [{"allowed", "reason"}, ...]}}, in order. */
    @POST
    @Path("batch")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Several checks of one token", description = "`{token, checks: [{resource, action}, ...],"
            + " device_address?}`, 1 to 100 checks.")
    @APIResponse(responseCode = "200", description = "The decisions, in the order of the checks",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AccessDecisions")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Map<String, List<AccessDecision>> batch(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckRequests.Batch.class))) String body) {
        CheckRequests.Batch in = Json.read(body, CheckRequests.Batch.class);
        AccessRules rules = AccessRules.of(session, realm);
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < in.checks().size(); i++) {
            CheckRequests.Item item = in.checks().get(i);
            queries.add(query(rules, item.resource(), item.action(), "checks[" + i + "]."));
        }
        AccessSubject subject = subject(in.token(), in.reportedAddress());
        return Map.of("results", queries.stream()
                .map(query -> subject == null ? INACTIVE : rules.check(subject, query.type(), query.id(), query.action())).toList());
    }

    /**
     * {@code {"token", "type", "action", "first"?, "max"?}} → the ids of the type the token may take the action on,
     * a page at a time; {@code all: true} means every resource of the type (one the pack does not keep).
     */
    @POST
    @Path("list")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which resources of a type may this token take this action on?", description = "`{token, type, action,"
            + " first?, max?, device_address?}`, a page of ids at a time.")
    @APIResponse(responseCode = "200", description = "The resources",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AccessListing")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Map<String, Object> list(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckRequests.Listing.class))) String body) {
        CheckRequests.Listing in = Json.read(body, CheckRequests.Listing.class);
        AccessRules rules = AccessRules.of(session, realm);
        ResourceType type = type(rules, in.type(), "type");
        String action = action(type, in.action(), "action");
        Page page = Page.of(Objects.toString(in.first(), null), Objects.toString(in.max(), null));
        AccessSubject subject = subject(in.token(), in.reportedAddress());
        AccessRules.Listing listing = subject == null ? AccessRules.Listing.NONE : rules.list(subject, type, action, page);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("type", type.type());
        answer.put("action", action);
        answer.put("active", subject != null);
        answer.put("all", listing.all());
        answer.put("resources", listing.resources());
        answer.put("first", page.first());
        answer.put("max", page.max());
        return answer;
    }

    private record Query(ResourceType type, String id, String action) {
    }

    /** {@code at}: the path of the check in the body, before its fields. */
    private static Query query(AccessRules rules, CheckRequests.Resource resource, String action, String at) {
        ResourceType type = type(rules, resource.type(), at + "resource.type");
        return new Query(type, resource.id(), action(type, action, at + "action"));
    }

    private static ResourceType type(AccessRules rules, String name, String field) {
        ResourceType type = rules.catalogue().type(name);
        if (type == null) {
            throw ApiError.invalidField(field, "is not a resource type of this realm's catalogue");
        }
        return type;
    }

    private static String action(ResourceType type, String action, String field) {
        if (!type.hasAction(action)) {
            throw ApiError.invalidField(field, "is not an action of '" + type.type() + "'; allowed: "
                    + String.join(", ", type.actions()));
        }
        return action;
    }

    /**
     * Who the body's token speaks for, or null when it is not active (malformed, unknown, expired, revoked, disabled);
     * a pack token's use is noted as this client's, with the device's address only if the realm trusts it to report one.
     */
    private AccessSubject subject(String token, String reportedAddress) {
        if (TokenFormat.looksLikePackToken(token)) {
            ActiveToken active = TokenValidator.validate(session, realm, token, TokenPresenter.of(session, client, reportedAddress));
            if (active == null) {
                return null;
            }
            return AccessSubject.ofToken(session, realm, active);
        }
        AccessTokenVerifier.Verified verified = new AccessTokenVerifier(session, true).verify(token, event.clone());
        return verified == null ? null : AccessSubject.ofUser(session, realm, verified.user(), verified.grant());
    }
}
