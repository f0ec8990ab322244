package io.keycloakiot.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.ResourceType;

/**
 * A token that passed every check at the moment of use: what introspection and token exchange tell a
 * resource server, in standard claim names (RFC 7662, RFC 9396 {@code authorization_details}).
 *
 * @param subjectId the device, ground or (profile token) user the token speaks for
 * @param ownerId   the user who owns the subject (for a profile token: the subject), null for the realm's fleet
 */
public record ActiveToken(CredentialSnapshot credential, String subjectId, String ownerId) {

    /**
     * How many member devices a ground token's claims list; a larger ground is better asked device by device
     * (the authorization check API).
     */
    public static final int MAX_LISTED_MEMBERS = 1000;

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
     * The claims shared by introspection answers and exchanged JWTs (times in epoch seconds), for the token's
     * effective permissions. A ground token's {@code authorization_details} name the ground and each device in it
     * at this moment ({@code memberDeviceIds}, empty for other kinds), so membership changes show on the next request.
     */
    public Map<String, Object> claims(List<Permission> effective, List<String> memberDeviceIds) {
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
        Set<String> scope = new LinkedHashSet<>();
        List<Map<String, Object>> details = new ArrayList<>();
        for (Permission permission : effective) {
            permission.actions().forEach(action -> scope.add(permission.type() + ":" + action));
            if (kind() == TokenKind.GROUND && permission.isWildcard()) {
                memberDeviceIds.forEach(deviceId -> details.add(detail(permission.type(), deviceId, permission.actions())));
            } else {
                details.add(detail(permission.type(), permission.isWildcard() ? null : permission.resource(), permission.actions()));
            }
        }
        claims.put("scope", String.join(" ", scope));
        claims.put("authorization_details", details);
        return claims;
    }

    /** One RFC 9396 entry; no {@code identifier} means every resource of the type. */
    public static Map<String, Object> detail(String type, String identifier, List<String> actions) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("type", "iot_" + type);
        if (identifier != null) {
            detail.put("identifier", identifier);
        }
        detail.put("actions", actions);
        return detail;
    }
}
