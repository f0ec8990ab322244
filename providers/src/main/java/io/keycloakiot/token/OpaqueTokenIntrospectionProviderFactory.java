package io.keycloakiot.token;

import io.keycloakiot.model.TokenKind;

import io.keycloakiot.common.LifecycleFreeFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;
import org.keycloak.protocol.oidc.TokenIntrospectionProviderFactory;

/**
 * Keycloak picks the introspection provider by {@code token_type_hint} alone, {@code access_token} when there
 * is none. This factory takes over that id (a higher {@link #order()} wins over the built-in one) so the
 * pack's tokens introspect with or without a hint; the subclasses add the pack's own hints.
 */
public class OpaqueTokenIntrospectionProviderFactory extends LifecycleFreeFactory implements TokenIntrospectionProviderFactory {

    @Override
    public TokenIntrospectionProvider create(KeycloakSession session) {
        return new OpaqueTokenIntrospectionProvider(session);
    }

    @Override
    public String getId() {
        return "access_token";
    }

    @Override
    public int order() {
        return 100;
    }

    /** {@code token_type_hint=device_token}. */
    public static class DeviceTokenHint extends OpaqueTokenIntrospectionProviderFactory {
        @Override
        public String getId() {
            return TokenKind.DEVICE.introspectionHint();
        }
    }

    /** {@code token_type_hint=ground_token}. */
    public static class GroundTokenHint extends OpaqueTokenIntrospectionProviderFactory {
        @Override
        public String getId() {
            return TokenKind.GROUND.introspectionHint();
        }
    }

    /** {@code token_type_hint=profile_token}. */
    public static class ProfileTokenHint extends OpaqueTokenIntrospectionProviderFactory {
        @Override
        public String getId() {
            return TokenKind.PROFILE.introspectionHint();
        }
    }
}
