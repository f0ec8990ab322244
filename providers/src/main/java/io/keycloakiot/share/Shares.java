package io.keycloakiot.share;

import io.keycloakiot.device.IotDeviceEntity;
import io.keycloakiot.ground.IotGroundEntity;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Names shown next to a share: who owns it and what is shared. */
final class Shares {

    private Shares() {
    }

    /** "First Last", else the username; null for an unknown user. */
    static String displayName(KeycloakSession session, RealmModel realm, String userId) {
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        if (user == null) {
            return null;
        }
        String full = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return full.isEmpty() ? user.getUsername() : full;
    }

    static String resourceName(KeycloakSession session, IotShareEntity share) {
        var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        if (share.getResourceType().equals("ground")) {
            IotGroundEntity ground = em.find(IotGroundEntity.class, share.getResourceId());
            return ground == null ? null : ground.getName();
        }
        IotDeviceEntity device = em.find(IotDeviceEntity.class, share.getResourceId());
        return device == null ? null : device.getName();
    }
}
