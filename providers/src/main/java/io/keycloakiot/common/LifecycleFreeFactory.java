package io.keycloakiot.common;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;

/** The empty lifecycle of a provider factory that keeps no state: extended by such factories of the pack. */
public abstract class LifecycleFreeFactory {

    public void init(Config.Scope config) {
    }

    public void postInit(KeycloakSessionFactory factory) {
    }

    public void close() {
    }
}
