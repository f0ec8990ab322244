package io.keycloakiot.model.jpa;

import java.util.function.Function;

import io.keycloakiot.common.LifecycleFreeFactory;
import io.keycloakiot.model.DeviceProvider;
import io.keycloakiot.model.GroundProvider;
import io.keycloakiot.model.ModelSpi;
import io.keycloakiot.model.ShareProvider;
import io.keycloakiot.model.TokenProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/** The JPA implementation of each model SPI: one provider per session, over Keycloak's EntityManager. */
public final class JpaModelFactories {

    private JpaModelFactories() {
    }

    /** The factory part they share; the provider id is {@code jpa}, as Keycloak names its own JPA providers. */
    abstract static class JpaFactory<P extends Provider> extends LifecycleFreeFactory {

        private final Function<KeycloakSession, P> provider;

        JpaFactory(Function<KeycloakSession, P> provider) {
            this.provider = provider;
        }

        public P create(KeycloakSession session) {
            return provider.apply(session);
        }

        public String getId() {
            return "jpa";
        }
    }

    public static final class Devices extends JpaFactory<DeviceProvider> implements ModelSpi.DeviceProviderFactory {
        public Devices() {
            super(JpaDeviceProvider::new);
        }
    }

    public static final class Grounds extends JpaFactory<GroundProvider> implements ModelSpi.GroundProviderFactory {
        public Grounds() {
            super(JpaGroundProvider::new);
        }
    }

    public static final class Tokens extends JpaFactory<TokenProvider> implements ModelSpi.TokenProviderFactory {
        public Tokens() {
            super(JpaTokenProvider::new);
        }
    }

    public static final class Shares extends JpaFactory<ShareProvider> implements ModelSpi.ShareProviderFactory {
        public Shares() {
            super(JpaShareProvider::new);
        }
    }
}
