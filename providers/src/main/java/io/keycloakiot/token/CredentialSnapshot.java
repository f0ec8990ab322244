package io.keycloakiot.token;

/** The immutable state of an issued token as validation needs it: safe to keep in the validation cache. */
public record CredentialSnapshot(String id, String realmId, TokenKind kind, String subjectId, String secretHash,
                                 boolean enabled, long createdAt, Long expiresAt, Long lastUsedAt) {

    static CredentialSnapshot of(IotCredentialEntity credential) {
        return new CredentialSnapshot(credential.getId(), credential.getRealmId(), credential.getKind(),
                credential.getSubjectId(), credential.getSecretHash(), credential.isEnabled(), credential.getCreatedAt(),
                credential.getExpiresAt(), credential.getLastUsedAt());
    }
}
