package io.keycloakiot.rest;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.ApiScope;
import io.keycloakiot.authz.Caller;
import io.keycloakiot.common.Owners;
import org.keycloak.common.Profile;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * An administrator on the admin API: reaches every device and ground of the realm. Reading needs the
 * realm's view-realm permission, changing needs manage-realm (both part of realm-admin); people's data
 * (invitees' addresses, last-used addresses) needs view-users as well, as Keycloak's own user pages do.
 */
class RealmAdminCaller extends Caller {

    protected final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    RealmAdminCaller(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        super(session, realm);
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @Override
    public Reach reach() {
        return Reach.REALM;
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
    public boolean readsPeople() {
        return auth.users().canView();
    }

    /** The user with this id or username, or null; 403 unless the administrator may look users up (query-users). */
    UserModel findUser(String idOrUsername) {
        if (!auth.users().canQuery()) {
            throw ApiError.forbidden("the query-users permission of this realm is required");
        }
        return Owners.find(session, realm, idOrUsername);
    }

    /** Refuses with 403 unless the administrator may manage this user (Keycloak's manage-users). */
    void requireManage(UserModel user) {
        if (!auth.users().canManage(user)) {
            throw ApiError.forbidden("the manage-users permission of this realm is required");
        }
    }

    /**
     * The same administrator acting on one user's access-token profiles, which are that user's credentials: Keycloak's
     * user permissions for that user decide, as for the user's own credentials (view-realm as well to read, like
     * every read of the pack's admin API).
     */
    Caller forUser(UserModel user) {
        return new RealmAdminCaller(session, realm, auth, adminEvent) {
            @Override
            public void requireRead() {
                super.requireRead();
                if (!auth.users().canView(user)) {
                    throw ApiError.forbidden("a user's tokens need the view-users permission of this realm");
                }
            }

            @Override
            public void requireWrite() {
                requireManage(user);
            }

            @Override
            public boolean readsPeople() {
                return auth.users().canView(user);
            }

            /** A token acting as the user: what Keycloak asks to impersonate them (manage-users + impersonation). */
            @Override
            public void requireIssue(ApiScope scope) {
                requireManage(user);
                if (!Profile.isFeatureEnabled(Profile.Feature.IMPERSONATION) || !auth.users().canImpersonate(user, null)) {
                    throw ApiError.forbidden("a token acting as a user needs the impersonation permission for that user"
                            + " as well as manage-users");
                }
            }
        };
    }

    @Override
    protected AdminEventBuilder eventBuilder() {
        return adminEvent.clone(session);
    }
}
