package io.keycloakiot.authz;

import java.util.ArrayList;
import java.util.List;

import io.keycloakiot.model.TokenKind;
import io.keycloakiot.model.TokenSnapshot;
import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.ResourceType;

/**
 * A token that passed every check at the moment of use: what introspection and token exchange tell a
 * resource server, in standard claim names (RFC 7662, RFC 9068, RFC 9396 {@code authorization_details}).
 *
 * @param token     the token as validation read it
 * @param subjectId the device, ground or (profile token) user the token speaks for
 * @param ownerId   the user who owns the subject (for a profile token: the subject), null for the realm's fleet
 */
public record ActiveToken(TokenSnapshot token, String subjectId, String ownerId) {

    public TokenKind kind() {
        return token.kind();
    }

    /**
     * The {@code sub} of the token's claims: its device or ground, and for a profile token the token itself (its
     * owner is {@code owner_id}). Never a Keycloak user id, so an exchanged JWT cannot pass for that user's own
     * access token at Keycloak's endpoints or the check API, and never carries more than the token's permissions.
     */
    public String subject() {
        return kind() == TokenKind.PROFILE ? token.id() : subjectId;
    }

    /**
     * What the token itself grants under the realm's catalogue as it is now: its own permissions, or its kind's
     * default (every device-level action on its device, or on its ground and each device in it). Actions the
     * catalogue no longer has, and for device and ground tokens anything that is not device-level, grant nothing.
     */
    public List<Permission> permissions(PermissionCatalogue catalogue) {
        List<Permission> declared = token.permissions() != null ? token.permissions() : defaults(catalogue);
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

}
