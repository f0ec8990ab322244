package io.keycloakiot.ground;

import java.util.Set;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.JsonInput;
import io.keycloakiot.common.TextRules;

/** A validated ground create or update request; absent fields stay as they are on update. */
record GroundInput(String name, boolean descriptionGiven, String description, boolean ownerGiven, String owner) {

    static final Set<String> FIELDS = Set.of("name", "description", "owner", "id", "createdTimestamp");

    static GroundInput read(JsonInput in, boolean creating) {
        String name = in.optionalText("name");
        if (creating && name == null) {
            throw ApiError.badRequest("'name' is required");
        }
        if (!creating && in.isNull("name")) {
            throw ApiError.badRequest("'name' cannot be null");
        }
        String description = in.optionalText("description");
        return new GroundInput(
                name == null ? null : TextRules.name("name", name, TextRules.NAME_MAX),
                in.has("description"),
                description == null ? null : TextRules.description("description", description, TextRules.DESCRIPTION_MAX),
                in.has("owner"),
                in.optionalText("owner"));
    }
}
