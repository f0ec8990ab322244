package io.keycloakiot.token;

import io.keycloakiot.authz.ActiveToken;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.keycloakiot.authz.TokenClaims;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.services.Urls;
import org.keycloak.util.JsonSerialization;

/**
 * RFC 7662 introspection at the realm's standard endpoint for the pack's tokens; every other token goes to
 * Keycloak's own access-token introspection unchanged. Inactive answers are always {@code {"active": false}}.
 * It is Keycloak's access-token introspection provider by inheritance, because Keycloak's account REST API
 * casts the {@code access_token} introspection provider to that class to complete a token's claims.
 */
public class OpaqueTokenIntrospectionProvider extends AccessTokenIntrospectionProvider<AccessToken> {

    OpaqueTokenIntrospectionProvider(KeycloakSession session) {
        super(session);
    }

    @Override
    public Response introspect(String token, EventBuilder event) {
        if (!TokenFormat.looksLikePackToken(token)) {
            return super.introspect(token, event);
        }
        // RFC 7662 lets the server take further parameters: a trusted resource server may report the device's address.
        String reported = session.getContext().getHttpRequest().getDecodedFormParameters().getFirst(TokenPresenter.REPORTED_ADDRESS);
        ActiveToken active = TokenValidator.validate(session, realm, token,
                TokenPresenter.of(session, session.getContext().getClient(), reported));
        Map<String, Object> answer = new LinkedHashMap<>();
        if (active == null) {
            event.detail(Details.REASON, "inactive keycloak-iot token");
            event.error(Errors.INVALID_TOKEN);
            answer.put("active", false);
        } else {
            answer.put("active", true);
            answer.put("token_type", active.kind().introspectionHint());
            answer.put("iss", Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
            answer.putAll(TokenClaims.of(session, realm, active));
            event.detail("token_kind", active.kind().name()).detail("token_id", active.token().id());
            event.success();
        }
        try {
            return Response.ok(JsonSerialization.writeValueAsBytes(answer)).type(MediaType.APPLICATION_JSON_TYPE).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
