package io.keycloakiot.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.ApiRoutes.Route;

/**
 * What a route of {@link ApiRoutes} needs to be called as intended: a value for each path parameter and a valid
 * body, both taken from one user's {@link Things}. The sweeps then vary the caller or the input, not both.
 */
public final class RouteFixtures {

    /** One user's things, one of each kind, and what the admin routes round-trip (catalogue, settings). */
    public record Things(String userId, String otherUserId, String device, String ground, String deviceTokenId,
                         String groundTokenId, String profileTokenId, String deviceShare, String groundShare,
                         String catalogueType, String deviceToken, JsonNode catalogue, JsonNode settings) {
    }

    private RouteFixtures() {
    }

    /** The value of a path parameter: the user's thing of that kind (the template says which kind). */
    public static String param(Route route, String name, Things w) {
        String t = route.template();
        return switch (name) {
            case "id" -> t.startsWith("/devices") ? w.device() : t.startsWith("/grounds") ? w.ground()
                    : t.startsWith("/shares/{id}") ? (route.method().equals("DELETE") ? w.deviceShare() : w.groundShare())
                    : unknown(route, name);
            case "deviceId" -> w.device();
            case "tokenId" -> t.startsWith("/devices") ? w.deviceTokenId() : t.startsWith("/grounds") ? w.groundTokenId()
                    : w.profileTokenId();
            case "shareId" -> t.startsWith("/devices") ? w.deviceShare() : w.groundShare();
            case "user", "owner" -> w.userId();
            case "type" -> w.catalogueType();
            default -> unknown(route, name);
        };
    }

    /** Whether {@link #param} knows every path parameter of the route (null when it does). */
    public static String unclassifiedParam(Route route) {
        for (String name : route.pathParams()) {
            if (!List.of("id", "deviceId", "tokenId", "shareId", "user", "owner", "type").contains(name)) {
                return "the sweeps cannot classify path parameter {" + name + "} of " + route + ": add it to RouteFixtures.param";
            }
        }
        return null;
    }

    /** A valid body for each route that takes one (null for those that take none). */
    public static Object body(Route route, Things w) {
        String shape = route.method() + " " + route.template().replaceAll("\\{\\w+}", "*");
        List<Map<String, Object>> permissions = List.of(Map.of("type", "device", "resource", w.device(), "actions", List.of("read")));
        return switch (shape) {
            case "POST /devices", "POST /onboarding" -> Map.of("name", "Swept", "type", "sensor");
            case "POST /grounds" -> Map.of("name", "Swept");
            case "PUT /devices/*", "PUT /grounds/*" -> Map.of("name", "Renamed");
            case "PUT /devices/*/owner" -> Map.of("owner", w.otherUserId());
            case "POST /devices/import" -> List.of(Map.of("name", "Imported", "type", "sensor"));
            case "POST /devices/*/claim-secret" -> Map.of();
            case "POST /devices/*/tokens", "POST /grounds/*/tokens" -> Map.of("name", "swept");
            case "POST /tokens", "POST /users/*/tokens" -> Map.of("name", "swept", "permissions", permissions);
            case "PATCH /devices/*/tokens/*", "PATCH /grounds/*/tokens/*", "PATCH /tokens/*", "PATCH /users/*/tokens/*",
                 "PUT /devices/*/tokens/*", "PUT /grounds/*/tokens/*" -> Map.of("name", "renamed");
            case "PUT /tokens/*", "PUT /users/*/tokens/*" -> Map.of("name", "renamed", "permissions", permissions);
            case "POST /devices/*/shares", "POST /grounds/*/shares" -> Map.of("email", "dave@example.com", "actions", List.of("read"));
            case "PUT /catalogue" -> w.catalogue();
            case "PUT /catalogue/types/*" -> Map.of("description", "swept", "actions", List.of("read"), "deviceActions", List.of("read"));
            case "PUT /settings" -> w.settings();
            case "POST /authz/check" -> Map.of("token", w.deviceToken(), "resource", Map.of("type", "device", "id", w.device()), "action", "read");
            case "POST /authz/batch" -> Map.of("token", w.deviceToken(), "checks",
                    List.of(Map.of("resource", Map.of("type", "device", "id", w.device()), "action", "read")));
            case "POST /authz/list" -> Map.of("token", w.deviceToken(), "type", "device", "action", "read");
            default -> {
                if (route.takesBody()) {
                    throw new AssertionError("no valid body known for " + route + ": add it to RouteFixtures.body");
                }
                yield null;
            }
        };
    }

    private static String unknown(Route route, String name) {
        throw new AssertionError(unclassifiedParam(route) == null ? "no value for {" + name + "} of " + route : unclassifiedParam(route));
    }
}
