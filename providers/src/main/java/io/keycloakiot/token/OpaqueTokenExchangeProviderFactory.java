package io.keycloakiot.token;

import java.util.List;

import io.keycloakiot.common.LifecycleFreeFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.protocol.oidc.TokenExchangeProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Registers the pack's token exchange ahead of Keycloak's own providers (they are asked by descending order,
 * the first that supports the request's subject_token_type wins). Lifetime of the issued JWT:
 * {@code --spi-oauth2-token-exchange--iot--lifetime-seconds=300}.
 */
public class OpaqueTokenExchangeProviderFactory extends LifecycleFreeFactory implements TokenExchangeProviderFactory {

    static final int DEFAULT_LIFETIME_SECONDS = 300;

    private int lifetimeSeconds = DEFAULT_LIFETIME_SECONDS;

    @Override
    public TokenExchangeProvider create(KeycloakSession session) {
        return new OpaqueTokenExchangeProvider(session, lifetimeSeconds);
    }

    @Override
    public void init(Config.Scope config) {
        lifetimeSeconds = config.getInt("lifetime-seconds", DEFAULT_LIFETIME_SECONDS);
        if (lifetimeSeconds < 1) {
            throw new IllegalArgumentException("lifetime-seconds must be positive");
        }
    }

    @Override
    public String getId() {
        return "iot";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("lifetime-seconds").type("int").defaultValue(DEFAULT_LIFETIME_SECONDS)
                .helpText("Lifetime of the JWT issued for a device, ground or profile token").add()
                .build();
    }
}
