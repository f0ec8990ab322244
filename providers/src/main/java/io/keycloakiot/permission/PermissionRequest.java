package io.keycloakiot.permission;

import java.util.List;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.TextRules;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One permission as a request names it, {@code {"type", "resource", "actions"}}: its shape is checked here, its type
 * and actions against the realm's catalogue by {@link PermissionList#read}.
 */
@Schema(name = "PermissionInput", description = "One permission of a token: actions of a catalogue type on one resource id,"
        + " or on every one (`*`).")
public record PermissionRequest(@Schema(required = true) String type,
                                @Schema(required = true) String resource,
                                @Schema(required = true) List<String> actions) {

    public PermissionRequest {
        if (type == null) {
            throw ApiError.invalidField("type", "is required");
        }
        if (resource == null) {
            throw ApiError.invalidField("resource", "is required");
        }
        if (!resource.equals(Permission.ALL)) {
            TextRules.identifier("resource", resource, TextRules.IDENTIFIER_MAX);
        }
        if (actions == null || actions.isEmpty()) {
            throw ApiError.invalidField("actions", "must be a non-empty list of actions");
        }
    }
}
