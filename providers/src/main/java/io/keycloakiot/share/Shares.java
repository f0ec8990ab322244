package io.keycloakiot.share;

import java.util.Locale;

import io.keycloakiot.device.IotDeviceEntity;
import io.keycloakiot.ground.IotGroundEntity;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Names shown next to a share: who owns it and what is shared. */
public final class Shares {

    private Shares() {
    }

    /** "First Last", else the username; null for an unknown user (read through Keycloak's user cache). */
    public static String displayName(KeycloakSession session, RealmModel realm, String userId) {
        return displayName(userId == null ? null : session.users().getUserById(realm, userId));
    }

    static String displayName(UserModel user) {
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

    /** Is this the account the share was sent to (its current address is the invited one)? */
    static boolean invited(IotShareEntity share, UserModel user) {
        return user != null && user.getEmail() != null && share.getRecipientEmail().equals(user.getEmail().toLowerCase(Locale.ROOT));
    }

    /**
     * Records the recipient's answer (accepting or declining an invitation, or leaving an accepted share), tells the
     * owner by mail, and ends the re-shares made from a share they leave.
     */
    static ShareRepresentation answer(KeycloakSession session, RealmModel realm, IotShareEntity share, UserModel recipient,
                                      ShareStatus answer, Reshares.Audit audit) {
        share.setStatus(answer);
        share.setRecipientId(recipient.getId());
        share.setRespondedAt(Time.currentTimeMillis());
        String resourceName = resourceName(session, share);
        new ShareMails(session, realm).answered(share, resourceName);
        ShareRepresentation rep = ShareRepresentation.of(share, resourceName, displayName(session, realm, share.getOwnerId()));
        audit.record(OperationType.UPDATE, rep);
        Reshares.follow(session, realm, share, audit);
        return rep;
    }
}
