package io.keycloakiot.authz;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserConsentModel;
import org.keycloak.models.UserModel;

/**
 * A user as the access rules see them (a person, a client's service account, a profile token's owner): their id,
 * the realm administration their roles give, and for a service account the consents its client holds. Read from
 * Keycloak's public model API ({@link #of}); the decision table's unit test gives its own.
 */
public interface AccessUser {

    String id();

    /** Do the user's roles, in the token's role scope, make them a realm administrator for this kind of action? */
    boolean administers(boolean readOnlyAction);

    /** The client whose service account this is; null for a person. */
    String serviceAccountClientId();

    /** Has the owner granted this service account's client consent to the client scope {@code scope} (enabled owner)? */
    boolean consentedBy(String ownerId, String scope);

    /** The id of the realm's client scope named {@code scope}, when this is a service account that consent could reach; else null. */
    String consentScopeId(String scope);

    /**
     * The user through Keycloak's models. Administrator roles are those of the realm's {@code realm-management} client:
     * manage-realm for every action, view-realm for the reading ones; with a {@code roleScope} (a token's client) a
     * role counts only where that client has it in scope, as Keycloak's admin API asks.
     */
    static AccessUser of(KeycloakSession session, RealmModel realm, UserModel user, ClientModel roleScope) {
        return new AccessUser() {
            @Override
            public String id() {
                return user.getId();
            }

            @Override
            public boolean administers(boolean readOnlyAction) {
                ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
                if (management == null) {
                    return false;
                }
                return holds(management.getRole("manage-realm")) || readOnlyAction && holds(management.getRole("view-realm"));
            }

            private boolean holds(RoleModel role) {
                return role != null && user.hasRole(role) && (roleScope == null || roleScope.hasScope(role));
            }

            @Override
            public String serviceAccountClientId() {
                return user.getServiceAccountClientLink();
            }

            @Override
            public boolean consentedBy(String ownerId, String scope) {
                String clientId = user.getServiceAccountClientLink();
                if (clientId == null || ownerId == null) {
                    return false;
                }
                UserModel owner = session.users().getUserById(realm, ownerId);
                if (owner == null || !owner.isEnabled()) {
                    return false;
                }
                UserConsentModel consent = session.users().getConsentByClient(realm, ownerId, clientId);
                return consent != null && consent.getGrantedClientScopes().stream().anyMatch(granted -> granted.getName().equals(scope));
            }

            @Override
            public String consentScopeId(String scope) {
                if (user.getServiceAccountClientLink() == null) {
                    return null;
                }
                return realm.getClientScopesStream().filter(candidate -> candidate.getName().equals(scope))
                        .map(ClientScopeModel::getId).findFirst().orElse(null);
            }
        };
    }
}
