package io.keycloakiot.model;

import java.util.Arrays;

/** The kinds of token the pack issues; the prefix makes a leaked token recognisable at a glance. */
public enum TokenKind {

    DEVICE("iotd", "urn:keycloak-iot:token-type:device-token", "device_token"),
    GROUND("iotg", "urn:keycloak-iot:token-type:ground-token", "ground_token"),
    PROFILE("iotp", "urn:keycloak-iot:token-type:profile-token", "profile_token");

    private final String prefix;
    private final String tokenTypeUrn;
    private final String introspectionHint;

    TokenKind(String prefix, String tokenTypeUrn, String introspectionHint) {
        this.prefix = prefix;
        this.tokenTypeUrn = tokenTypeUrn;
        this.introspectionHint = introspectionHint;
    }

    public String prefix() {
        return prefix;
    }

    /** The RFC 8693 {@code subject_token_type} for token exchange. */
    public String tokenTypeUrn() {
        return tokenTypeUrn;
    }

    /** The RFC 7662 {@code token_type_hint} and the {@code token_type} in introspection answers. */
    public String introspectionHint() {
        return introspectionHint;
    }

    public static TokenKind byPrefix(String prefix) {
        return Arrays.stream(values()).filter(kind -> kind.prefix.equals(prefix)).findFirst().orElse(null);
    }

    public static TokenKind byTokenTypeUrn(String urn) {
        return Arrays.stream(values()).filter(kind -> kind.tokenTypeUrn.equals(urn)).findFirst().orElse(null);
    }
}
