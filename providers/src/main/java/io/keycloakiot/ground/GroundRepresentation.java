package io.keycloakiot.ground;

import io.keycloakiot.model.GroundModel;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON of a ground. {@code owner} is a user id, or null for the realm's fleet. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GroundRepresentation(String id, String name, String description, String owner, long createdTimestamp) {

    static GroundRepresentation of(GroundModel ground) {
        return new GroundRepresentation(ground.getId(), ground.getName(), ground.getDescription(), ground.getOwnerId(),
                ground.getCreatedAt());
    }
}
