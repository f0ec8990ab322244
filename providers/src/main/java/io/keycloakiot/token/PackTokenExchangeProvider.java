package io.keycloakiot.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.keycloakiot.authz.TokenClaims;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.TokenExchangeContext;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.services.Urls;
import org.keycloak.util.TokenUtil;

/**
 * RFC 8693 token exchange at the realm's token endpoint: a device or ground token (subject_token_type
 * {@code urn:keycloak-iot:token-type:...}) becomes a short-lived JWT signed with the realm's keys, with the
 * same claims introspection gives, so resource servers can verify it offline against the realm's JWKS.
 */
public class PackTokenExchangeProvider implements TokenExchangeProvider {

    /** The client attribute that allows a client to exchange the pack's tokens. */
    public static final String CLIENT_ATTRIBUTE = "iot.token.exchange.enabled";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final Set<String> SEPARATE_CLAIMS = Set.of("sub", "iat", "exp", "jti", "scope");

    private final KeycloakSession session;
    private final int lifetimeSeconds;

    PackTokenExchangeProvider(KeycloakSession session, int lifetimeSeconds) {
        this.session = session;
        this.lifetimeSeconds = lifetimeSeconds;
    }

    @Override
    public boolean supports(TokenExchangeContext context) {
        return TokenKind.byTokenTypeUrn(context.getParams().getSubjectTokenType()) != null;
    }

    @Override
    public Response exchange(TokenExchangeContext context) {
        EventBuilder event = context.getEvent();
        ClientModel client = context.getClient();
        TokenExchangeContext.Params params = context.getParams();
        event.detail(Details.REQUESTED_TOKEN_TYPE, ACCESS_TOKEN_TYPE);
        if (!Boolean.parseBoolean(client.getAttribute(CLIENT_ATTRIBUTE))) {
            throw refuse(context, OAuthErrorException.UNAUTHORIZED_CLIENT, Errors.NOT_ALLOWED,
                    "client is not allowed to exchange keycloak-iot tokens");
        }
        if (params.getRequestedTokenType() != null && !ACCESS_TOKEN_TYPE.equals(params.getRequestedTokenType())) {
            throw refuse(context, OAuthErrorException.INVALID_REQUEST, Errors.INVALID_REQUEST,
                    "only requested_token_type " + ACCESS_TOKEN_TYPE + " is issued");
        }
        if (params.getActorToken() != null) {
            throw refuse(context, OAuthErrorException.INVALID_REQUEST, Errors.INVALID_REQUEST, "actor_token is not supported");
        }
        RealmModel realm = context.getRealm();
        TokenKind kind = TokenKind.byTokenTypeUrn(params.getSubjectTokenType());
        ActiveToken active = TokenValidator.validate(session, realm, params.getSubjectToken(), TokenPresenter.of(session, client, null));
        if (active == null || active.kind() != kind) {
            throw refuse(context, OAuthErrorException.INVALID_REQUEST, Errors.INVALID_TOKEN, "subject_token is not active");
        }
        List<String> audience = audience(context, realm, client);

        long now = Time.currentTime();
        long expires = now + lifetimeSeconds;
        if (active.credential().expiresAt() != null) {
            expires = Math.min(expires, active.credential().expiresAt() / 1000);
        }
        Map<String, Object> claims = TokenClaims.of(session, realm, active);
        AccessToken jwt = new AccessToken();
        jwt.id(KeycloakModelUtils.generateId());
        jwt.type(TokenUtil.TOKEN_TYPE_BEARER);
        jwt.issuer(Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        jwt.subject(active.subject());
        jwt.issuedFor(client.getClientId());
        jwt.audience(audience.toArray(String[]::new));
        jwt.iat(now);
        jwt.exp(expires);
        jwt.setScope((String) claims.get("scope"));
        claims.forEach((name, value) -> {
            if (!SEPARATE_CLAIMS.contains(name)) {
                jwt.getOtherClaims().put(name, value);
            }
        });

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", session.tokens().encode(jwt));
        response.put("issued_token_type", ACCESS_TOKEN_TYPE);
        response.put("token_type", TokenUtil.TOKEN_TYPE_BEARER);
        response.put("expires_in", expires - now);
        response.put("scope", jwt.getScope());
        event.detail("token_kind", kind.name()).detail("token_id", active.credential().id()).success();
        return context.getCors().add(Response.ok(response, MediaType.APPLICATION_JSON_TYPE));
    }

    /** The requested audiences must be clients of the realm; none requested = the requesting client. */
    private List<String> audience(TokenExchangeContext context, RealmModel realm, ClientModel client) {
        List<String> requested = context.getParams().getAudience();
        if (requested == null || requested.isEmpty()) {
            return List.of(client.getClientId());
        }
        List<String> audience = new ArrayList<>();
        for (String clientId : requested) {
            if (realm.getClientByClientId(clientId) == null) {
                throw refuse(context, "invalid_target", Errors.INVALID_REQUEST, "audience '" + clientId + "' is not a client of this realm");
            }
            audience.add(clientId);
        }
        return audience;
    }

    private static CorsErrorResponseException refuse(TokenExchangeContext context, String error, String eventError, String description) {
        context.getEvent().detail(Details.REASON, description).error(eventError);
        return new CorsErrorResponseException(context.getCors(), error, description, Response.Status.BAD_REQUEST);
    }

    @Override
    public void close() {
    }
}
