package io.keycloakiot.model;

/**
 * An issued token: its id is the token's public key id; only a hash of the token is kept. Revoking removes it, so
 * validation then finds nothing, on every node.
 */
public interface TokenModel {

    String getId();

    String getRealmId();

    TokenKind getKind();

    /** The device, ground or (profile token) user the token speaks for. */
    String getSubjectId();

    String getName();

    void setName(String name);

    String getSecretHash();

    long getCreatedAt();

    String getCreatedBy();

    Long getExpiresAt();

    boolean isEnabled();

    void setEnabled(boolean enabled);

    /** The token's own permissions as stored JSON, or null for its kind's default. */
    String getPermissions();

    void setPermissions(String permissions);

    Long getLastUsedAt();

    String getLastUsedIp();

    String getLastUsedVia();

    String getLastUsedIpOf();
}
