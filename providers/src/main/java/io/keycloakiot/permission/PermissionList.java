package io.keycloakiot.permission;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import io.keycloakiot.common.ApiError;
import org.keycloak.util.JsonSerialization;

/**
 * The permissions of a token as requested, stored (JSON in the token's row) and read back. Reading a
 * request checks the structure and the realm's catalogue; what a particular token may hold is decided by
 * {@code TokenPermissionRules}.
 */
public final class PermissionList {

    public static final int MAX_PERMISSIONS = 100;
    private static final TypeReference<List<Permission>> STORED = new TypeReference<>() {
    };

    private PermissionList() {
    }

    /** A request's {@code permissions}, checked against the catalogue; 400 on any problem. */
    public static List<Permission> read(List<PermissionRequest> requested, PermissionCatalogue catalogue) {
        if (requested.size() > MAX_PERMISSIONS) {
            throw ApiError.invalidField("permissions", "must be a list of at most " + MAX_PERMISSIONS
                    + " objects {\"type\", \"resource\", \"actions\"}");
        }
        List<Permission> permissions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String at = "permissions[" + i + "]";
            PermissionRequest permission = requested.get(i);
            ResourceType type = catalogue.type(permission.type());
            if (type == null) {
                throw ApiError.invalidField(at + ".type", "is not a resource type of the catalogue; it has "
                        + String.join(", ", catalogue.types().stream().map(ResourceType::type).toList()));
            }
            Set<String> actions = new LinkedHashSet<>();
            for (int j = 0; j < permission.actions().size(); j++) {
                String action = permission.actions().get(j);
                if (!type.hasAction(action)) {
                    throw ApiError.invalidField(at + ".actions[" + j + "]", "is not an action of '" + type.type()
                            + "'; allowed: " + String.join(", ", type.actions()));
                }
                actions.add(action);
            }
            if (!seen.add(type.type() + "\n" + permission.resource())) {
                throw ApiError.invalidField(at, "repeats type '" + type.type() + "' and resource '" + permission.resource()
                        + "'; list each resource once with all its actions");
            }
            permissions.add(new Permission(type.type(), permission.resource(), List.copyOf(actions)));
        }
        return List.copyOf(permissions);
    }

    /** The stored form; null stays null (the token kind's default). */
    public static String toJson(List<Permission> permissions) {
        if (permissions == null) {
            return null;
        }
        try {
            return JsonSerialization.writeValueAsString(permissions);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Permission> fromJson(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return List.copyOf(JsonSerialization.readValue(stored, STORED));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable permissions of a token", e);
        }
    }
}
