package io.keycloakiot.share;

import java.util.Locale;

import io.keycloakiot.model.DeviceModel;
import io.keycloakiot.model.DeviceProvider;
import io.keycloakiot.model.GroundModel;
import io.keycloakiot.model.GroundProvider;
import io.keycloakiot.model.ShareModel;
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

    static String resourceName(KeycloakSession session, RealmModel realm, ShareModel share) {
        if (share.getResourceType().equals(ShareModel.GROUND)) {
            GroundModel ground = session.getProvider(GroundProvider.class).getGround(realm, share.getResourceId());
            return ground == null ? null : ground.getName();
        }
        DeviceModel device = session.getProvider(DeviceProvider.class).getDevice(realm, share.getResourceId());
        return device == null ? null : device.getName();
    }

    /** Is this the account the share was sent to (its current address is the invited one)? */
    static boolean invited(ShareModel share, UserModel user) {
        return user != null && user.getEmail() != null && share.getRecipientEmail().equals(user.getEmail().toLowerCase(Locale.ROOT));
    }
}
