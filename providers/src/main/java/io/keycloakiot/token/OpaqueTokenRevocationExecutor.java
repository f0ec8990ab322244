package io.keycloakiot.token;

import io.keycloakiot.model.TokenProvider;

import io.keycloakiot.model.TokenModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.context.TokenRevokeContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * RFC 7009 revocation of the pack's tokens at the realm's standard revocation endpoint. Keycloak's endpoint
 * knows only JWTs, but it runs the realm's client policies first; this executor (in the demo realm's
 * {@code iot-token-revocation} policy) revokes a presented pack token there. Holding the token is the
 * authority to revoke it, as for a leaked credential; Keycloak then answers 200, as RFC 7009 asks for any
 * token it does not know.
 */
public class OpaqueTokenRevocationExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    private final KeycloakSession session;

    OpaqueTokenRevocationExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) {
        if (context.getEvent() != ClientPolicyEvent.TOKEN_REVOKE || !(context instanceof TokenRevokeContext revoke)) {
            return;
        }
        TokenFormat.Parsed parsed = TokenFormat.parse(revoke.getParams().getFirst("token"));
        if (parsed == null) {
            return;
        }
        TokenProvider tokens = session.getProvider(TokenProvider.class);
        TokenModel token = tokens.getToken(session.getContext().getRealm(), parsed.keyId());
        if (token != null && token.getKind() == parsed.kind() && TokenFormat.matches(parsed.token(), token.getSecretHash())) {
            tokens.revoke(session.getContext().getRealm(), token);
        }
    }

    @Override
    public String getProviderId() {
        return OpaqueTokenRevocationExecutorFactory.ID;
    }
}
