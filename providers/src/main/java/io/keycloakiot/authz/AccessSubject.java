package io.keycloakiot.authz;

import io.keycloakiot.token.ActiveToken;
import io.keycloakiot.token.TokenKind;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Who a presented token speaks for, once verified.
 *
 * @param user  the user (USER), the client's service-account user (SERVICE_ACCOUNT) or the profile's owner
 *              (PROFILE_TOKEN); null for device and ground tokens
 * @param token the pack token, or null for Keycloak's own access tokens
 */
public record AccessSubject(Kind kind, UserModel user, ActiveToken token) {

    public enum Kind {
        /** A user's access token issued by Keycloak. */
        USER,
        /** A client's own access token (client-credentials grant). */
        SERVICE_ACCOUNT,
        DEVICE_TOKEN,
        GROUND_TOKEN,
        PROFILE_TOKEN
    }

    public static AccessSubject ofUser(UserModel user) {
        return new AccessSubject(user.getServiceAccountClientLink() != null ? Kind.SERVICE_ACCOUNT : Kind.USER, user, null);
    }

    /** A validated pack token; a profile token's owner is read through Keycloak's user cache. */
    public static AccessSubject ofToken(KeycloakSession session, RealmModel realm, ActiveToken token) {
        Kind kind = token.kind() == TokenKind.DEVICE ? Kind.DEVICE_TOKEN
                : token.kind() == TokenKind.GROUND ? Kind.GROUND_TOKEN : Kind.PROFILE_TOKEN;
        return new AccessSubject(kind, kind == Kind.PROFILE_TOKEN ? session.users().getUserById(realm, token.ownerId()) : null, token);
    }
}
