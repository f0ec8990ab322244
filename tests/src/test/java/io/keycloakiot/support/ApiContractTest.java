package io.keycloakiot.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The OpenAPI document the build generated, against the routes of the resources ({@link ApiRoutes}): no server needed. */
class ApiContractTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyRouteOfTheResourcesIsInTheContractAndNothingElse() {
        Set<String> routes = new TreeSet<>();
        ApiRoutes.all().forEach(route -> routes.add(route.method() + " " + route.fullTemplate()));
        Set<String> documented = new TreeSet<>();
        operations((key, operation) -> documented.add(key));

        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(routes);
        assertEquals(Set.of(), missing, "routes the contract lacks");
        assertEquals(Set.of(), extra, "operations of the contract that are no route");
    }

    @Test
    void theContractIsValidOpenApi3() {
        assertEquals(List.of(), ApiContract.openApiProblems(ApiContract.text()));
        assertEquals("3.0.3", ApiContract.document().path("openapi").asText());
    }

    @Test
    void everyOperationSaysWhatItDoesAndAnswersOnSuccessAndRefusal() {
        List<String> lacking = new ArrayList<>();
        operations((key, operation) -> {
            if (operation.path("summary").asText().isBlank()) {
                lacking.add(key + ": no summary");
            }
            List<String> statuses = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(statuses::add);
            if (statuses.stream().noneMatch(status -> status.startsWith("2"))) {
                lacking.add(key + ": no success response");
            }
            if (!statuses.contains("415")) {
                lacking.add(key + ": no 415");
            }
            // JAX-RS's default for an undocumented method
            operation.path("responses").forEach(response -> {
                if ("OK".equals(response.path("description").asText())) {
                    lacking.add(key + ": a response described only as OK");
                }
            });
        });
        assertEquals(List.of(), lacking);
    }

    @Test
    void anAnswerTheContractDoesNotDescribeIsAViolation() {
        String devices = "/realms/iot/iot/devices";
        Map<String, List<String>> json = Map.of("Content-Type", List.of("application/json"));
        String device = "{\"id\":\"d1\",\"externalId\":null,\"name\":\"Lamp\",\"type\":\"sensor\",\"owner\":\"u1\","
                + "\"attributes\":{},\"enabled\":true,\"disabledByAdmin\":false,\"createdTimestamp\":1,\"sharedWithMe\":false,"
                + "\"ownerName\":null,\"sharedActions\":null,\"claimable\":false,\"claimSecretExpiresAt\":null}";
        assertEquals(List.of(), ApiContract.violations("GET", devices, 200, json, "[" + device + "]"));
        assertEquals(List.of(), ApiContract.violations("GET", devices, 403, json,
                "{\"error\":\"insufficient_scope\",\"error_description\":\"the token was not granted device:read\"}"));

        assertFalse(ApiContract.violations("GET", devices, 200, json,
                "[" + device.replace("}", ",\"secret\":\"x\"}") + "]").isEmpty(), "a property the schema does not name");
        assertFalse(ApiContract.violations("GET", devices, 200, json, "[" + device.replace("\"name\":\"Lamp\",", "") + "]")
                .isEmpty(), "a required property missing");
        assertFalse(ApiContract.violations("GET", devices, 200, json, "[" + device.replace("\"owner\":\"u1\"", "\"owner\":7") + "]")
                .isEmpty(), "a property of the wrong type");
        assertFalse(ApiContract.violations("GET", devices, 500, json, "{\"error\":\"unknown_error\"}").isEmpty(),
                "a status the operation does not answer");
        assertFalse(ApiContract.violations("GET", devices, 400, json, "{\"message\":\"bad\"}").isEmpty(), "not the error body");
        assertFalse(ApiContract.violations("GET", devices, 200, Map.of("Content-Type", List.of("text/html")), "<p>").isEmpty(),
                "a content type the operation does not answer");

        // Not the pack's answers: another path, and no route of the contract.
        assertEquals(List.of(), ApiContract.violations("GET", "/realms/iot/protocol/openid-connect/certs", 500, json, "{}"));
        assertEquals(List.of(), ApiContract.violations("PATCH", devices, 405, json, "{}"));
        assertEquals(List.of(), ApiContract.violations("GET", devices + "/d1/nothing", 404, json, "{}"));
    }

    /** Each operation of the document with its key, {@code METHOD /full/path}. */
    private static void operations(java.util.function.BiConsumer<String, JsonNode> each) {
        ApiContract.document().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                each.accept(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
            }
        }));
    }
}
