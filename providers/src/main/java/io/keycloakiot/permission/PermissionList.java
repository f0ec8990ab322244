package io.keycloakiot.permission;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.JsonInput;
import io.keycloakiot.common.TextRules;
import org.keycloak.util.JsonSerialization;

/**
 * The permissions of a token as requested, stored (JSON in the token's row) and read back. Reading a
 * request checks the structure and the realm's catalogue; what a particular token may hold is decided by
 * {@code TokenPermissionRules}.
 */
public final class PermissionList {

    public static final int MAX_PERMISSIONS = 100;
    private static final Set<String> FIELDS = Set.of("type", "resource", "actions");
    private static final TypeReference<List<Permission>> STORED = new TypeReference<>() {
    };

    private PermissionList() {
    }

    /** A request's {@code permissions}: a list of {@code {type, resource, actions}}; 400 on any problem. */
    public static List<Permission> read(JsonNode node, PermissionCatalogue catalogue) {
        if (node == null || !node.isArray() || node.size() > MAX_PERMISSIONS) {
            throw ApiError.badRequest("'permissions' must be a list of at most " + MAX_PERMISSIONS
                    + " objects {\"type\", \"resource\", \"actions\"}");
        }
        List<Permission> permissions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "permissions[" + i + "]";
            JsonInput in = JsonInput.of(node.get(i), FIELDS, "'" + at + "'");
            String typeName = in.requiredText("type");
            ResourceType type = catalogue.type(typeName);
            if (type == null) {
                throw ApiError.badRequest("'" + at + ".type': unknown resource type; the catalogue has "
                        + String.join(", ", catalogue.types().stream().map(ResourceType::type).toList()));
            }
            String resource = in.requiredText("resource");
            if (!resource.equals(Permission.ALL)) {
                TextRules.identifier(at + ".resource", resource, TextRules.IDENTIFIER_MAX);
            }
            JsonNode actionsNode = in.get("actions");
            if (actionsNode == null || !actionsNode.isArray() || actionsNode.isEmpty()) {
                throw ApiError.badRequest("'" + at + ".actions' must be a non-empty list of actions");
            }
            Set<String> actions = new LinkedHashSet<>();
            for (JsonNode action : actionsNode) {
                if (!action.isTextual() || !type.hasAction(action.textValue())) {
                    throw ApiError.badRequest("'" + at + ".actions': '" + (action.isTextual() ? action.textValue() : action)
                            + "' is not an action of '" + typeName + "'; allowed: " + String.join(", ", type.actions()));
                }
                actions.add(action.textValue());
            }
            if (!seen.add(typeName + "\n" + resource)) {
                throw ApiError.badRequest("'" + at + "' repeats type '" + typeName + "' and resource '" + resource
                        + "'; list each resource once with all its actions");
            }
            permissions.add(new Permission(typeName, resource, List.copyOf(actions)));
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
