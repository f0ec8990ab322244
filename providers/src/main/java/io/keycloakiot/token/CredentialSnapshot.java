package io.keycloakiot.token;

import java.util.List;

import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionList;

/**
 * The immutable state of an issued token as validation needs it: safe to keep in the validation cache.
 *
 * @param permissions the token's own permissions, or null for its kind's default
 */
public record CredentialSnapshot(String id, String realmId, TokenKind kind, String subjectId, String secretHash,
                                 boolean enabled, long createdAt, Long expiresAt, Long lastUsedAt,
                                 List<Permission> permissions) {

    static CredentialSnapshot of(IotCredentialEntity credential) {
        return new CredentialSnapshot(credential.getId(), credential.getRealmId(), credential.getKind(),
                credential.getSubjectId(), credential.getSecretHash(), credential.isEnabled(), credential.getCreatedAt(),
                credential.getExpiresAt(), credential.getLastUsedAt(), PermissionList.fromJson(credential.getPermissions()));
    }
}
