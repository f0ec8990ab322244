package io.keycloakiot.authz;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.token.TokenPresenter;

/**
 * The bodies of the check API. Their shape is checked here; resource types and actions against the realm's
 * catalogue by {@link AuthzResource}.
 */
final class AuthzRequests {

    private AuthzRequests() {
    }

    /** {@code {"type", "id"}}: one resource of the catalogue's types. */
    record Resource(String type, String id) {

        Resource {
            required("type", type);
            required("id", id);
            if (id.isEmpty() || id.length() > 255) {
                throw ApiError.invalidField("id", "must be 1..255 characters");
            }
        }
    }

    /** {@code {"token", "resource", "action"}}. */
    record Check(String token, Resource resource, String action,
                 @JsonProperty(TokenPresenter.REPORTED_ADDRESS) String reportedAddress) {

        Check {
            checkToken(token);
            required("resource", resource);
            required("action", action);
        }
    }

    /** {@code {"token", "checks": [{"resource", "action"}, ...]}}. */
    record Batch(String token, List<Item> checks, @JsonProperty(TokenPresenter.REPORTED_ADDRESS) String reportedAddress) {

        Batch {
            checkToken(token);
            if (checks == null || checks.isEmpty() || checks.size() > AuthzResource.MAX_BATCH) {
                throw ApiError.invalidField("checks", "must be a list of 1.." + AuthzResource.MAX_BATCH
                        + " objects {\"resource\", \"action\"}");
            }
        }
    }

    /** One check of a batch. */
    record Item(Resource resource, String action) {

        Item {
            required("resource", resource);
            required("action", action);
        }
    }

    /** {@code {"token", "type", "action", "first"?, "max"?}}. */
    record Listing(String token, String type, String action, Long first, Long max,
                   @JsonProperty(TokenPresenter.REPORTED_ADDRESS) String reportedAddress) {

        Listing {
            checkToken(token);
            required("type", type);
            required("action", action);
        }
    }

    private static void checkToken(String token) {
        required("token", token);
        if (token.length() > AuthzResource.MAX_TOKEN_LENGTH) {
            throw ApiError.invalidField("token", "is longer than any token of this realm");
        }
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw ApiError.invalidField(field, "is required");
        }
    }
}
