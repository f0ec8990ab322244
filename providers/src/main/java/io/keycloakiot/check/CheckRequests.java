package io.keycloakiot.check;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Page;
import io.keycloakiot.token.TokenPresenter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The bodies of the check API. Their shape is checked here; resource types and actions against the realm's
 * catalogue by {@link CheckResource}.
 */
final class CheckRequests {

    private CheckRequests() {
    }

    /** {@code {"type", "id"}}: one resource of the catalogue's types. */
    @Schema(name = "ResourceRef")
    record Resource(@Schema(required = true, description = "a type of the realm's catalogue") String type,
                    @Schema(required = true, minLength = 1, maxLength = 255) String id) {

        Resource {
            required("type", type);
            required("id", id);
            if (id.isEmpty() || id.length() > 255) {
                throw ApiError.invalidField("id", "must be 1..255 characters");
            }
        }
    }

    /** {@code {"token", "resource", "action"}}. */
    @Schema(name = "CheckRequest")
    record Check(@Schema(required = true, description = "any token of the realm: a user's or client's access token, a device,"
                         + " ground or profile token") String token,
                 @Schema(required = true) Resource resource,
                 @Schema(required = true, description = "an action of the resource's type") String action,
                 @Schema(description = "the device's IP address, taken from a client the realm trusts to report it")
                 @JsonProperty(TokenPresenter.REPORTED_ADDRESS) String reportedAddress) {

        Check {
            checkToken(token);
            required("resource", resource);
            required("action", action);
        }
    }

    /** {@code {"token", "checks": [{"resource", "action"}, ...]}}. */
    @Schema(name = "BatchRequest")
    record Batch(@Schema(required = true) String token,
                 @Schema(required = true, minItems = 1, maxItems = CheckResource.MAX_BATCH) List<Item> checks,
                 @JsonProperty(TokenPresenter.REPORTED_ADDRESS) String reportedAddress) {

        Batch {
            checkToken(token);
            if (checks == null || checks.isEmpty() || checks.size() > CheckResource.MAX_BATCH) {
                throw ApiError.invalidField("checks", "must be a list of 1.." + CheckResource.MAX_BATCH
                        + " objects {\"resource\", \"action\"}");
            }
        }
    }

    /** One check of a batch. */
    @Schema(name = "BatchCheck")
    record Item(@Schema(required = true) Resource resource, @Schema(required = true) String action) {

        Item {
            required("resource", resource);
            required("action", action);
        }
    }

    /** {@code {"token", "type", "action", "first"?, "max"?}}. */
    @Schema(name = "ListingRequest")
    record Listing(@Schema(required = true) String token,
                   @Schema(required = true) String type,
                   @Schema(required = true) String action,
                   @Schema(minimum = "0") Long first,
                   @Schema(minimum = "1", maximum = "" + Page.MAX_MAX) Long max,
                   @JsonProperty(TokenPresenter.REPORTED_ADDRESS) String reportedAddress) {

        Listing {
            checkToken(token);
            required("type", type);
            required("action", action);
        }
    }

    private static void checkToken(String token) {
        required("token", token);
        if (token.length() > CheckResource.MAX_TOKEN_LENGTH) {
            throw ApiError.invalidField("token", "is longer than any token of this realm");
        }
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw ApiError.invalidField(field, "is required");
        }
    }
}
