package io.keycloakiot.ground;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Given;
import io.keycloakiot.common.TextRules;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A validated ground create or update request; absent fields stay as they are on update. */
record GroundInput(String name, boolean descriptionGiven, String description, boolean ownerGiven, String owner) {

    /** The body of a ground create or update; {@code id} and {@code createdTimestamp} are read-only, accepted and ignored. */
    @JsonIgnoreProperties({"id", "createdTimestamp"})
    @Schema(name = "GroundInput", description = "A ground create (`name` required) or update (a field left out stays as it"
            + " is; `description` and `owner` given as null are cleared).")
    record Body(@Schema(implementation = String.class) Given<String> name,
                @Schema(implementation = String.class, nullable = true) Given<String> description,
                @Schema(implementation = String.class, nullable = true, description = "A user id or username, or null for the"
                        + " realm's fleet: the admin API's") Given<String> owner) {

        GroundInput creating() {
            if (name.value() == null) {
                throw ApiError.invalidField("name", "is required");
            }
            return input();
        }

        GroundInput updating() {
            if (name.isNull()) {
                throw ApiError.invalidField("name", "cannot be null");
            }
            return input();
        }

        private GroundInput input() {
            return new GroundInput(
                    name.value() == null ? null : TextRules.name("name", name.value(), TextRules.NAME_MAX),
                    description.present(),
                    description.value() == null ? null
                            : TextRules.description("description", description.value(), TextRules.DESCRIPTION_MAX),
                    owner.present(),
                    owner.value());
        }
    }
}
