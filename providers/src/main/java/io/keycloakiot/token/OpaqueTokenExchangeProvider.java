package io.keycloakiot.token;

import io.keycloakiot.authz.ActiveToken;

import io.keycloakiot.model.TokenKind;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.keycloakiot.authz.TokenClaims;
import org.keycloak.OAuthErrorException;
import org.keycloak.TokenCategory;
import org.keycloak.common.util.Time;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.crypto.SignatureSignerContext;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.jose.jws.JWSBuilder;
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
 * RFC 8693 token exchange at the realm's token endpoint: a device, ground or profile token (subject_token_type
 * {@code urn:keycloak-iot:token-type:...}) becomes a short-lived RFC 9068 access token ({@code typ: at+jwt}) signed
 * with the realm's keys, with the claims introspection gives, so resource servers can verify it offline against the
 * realm's JWKS. Its audience is the requesting client or one it was allowed ({@value #AUDIENCES_ATTRIBUTE}); a public
 * client exchanges only where the realm allows it ({@value #PUBLIC_CLIENTS_ATTRIBUTE}). No {@code scope}: the
 * permissions are {@code authorization_details}, so a device's JWT cannot pass for a user's consent scopes.
 */
public class OpaqueTokenExchangeProvider implements TokenExchangeProvider {

    /** The client attribute that allows a client to exchange the pack's tokens. */
    public static final String CLIENT_ATTRIBUTE = "iot.token.exchange.enabled";
    /** The client attribute listing (space or comma separated) the client ids it may ask as {@code audience}, besides itself. */
    public static final String AUDIENCES_ATTRIBUTE = "iot.token.exchange.audiences";
    /** The realm attribute ({@code true}) that lets public clients with {@value #CLIENT_ATTRIBUTE} exchange. */
    public static final String PUBLIC_CLIENTS_ATTRIBUTE = "iot.token.exchange.public-clients";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final Set<String> SEPARATE_CLAIMS = Set.of("sub", "iat", "exp", "jti");

    private final KeycloakSession session;
    private final int lifetimeSeconds;

    OpaqueTokenExchangeProvider(KeycloakSession session, int lifetimeSeconds) {
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
        RealmModel realm = context.getRealm();
        if (!Boolean.parseBoolean(client.getAttribute(CLIENT_ATTRIBUTE))) {
            throw refuse(context, OAuthErrorException.UNAUTHORIZED_CLIENT, Errors.NOT_ALLOWED,
                    "client is not allowed to exchange keycloak-iot tokens");
        }
        if (client.isPublicClient() && !Boolean.parseBoolean(realm.getAttribute(PUBLIC_CLIENTS_ATTRIBUTE))) {
            throw refuse(context, OAuthErrorException.UNAUTHORIZED_CLIENT, Errors.NOT_ALLOWED,
                    "this realm does not let public clients exchange keycloak-iot tokens");
        }
        if (params.getScope() != null && !params.getScope().isBlank()) {
            throw refuse(context, OAuthErrorException.INVALID_SCOPE, Errors.INVALID_REQUEST,
                    "the issued token has no scope; its permissions are in authorization_details");
        }
        if (params.getResource() != null && !params.getResource().isEmpty()) {
            throw refuse(context, "invalid_target", Errors.INVALID_REQUEST, "resource is not supported; ask an audience");
        }
        if (params.getRequestedTokenType() != null && !ACCESS_TOKEN_TYPE.equals(params.getRequestedTokenType())) {
            throw refuse(context, OAuthErrorException.INVALID_REQUEST, Errors.INVALID_REQUEST,
                    "only requested_token_type " + ACCESS_TOKEN_TYPE + " is issued");
        }
        if (params.getActorToken() != null) {
            throw refuse(context, OAuthErrorException.INVALID_REQUEST, Errors.INVALID_REQUEST, "actor_token is not supported");
        }
        TokenKind kind = TokenKind.byTokenTypeUrn(params.getSubjectTokenType());
        ActiveToken active = TokenValidator.validate(session, realm, params.getSubjectToken(), TokenPresenter.of(session, client, null));
        if (active == null || active.kind() != kind) {
            throw refuse(context, OAuthErrorException.INVALID_REQUEST, Errors.INVALID_TOKEN, "subject_token is not active");
        }
        List<String> audience = audience(context, realm, client);

        long now = Time.currentTime();
        long expires = now + lifetimeSeconds;
        if (active.token().expiresAt() != null) {
            expires = Math.min(expires, active.token().expiresAt() / 1000);
        }
        Map<String, Object> claims = TokenClaims.of(session, realm, active);
        AccessToken jwt = new AccessToken();
        jwt.id(KeycloakModelUtils.generateId());
        jwt.type(TokenUtil.TOKEN_TYPE_BEARER);
        jwt.issuer(Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        jwt.subject(active.subject());
        jwt.issuedFor(client.getClientId());
        jwt.getOtherClaims().put("client_id", client.getClientId());
        jwt.audience(audience.toArray(String[]::new));
        jwt.iat(now);
        jwt.exp(expires);
        claims.forEach((name, value) -> {
            if (!SEPARATE_CLAIMS.contains(name)) {
                jwt.getOtherClaims().put(name, value);
            }
        });

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", encode(jwt));
        response.put("issued_token_type", ACCESS_TOKEN_TYPE);
        response.put("token_type", TokenUtil.TOKEN_TYPE_BEARER);
        response.put("expires_in", expires - now);
        event.detail("token_kind", kind.name()).detail("token_id", active.token().id()).success();
        return context.getCors().add(Response.ok(response, MediaType.APPLICATION_JSON_TYPE));
    }

    /**
     * Signed as Keycloak's own token manager signs an access token (the algorithm the realm and client chose, the
     * realm's active key), with the header type its RFC 9068 setting gives: here always, whatever the requesting
     * client's {@code access.token.header.type.rfc9068}, since these JWTs are only ever access tokens.
     */
    private String encode(AccessToken jwt) {
        String algorithm = session.tokens().signatureAlgorithm(TokenCategory.ACCESS);
        SignatureSignerContext signer = session.getProvider(SignatureProvider.class, algorithm).signer();
        return new JWSBuilder().type(TokenUtil.TOKEN_TYPE_JWT_ACCESS_TOKEN).jsonContent(jwt).sign(signer);
    }

    /**
     * None requested: the requesting client. Otherwise each must be the requesting client or listed in its
     * {@value #AUDIENCES_ATTRIBUTE}, and a client of the realm; anything else is {@code invalid_target}.
     */
    private List<String> audience(TokenExchangeContext context, RealmModel realm, ClientModel client) {
        List<String> requested = context.getParams().getAudience();
        if (requested == null || requested.isEmpty()) {
            return List.of(client.getClientId());
        }
        Set<String> allowed = new HashSet<>(List.of(client.getClientId()));
        String listed = client.getAttribute(AUDIENCES_ATTRIBUTE);
        if (listed != null) {
            allowed.addAll(List.of(listed.trim().split("[\\s,]+")));
        }
        for (String clientId : requested) {
            if (!allowed.contains(clientId) || realm.getClientByClientId(clientId) == null) {
                throw refuse(context, "invalid_target", Errors.INVALID_REQUEST,
                        "audience '" + clientId + "' is not one this client may ask for");
            }
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    private static CorsErrorResponseException refuse(TokenExchangeContext context, String error, String eventError, String description) {
        context.getEvent().detail(Details.REASON, description).error(eventError);
        return new CorsErrorResponseException(context.getCors(), error, description, Response.Status.BAD_REQUEST);
    }

    @Override
    public void close() {
    }
}
