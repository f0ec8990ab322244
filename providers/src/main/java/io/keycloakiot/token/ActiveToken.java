package io.keycloakiot.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.ResourceType;

/**
 * A token that passed every check at the moment of use: what introspection and token exchange tell a
 * resource server, in standard claim names (RFC 7662, RFC 9068, RFC 9396 {@code authorization_details}).
 *
 * @param subjectId the device, ground or (profile token) user the token speaks for
 * @param ownerId   the user who owns the subject (for a profile token: the subject), null for the realm's fleet
 */
public record ActiveToken(CredentialSnapshot credential, String subjectId, String ownerId) {

    /**
     * How many resources a token's claims name at most (a ground's devices, a profile's "every device"); beyond it a
     * resource server asks the authorization check API.
     */
    public static final int MAX_LISTED_MEMBERS = 1000;

    public static final String AUTHORIZATION_DETAILS = "authorization_details";

    /** Present (true) when {@code authorization_details} names fewer resources than the token reaches. */
    public static final String TRUNCATED = "authorization_details_truncated";

    public TokenKind kind() {
        return credential.kind();
    }

    /**
     * The {@code sub} of the token's claims: its device or ground, and for a profile token the token itself (its
     * owner is {@code owner_id}). Never a Keycloak user id, so an exchanged JWT cannot pass for that user's own
     * access token at Keycloak's endpoints or the check API, and never carries more than the token's permissions.
     */
    public String subject() {
        return kind() == TokenKind.PROFILE ? credential.id() : subjectId;
    }

    /**
     * What the token itself grants under the realm's catalogue as it is now: its own permissions, or its kind's
     * default (every device-level action on its device, or on its ground and each device in it). Actions the
     * catalogue no longer has, and for device and ground tokens anything that is not device-level, grant nothing.
     */
    public List<Permission> permissions(PermissionCatalogue catalogue) {
        List<Permission> declared = credential.permissions() != null ? credential.permissions() : defaults(catalogue);
        List<Permission> granted = new ArrayList<>();
        for (Permission permission : declared) {
            ResourceType type = catalogue.type(permission.type());
            if (type == null) {
                continue;
            }
            List<String> allowed = kind() == TokenKind.PROFILE ? type.actions() : type.deviceActions();
            List<String> actions = permission.actions().stream().filter(allowed::contains).toList();
            if (!actions.isEmpty()) {
                granted.add(new Permission(permission.type(), permission.resource(), actions));
            }
        }
        return granted;
    }

    private List<Permission> defaults(PermissionCatalogue catalogue) {
        List<String> deviceActions = catalogue.type(PermissionCatalogue.DEVICE).deviceActions();
        return switch (kind()) {
            case DEVICE -> List.of(new Permission(PermissionCatalogue.DEVICE, subjectId, deviceActions));
            case GROUND -> List.of(
                    new Permission(PermissionCatalogue.GROUND, subjectId, catalogue.type(PermissionCatalogue.GROUND).deviceActions()),
                    new Permission(PermissionCatalogue.DEVICE, Permission.ALL, deviceActions));
            case PROFILE -> List.of();
        };
    }

    /**
     * The claims shared by introspection answers and exchanged JWTs (times in epoch seconds). The permissions are
     * RFC 9396 {@code authorization_details} only ({@code details}, each naming its resource), never a {@code scope}:
     * {@code device:read} is also the name of a user's consent scope, and a device must not pass for that consent.
     * {@code truncated} says the list was cut at {@link #MAX_LISTED_MEMBERS}, so a resource server asks the check API.
     */
    public Map<String, Object> claims(List<Map<String, Object>> details, boolean truncated) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject());
        claims.put("iat", credential.createdAt() / 1000);
        if (credential.expiresAt() != null) {
            claims.put("exp", credential.expiresAt() / 1000);
        }
        claims.put("jti", credential.id());
        if (kind() != TokenKind.PROFILE) {
            claims.put(kind() == TokenKind.DEVICE ? "device_id" : "ground_id", subjectId);
        }
        if (ownerId != null) {
            claims.put("owner_id", ownerId);
        }
        claims.put(AUTHORIZATION_DETAILS, details);
        if (truncated) {
            claims.put(TRUNCATED, true);
        }
        return claims;
    }
}
