package io.keycloakiot.common;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Resolves the owner named in a request: a user id or a username of the same realm, or null for the fleet. */
public final class Owners {

    /**
     * The longest user id: Keycloak's federated users (user storage without import) have ids
     * {@code f:<component id>:<external id>}, and Keycloak's own tables for them hold 255 characters.
     */
    public static final int USER_ID_MAX = 255;

    private Owners() {
    }

    /** Returns the user id, or null for the realm's fleet when {@code owner} is null. */
    public static String resolve(KeycloakSession session, RealmModel realm, String owner) {
        if (owner == null) {
            return null;
        }
        UserModel user = find(session, realm, owner);
        if (user == null) {
            throw ApiError.badRequest("'owner' is not a user of this realm");
        }
        return user.getId();
    }

    /** The user of the realm with this id or, failing that, this username; null if there is none. */
    public static UserModel find(KeycloakSession session, RealmModel realm, String idOrUsername) {
        UserModel user = idOrUsername.length() <= USER_ID_MAX ? session.users().getUserById(realm, idOrUsername) : null;
        return user != null ? user : session.users().getUserByUsername(realm, idOrUsername);
    }
}
