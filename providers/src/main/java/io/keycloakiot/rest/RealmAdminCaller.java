package io.keycloakiot.rest;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.ApiScope;
import io.keycloakiot.common.Caller;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * An administrator on the admin API: reaches every device and ground of the realm. Reading needs the
 * realm's view-realm permission, changing needs manage-realm (both part of realm-admin).
 */
final class RealmAdminCaller extends Caller {

    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    RealmAdminCaller(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        super(session, realm);
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @Override
    public String ownerScope() {
        return null;
    }

    @Override
    public String userId() {
        return auth.adminAuth().getUser().getId();
    }

    /** An administrator's rights come from the realm's roles; the scopes of the token do not narrow them. */
    @Override
    public void requireRead(ApiScope scope) {
        requireRead();
    }

    @Override
    public void requireWrite(ApiScope scope) {
        requireWrite();
    }

    @Override
    public void requireRead() {
        if (!auth.realm().canViewRealm()) {
            throw ApiError.forbidden("the view-realm permission of this realm is required");
        }
    }

    @Override
    public void requireWrite() {
        if (!auth.realm().canManageRealm()) {
            throw ApiError.forbidden("the manage-realm permission of this realm is required");
        }
    }

    @Override
    protected AdminEventBuilder eventBuilder() {
        return adminEvent.clone(session);
    }
}
