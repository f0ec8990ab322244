package io.keycloakiot.authz;

import io.keycloakiot.model.TokenKind;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Who a presented token speaks for, once verified.
 *
 * @param user  the user (USER), the client's service-account user (SERVICE_ACCOUNT) or the profile's owner
 *              (PROFILE_TOKEN); null for device and ground tokens
 * @param token the pack token, or null for Keycloak's own access tokens
 * @param grant what a user's access token was issued for; everything for the other kinds, whose reach is
 *              bounded by consents (a client) or by their own permissions (the pack's tokens)
 */
public record AccessSubject(Kind kind, AccessUser user, ActiveToken token, ScopeGrant grant) {

    public enum Kind {
        /** A user's access token issued by Keycloak. */
        USER,
        /** A client's own access token (client-credentials grant). */
        SERVICE_ACCOUNT,
        DEVICE_TOKEN,
        GROUND_TOKEN,
        PROFILE_TOKEN
    }

    /** A verified Keycloak access token of a user, or of a client's service account (client credentials). */
    public static AccessSubject ofUser(KeycloakSession session, RealmModel realm, UserModel user, ScopeGrant grant) {
        // A person's administrator roles count only where the token's client has them in scope.
        return user.getServiceAccountClientLink() != null
                ? new AccessSubject(Kind.SERVICE_ACCOUNT, AccessUser.of(session, realm, user, null), null, ScopeGrant.ALL)
                : new AccessSubject(Kind.USER, AccessUser.of(session, realm, user, grant.client()), null, grant);
    }

    /** A validated pack token; a profile token's owner is read through Keycloak's user cache. */
    public static AccessSubject ofToken(KeycloakSession session, RealmModel realm, ActiveToken token) {
        Kind kind = token.kind() == TokenKind.DEVICE ? Kind.DEVICE_TOKEN
                : token.kind() == TokenKind.GROUND ? Kind.GROUND_TOKEN : Kind.PROFILE_TOKEN;
        return new AccessSubject(kind, kind == Kind.PROFILE_TOKEN
                ? AccessUser.of(session, realm, session.users().getUserById(realm, token.ownerId()), null) : null, token,
                ScopeGrant.ALL);
    }
}
