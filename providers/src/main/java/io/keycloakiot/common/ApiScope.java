package io.keycloakiot.common;

/**
 * The OAuth scopes of the self-service API: what a user's access token must have been granted for each
 * operation, named {@code <type>:<action>} like the catalogue's permissions (and the consent client scopes a
 * realm defines for them). The pack's client scope {@link #PACK} grants every one of them.
 */
public enum ApiScope {
    DEVICE_READ("device:read"),
    DEVICE_CREATE("device:create"),
    DEVICE_UPDATE("device:update"),
    DEVICE_DELETE("device:delete"),
    DEVICE_TOKENS("device:manage_tokens"),
    GROUND_READ("ground:read"),
    GROUND_CREATE("ground:create"),
    GROUND_UPDATE("ground:update"),
    GROUND_DELETE("ground:delete"),
    GROUND_DEVICES("ground:manage_devices"),
    GROUND_TOKENS("ground:manage_tokens"),
    TOKEN_READ("token:read"),
    TOKEN_CREATE("token:create"),
    TOKEN_UPDATE("token:update"),
    TOKEN_DELETE("token:delete"),
    SHARE_READ("share:read"),
    SHARE_CREATE("share:create"),
    /** Answering an invitation (accept, decline). */
    SHARE_UPDATE("share:update"),
    SHARE_DELETE("share:delete"),
    /** The realm's catalogue describes the realm, not the user's things: any token the API accepts reads it. */
    CATALOGUE_READ("catalogue:read");

    /** The pack's client scope: a token that has it may do everything its user may do through the API. */
    public static final String PACK = "iot";

    private final String value;

    ApiScope(String value) {
        this.value = value;
    }

    /** The scope as it appears in a token's {@code scope} claim. */
    public String value() {
        return value;
    }
}
