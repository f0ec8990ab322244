package io.keycloakiot.permission;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A resource type of the catalogue and the actions a permission may name on it.
 *
 * @param deviceActions the actions a device token, a ground token or a share may carry (a subset of
 *                      {@code actions}); empty for types only users and their profiles act on
 * @param adminOnly     only a realm administrator's tokens may hold permissions on this type
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ResourceType(String type, String description, List<String> actions, List<String> deviceActions,
                           boolean adminOnly) {

    public boolean hasAction(String action) {
        return actions.contains(action);
    }

    /** Actions an administrator with view-only rights may take: reading and listing. */
    public static boolean isReadOnly(String action) {
        return action.equals("read") || action.equals("list") || action.startsWith("read_");
    }
}
