package io.keycloakiot.rest;

import io.keycloakiot.common.LifecycleFreeFactory;
import io.keycloakiot.common.RequestContentType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts the admin API at {@code /admin/realms/{realm}/iot}; Keycloak has authenticated the admin already. */
public class AdminApiProviderFactory extends LifecycleFreeFactory implements AdminRealmResourceProviderFactory {

    public static final String ID = "iot";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                      AdminEventBuilder adminEvent) {
                RequestContentType.require(session);
                return new AdminApi(new RealmAdminCaller(session, realm, auth, adminEvent));
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
