package io.keycloakiot.rest;

import io.keycloakiot.common.LifecycleFreeFactory;
import io.keycloakiot.common.RequestContentType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts the self-service API at {@code /realms/{realm}/iot}. */
public class SelfServiceApiProviderFactory extends LifecycleFreeFactory implements RealmResourceProviderFactory {

    public static final String ID = "iot";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                RequestContentType.require(session);
                return new SelfServiceApi(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return ID;
    }
}
