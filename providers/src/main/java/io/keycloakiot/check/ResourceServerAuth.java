package io.keycloakiot.check;

import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.AuthorizeClientUtil;
import org.keycloak.services.ErrorResponseException;

import jakarta.ws.rs.core.Response;

/**
 * Authenticates the resource server calling the check API: a confidential client of the realm, by any of its
 * configured client authentication methods (HTTP Basic with its secret, signed JWT, mTLS, ...) or by a bearer
 * access token it obtained with the client-credentials grant. A refusal is a 401 with Keycloak's own error code
 * for failed client authentication ({@code unauthorized_client}), whichever way the client tried.
 */
final class ResourceServerAuth {

    private ResourceServerAuth() {
    }

    static ClientModel authenticate(KeycloakSession session, RealmModel realm, EventBuilder event) {
        String authorization = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION);
        ClientModel client;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            AccessTokenVerifier.Verified verified = new AccessTokenVerifier(session, false)
                    .verify(authorization.substring(7).strip(), event.clone().event(EventType.INTROSPECT_TOKEN));
            client = verified == null ? null : verified.client();
            if (client == null || !client.getId().equals(verified.user().getServiceAccountClientLink())) {
                throw invalidClient("the bearer token must be an active client-credentials token of the calling client");
            }
            session.getContext().setClient(client);
        } else {
            client = AuthorizeClientUtil.authorizeClient(session, event, null).getClient();
        }
        if (client.isPublicClient()) {
            throw invalidClient("public clients cannot call the check API");
        }
        return client;
    }

    private static ErrorResponseException invalidClient(String description) {
        return new ErrorResponseException("unauthorized_client", description, Response.Status.UNAUTHORIZED);
    }
}
