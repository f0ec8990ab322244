package io.keycloakiot.model.jpa;

import java.util.List;
import java.util.Map;

import io.keycloakiot.model.cache.LastUseRecorder;
import io.keycloakiot.model.cache.TokenValidationCache;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.timer.TimerProvider;

/**
 * Adds the pack's tables to Keycloak's persistence unit; Keycloak runs the Liquibase changelog at start.
 * Also wires the clean-up of devices and grounds when their realm or owner is removed, and the periodic
 * write-behind of tokens' last use ({@code --spi-jpa-entity-provider--iot--last-use-flush-seconds}, default 30).
 */
public class ModelEntityProviderFactory implements JpaEntityProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "iot";

    private static final List<Class<?>> ENTITIES = List.of(
            IotDeviceEntity.class, IotGroundEntity.class, IotGroundMembershipEntity.class, IotTokenEntity.class,
            IotShareEntity.class);

    private long lastUseFlushMillis;

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new JpaEntityProvider() {
            @Override
            public List<Class<?>> getEntities() {
                return ENTITIES;
            }

            @Override
            public String getChangelogLocation() {
                return "META-INF/iot-changelog-master.xml";
            }

            @Override
            public String getFactoryId() {
                return ID;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        lastUseFlushMillis = 1000L * config.getInt("last-use-flush-seconds", 30);
    }

    /**
     * Clean-up on removals now; the last-use flush and the validation cache's cluster
     * listener once the server has started (the timer and cluster providers are ready then).
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new OwnerRemovalCleanup());
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    session.getProvider(TimerProvider.class)
                            .scheduleTask(LastUseRecorder.NODE, lastUseFlushMillis, LastUseRecorder.NODE.getTaskName());
                    session.getProvider(ClusterProvider.class)
                            .registerListener(TokenValidationCache.CLUSTER_TASK_KEY, TokenValidationCache.NODE);
                });
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        String version = ModelEntityProviderFactory.class.getPackage().getImplementationVersion();
        return Map.of("version", version == null ? "development" : version);
    }
}
