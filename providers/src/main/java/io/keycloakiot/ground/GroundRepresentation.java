package io.keycloakiot.ground;

import io.keycloakiot.model.GroundModel;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of a ground. {@code owner} is a user id, or null for the realm's fleet. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Ground", description = "A named group of one owner's devices. `owner` is a user id, or null for the realm's fleet.")
public record GroundRepresentation(@Schema(required = true) String id,
                                   @Schema(required = true) String name,
                                   @Schema(required = true, nullable = true) String description,
                                   @Schema(required = true, nullable = true) String owner,
                                   @Schema(required = true) long createdTimestamp) {

    static GroundRepresentation of(GroundModel ground) {
        return new GroundRepresentation(ground.getId(), ground.getName(), ground.getDescription(), ground.getOwnerId(),
                ground.getCreatedAt());
    }
}
