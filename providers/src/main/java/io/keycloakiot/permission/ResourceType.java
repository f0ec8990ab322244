package io.keycloakiot.permission;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A resource type of the catalogue and the actions a permission may name on it.
 *
 * @param deviceActions the actions a device token, a ground token or a share may carry (a subset of
 *                      {@code actions}); empty for types only users and their profiles act on
 * @param adminOnly     only a realm administrator's tokens may hold permissions on this type
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A resource type of the catalogue and the actions a permission may name on it; `deviceActions` are"
        + " those a device token, a ground token or a share may carry.")
public record ResourceType(@Schema(required = true) String type,
                           @Schema(required = true, nullable = true) String description,
                           @Schema(required = true) List<String> actions,
                           @Schema(required = true) List<String> deviceActions,
                           @Schema(required = true) boolean adminOnly) {

    public boolean hasAction(String action) {
        return actions.contains(action);
    }

    /** Actions an administrator with view-only rights may take: reading and listing. */
    public static boolean isReadOnly(String action) {
        return action.equals("read") || action.equals("list") || action.startsWith("read_");
    }
}
