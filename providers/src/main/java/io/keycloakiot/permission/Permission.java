package io.keycloakiot.permission;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One grant of a token: some actions on one resource of a type, or on every one of them ({@value #ALL}). */
@Schema(description = "One grant of a token: some actions on one resource of a type, or on every one of them (`*`).")
public record Permission(@Schema(required = true) String type,
                         @Schema(required = true) String resource,
                         @Schema(required = true) List<String> actions) {

    public static final String ALL = "*";

    public boolean covers(String type, String id, String action) {
        return this.type.equals(type) && (resource.equals(ALL) || resource.equals(id)) && actions.contains(action);
    }

    @JsonIgnore
    public boolean isWildcard() {
        return resource.equals(ALL);
    }
}
