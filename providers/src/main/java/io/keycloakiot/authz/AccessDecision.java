package io.keycloakiot.authz;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An answer of the authorization check. Reasons are stable codes: allowed by {@code owner}, {@code shared},
 * {@code realm_admin}, {@code consent}, {@code user} (a type whose resources the pack does not know: the token
 * holder's own authority, the resource server checks ownership), {@code device_token}, {@code ground_token},
 * {@code profile_token}; denied by {@code token_inactive}, {@code no_access} (also for an unknown id: existence is
 * not revealed), {@code not_in_token}, {@code admin_only}, {@code no_consent}.
 */
@Schema(description = "An answer of the authorization check, with a stable `reason` code.")
public record AccessDecision(@Schema(required = true) boolean allowed,
                             @Schema(required = true) String reason) {

    public static AccessDecision allow(String reason) {
        return new AccessDecision(true, reason);
    }

    public static AccessDecision deny(String reason) {
        return new AccessDecision(false, reason);
    }
}
