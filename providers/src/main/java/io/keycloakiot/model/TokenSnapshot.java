package io.keycloakiot.model;

import java.util.List;

import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionList;

/**
 * The immutable state of an issued token as validation needs it: safe to keep in the validation cache.
 *
 * @param permissions the token's own permissions, or null for its kind's default
 */
public record TokenSnapshot(String id, String realmId, TokenKind kind, String subjectId, String secretHash,
                            boolean enabled, long createdAt, Long expiresAt, Long lastUsedAt,
                            List<Permission> permissions) {

    public static TokenSnapshot of(TokenModel token) {
        return new TokenSnapshot(token.getId(), token.getRealmId(), token.getKind(), token.getSubjectId(),
                token.getSecretHash(), token.isEnabled(), token.getCreatedAt(), token.getExpiresAt(), token.getLastUsedAt(),
                PermissionList.fromJson(token.getPermissions()));
    }
}
