package io.keycloakiot.model;

/**
 * A device of a realm, owned by a user or (owner null) by the realm's fleet. Its owner changes only through
 * {@link DeviceProvider#transfer}, which also ends what the former owner gave it (grounds, shares, tokens).
 */
public interface DeviceModel extends RealmOwnedModel {

    String getExternalId();

    void setExternalId(String externalId);

    /** The lower-case form of the external id, by which its uniqueness in the realm is decided. */
    String getExternalIdKey();

    String getName();

    void setName(String name);

    String getType();

    void setType(String type);

    /** A JSON object of string values, or null. */
    String getAttributes();

    void setAttributes(String attributes);

    /** Changed through {@link DeviceProvider#setEnabled}, which tells the validation caches. */
    boolean isEnabled();

    /** Set when an administrator disabled the device: then only an administrator enables it again. */
    boolean isDisabledByAdmin();

    void setDisabledByAdmin(boolean disabledByAdmin);

    long getCreatedAt();

    /** SHA-256 of the fleet device's one-time claim secret; null = it cannot be claimed. */
    String getClaimSecretHash();

    void setClaimSecretHash(String claimSecretHash);

    Long getClaimSecretExpiresAt();

    void setClaimSecretExpiresAt(Long claimSecretExpiresAt);

    /** Refused claims in a row. */
    int getClaimFailures();

    void setClaimFailures(int claimFailures);

    Long getClaimFailedAt();

    void setClaimFailedAt(Long claimFailedAt);

    /** Forgets the claim secret and the failures: the device was claimed, re-keyed or has changed hands. */
    default void clearClaimSecret() {
        setClaimSecretHash(null);
        setClaimSecretExpiresAt(null);
        setClaimFailures(0);
        setClaimFailedAt(null);
    }

    /** The key of an external id: identifiers are ASCII, so lower case is locale-free. */
    static String keyOf(String externalId) {
        return externalId == null ? null : externalId.toLowerCase(java.util.Locale.ROOT);
    }
}
