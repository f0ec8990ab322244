package io.keycloakiot.authz;

import java.util.ArrayList;
import java.util.List;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.authz.Caller;
import io.keycloakiot.permission.RealmSettings;
import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.ResourceType;
import io.keycloakiot.model.TokenKind;
import org.keycloak.models.UserModel;

/**
 * Which permissions a token may be given, checked when it is created or edited (what they grant at the moment
 * of use is {@link AccessRules}' to decide). A device token: device-level actions on its own device. A ground
 * token: device-level actions on its ground and on every device in it. A profile token: any type of the
 * catalogue the realm lets users grant themselves (an administrator may grant any), on resources its owner
 * reaches with those actions now; admin-only types only for an administrator owner.
 */
public final class TokenPermissionRules {

    private TokenPermissionRules() {
    }

    /** The permissions to store, normalised; 400 naming the first one that cannot be granted. */
    public static List<Permission> check(Caller caller, TokenKind kind, String subjectId, List<Permission> requested) {
        AccessRules rules = AccessRules.of(caller.session(), caller.realm());
        PermissionCatalogue catalogue = rules.catalogue();
        List<Permission> checked = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            Permission permission = requested.get(i);
            String at = "'permissions[" + i + "]'";
            ResourceType type = catalogue.type(permission.type());
            switch (kind) {
                case DEVICE, GROUND -> checked.add(deviceLevel(kind, subjectId, permission, type, at));
                case PROFILE -> {
                    profile(caller, rules, subjectId, permission, type, at);
                    checked.add(permission);
                }
            }
        }
        return List.copyOf(checked);
    }

    private static Permission deviceLevel(TokenKind kind, String subjectId, Permission permission, ResourceType type, String at) {
        String own = kind == TokenKind.DEVICE ? PermissionCatalogue.DEVICE : PermissionCatalogue.GROUND;
        boolean members = kind == TokenKind.GROUND && type.type().equals(PermissionCatalogue.DEVICE);
        if (!type.type().equals(own) && !members) {
            throw ApiError.badRequest(at + ": a " + kind.name().toLowerCase() + " token holds only permissions on its "
                    + own + (kind == TokenKind.GROUND ? " and its devices" : ""));
        }
        if (members ? !permission.isWildcard() : !permission.isWildcard() && !permission.resource().equals(subjectId)) {
            throw ApiError.badRequest(at + ": 'resource' must be \"*\"" + (members ? " (every device in the ground)"
                    : " or the id of the token's own " + own));
        }
        if (!type.deviceActions().containsAll(permission.actions())) {
            throw ApiError.badRequest(at + ": a device-level token may hold only the actions "
                    + String.join(", ", type.deviceActions()) + " on '" + type.type() + "'");
        }
        return members ? permission : new Permission(type.type(), subjectId, permission.actions());
    }

    private static void profile(Caller caller, AccessRules rules, String ownerId, Permission permission, ResourceType type, String at) {
        boolean selfService = !caller.isAdministrator();
        if (selfService && !type.adminOnly() && !RealmSettings.of(caller.realm()).selfGrantable(type)) {
            throw ApiError.badRequest(at + ": this realm does not let users grant '" + type.type() + "' themselves");
        }
        AccessUser owner = AccessUser.of(caller.session(), caller.realm(), caller.session().users().getUserById(caller.realm(), ownerId), null);
        for (String action : permission.actions()) {
            AccessDecision decision = rules.userRight(owner, type, permission.resource(), action);
            if (type.adminOnly() && !decision.allowed()) {
                throw ApiError.badRequest(at + ": '" + type.type() + "' is for realm administrators only");
            }
            if (!permission.isWildcard() && !decision.allowed()) {
                throw ApiError.badRequest(at + ": the token's owner cannot '" + action + "' the " + type.type() + " '"
                        + permission.resource() + "' (it does not exist or is not theirs or shared with them)");
            }
        }
    }
}
