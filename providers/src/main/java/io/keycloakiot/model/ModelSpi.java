package io.keycloakiot.model;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The pack's model SPIs, one per aggregate, as Keycloak declares its own (e.g. its organizations): a provider
 * interface, a factory interface, and the JPA implementation as their one factory.
 */
public abstract class ModelSpi implements Spi {

    private final String name;
    private final Class<? extends Provider> provider;
    private final Class<? extends ProviderFactory> factory;

    ModelSpi(String name, Class<? extends Provider> provider, Class<? extends ProviderFactory> factory) {
        this.name = name;
        this.provider = provider;
        this.factory = factory;
    }

    /** Not internal: the pack's own SPIs, which a deployment may implement differently. */
    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return provider;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return factory;
    }

    public interface DeviceProviderFactory extends ProviderFactory<DeviceProvider> {
    }

    public interface GroundProviderFactory extends ProviderFactory<GroundProvider> {
    }

    public interface TokenProviderFactory extends ProviderFactory<TokenProvider> {
    }

    public interface ShareProviderFactory extends ProviderFactory<ShareProvider> {
    }

    public static final class Devices extends ModelSpi {
        public Devices() {
            super("iot-device", DeviceProvider.class, DeviceProviderFactory.class);
        }
    }

    public static final class Grounds extends ModelSpi {
        public Grounds() {
            super("iot-ground", GroundProvider.class, GroundProviderFactory.class);
        }
    }

    public static final class Tokens extends ModelSpi {
        public Tokens() {
            super("iot-token", TokenProvider.class, TokenProviderFactory.class);
        }
    }

    public static final class Shares extends ModelSpi {
        public Shares() {
            super("iot-share", ShareProvider.class, ShareProviderFactory.class);
        }
    }
}
