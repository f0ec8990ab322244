package io.keycloakiot.token;

import io.keycloakiot.common.LifecycleFreeFactory;
import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** The client-policy executor {@code iot-token-revocation}; see {@link OpaqueTokenRevocationExecutor}. */
public class OpaqueTokenRevocationExecutorFactory extends LifecycleFreeFactory implements ClientPolicyExecutorProviderFactory {

    public static final String ID = "iot-token-revocation";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new OpaqueTokenRevocationExecutor(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "Revokes keycloak-iot device and ground tokens presented at the realm's token revocation endpoint (RFC 7009).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
