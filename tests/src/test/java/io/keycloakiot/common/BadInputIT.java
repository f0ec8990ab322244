package io.keycloakiot.common;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.call;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every kind of bad input answers a 4xx with {"error", "error_description"}, and nothing is saved. */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class BadInputIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    String alice;

    @BeforeEach
    void signIn() {
        alice = IotApi.userToken("alice");
    }

    static Stream<Arguments> badDeviceBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"name\": \"x\", "),
                Arguments.of("not an object", "[{\"name\": \"x\", \"type\": \"y\"}]"),
                Arguments.of("a bare string", "\"device\""),
                Arguments.of("empty body", ""),
                Arguments.of("missing name", "{\"type\": \"sensor\"}"),
                Arguments.of("missing type", "{\"name\": \"Probe\"}"),
                Arguments.of("name is a number", "{\"name\": 42, \"type\": \"sensor\"}"),
                Arguments.of("name is an object", "{\"name\": {\"en\": \"x\"}, \"type\": \"sensor\"}"),
                Arguments.of("enabled is a string", "{\"name\": \"x\", \"type\": \"sensor\", \"enabled\": \"yes\"}"),
                Arguments.of("attributes is an array", "{\"name\": \"x\", \"type\": \"sensor\", \"attributes\": [1]}"),
                Arguments.of("attribute value is a number", "{\"name\": \"x\", \"type\": \"sensor\", \"attributes\": {\"a\": 1}}"),
                Arguments.of("attribute key with a space", "{\"name\": \"x\", \"type\": \"sensor\", \"attributes\": {\"a b\": \"1\"}}"),
                Arguments.of("unknown field", "{\"name\": \"x\", \"type\": \"sensor\", \"colour\": \"red\"}"),
                Arguments.of("blank name", "{\"name\": \"   \", \"type\": \"sensor\"}"),
                Arguments.of("name of 256 characters", body("n".repeat(256), "sensor")),
                Arguments.of("name with a control character", body("Probe\u0000", "sensor")),
                Arguments.of("name with a line break", body("Probe\nTwo", "sensor")),
                Arguments.of("name with a bidi override", body("Probe\u202Egnp.exe", "sensor")),
                Arguments.of("name with a zero-width joiner", body("Pro\u200Dbe", "sensor")),
                Arguments.of("name with a lone surrogate", "{\"name\": \"Probe\\uD800\", \"type\": \"sensor\"}"),
                Arguments.of("type with a space", body("Probe", "soil sensor")),
                Arguments.of("type too long", body("Probe", "t".repeat(65))),
                Arguments.of("externalId with a comma", "{\"name\": \"x\", \"type\": \"sensor\", \"externalId\": \"a,b\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDeviceBodies")
    void badDeviceBodiesAreRefusedAndNothingIsSaved(String why, String body) {
        String adminToken = adminClient.tokenManager().getAccessTokenString();
        int before = admin("GET", "/devices?max=1000", adminToken, null).expect(200).json().size();
        self("POST", "/devices", alice, body).expectError(400, "invalid_request");
        admin("POST", "/devices", adminToken, body).expectError(400, "invalid_request");
        assertEquals(before, admin("GET", "/devices?max=1000", adminToken, null).expect(200).json().size());
    }

    @Test
    void badUpdatesAreRefusedAndTheDeviceIsUnchanged() {
        String id = self("POST", "/devices", alice, Map.of("name", "Stable", "type", "sensor")).expect(201).json().get("id").asText();
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("name", null);
        self("PUT", "/devices/" + id, alice, nullName).expectError(400, "invalid_request");
        self("PUT", "/devices/" + id, alice, "{\"name\": ").expectError(400, "invalid_request");
        self("PUT", "/devices/" + id, alice, Map.of("name", "x".repeat(300))).expectError(400, "invalid_request");
        self("PUT", "/devices/" + id, alice, Map.of("owner", "bob")).expectError(400, "invalid_request");
        assertEquals("Stable", self("GET", "/devices/" + id, alice, null).expect(200).json().get("name").asText());
    }

    @Test
    void namesAtTheLimitAndInAnyScriptAreAccepted() {
        String atLimit = "\uD83C\uDF21".repeat(127) + "x";
        JsonNode device = self("POST", "/devices", alice, Map.of("name", atLimit, "type", "sensor")).expect(201).json();
        assertEquals(atLimit, self("GET", "/devices/" + device.get("id").asText(), alice, null).expect(200).json().get("name").asText());
        // 128 emoji are 256 UTF-16 units: over the limit, refused rather than truncated.
        self("POST", "/devices", alice, Map.of("name", "\uD83C\uDF21".repeat(128), "type", "sensor")).expectError(400, "invalid_request");
        String mixed = "Température – 温度计 – Датчик";
        assertEquals(mixed, self("POST", "/devices", alice, Map.of("name", " " + mixed + " ", "type", "sensor"))
                .expect(201).json().get("name").asText(), "names are trimmed");
        // NFC: a decomposed é is stored composed, so two spellings cannot make look-alike names.
        assertEquals("Caf\u00E9", self("POST", "/devices", alice, Map.of("name", "Cafe\u0301", "type", "sensor"))
                .expect(201).json().get("name").asText());
    }

    @Test
    void duplicateExternalIdIsAConflict() {
        self("POST", "/devices", alice, Map.of("name", "One", "type", "sensor", "externalId", "DUP-1")).expect(201);
        self("POST", "/devices", alice, Map.of("name", "Two", "type", "sensor", "externalId", "DUP-1")).expectError(409, "conflict");
        String bob = IotApi.userToken("bob");
        self("POST", "/devices", bob, Map.of("name", "Bob's", "type", "sensor", "externalId", "DUP-1")).expectError(409, "conflict");
        String other = self("POST", "/devices", alice, Map.of("name", "Three", "type", "sensor", "externalId", "DUP-2")).expect(201).json().get("id").asText();
        self("PUT", "/devices/" + other, alice, Map.of("externalId", "DUP-1")).expectError(409, "conflict");
        self("PUT", "/devices/" + other, alice, Map.of("externalId", "DUP-2")).expect(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"first=-1", "first=abc", "max=0", "max=1001", "max=1e3", "first=99999999999"})
    void badPaginationIsRefused(String query) {
        self("GET", "/devices?" + query, alice, null).expectError(400, "invalid_request");
        self("GET", "/grounds?" + query, alice, null).expectError(400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"does-not-exist", "00000000-0000-0000-0000-000000000000", "%27%20or%201%3D1--",
            "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void unknownIdsAreNotFound(String id) {
        self("GET", "/devices/" + id, alice, null).expectError(404, "not_found");
        self("PUT", "/devices/" + id, alice, Map.of("name", "x")).expectError(404, "not_found");
        self("DELETE", "/devices/" + id, alice, null).expectError(404, "not_found");
        self("GET", "/grounds/" + id, alice, null).expectError(404, "not_found");
        self("GET", "/grounds/" + id + "/devices", alice, null).expectError(404, "not_found");
    }

    @Test
    void badGroundBodiesAreRefused() {
        self("POST", "/grounds", alice, "{}").expectError(400, "invalid_request");
        self("POST", "/grounds", alice, Map.of("name", 7)).expectError(400, "invalid_request");
        self("POST", "/grounds", alice, Map.of("name", "x".repeat(256))).expectError(400, "invalid_request");
        self("POST", "/grounds", alice, Map.of("name", "ok", "description", "d".repeat(2049))).expectError(400, "invalid_request");
        self("POST", "/grounds", alice, Map.of("name", "ok", "owner", "bob")).expectError(400, "invalid_request");
        self("POST", "/grounds", alice, "{\"name\": \"x\"").expectError(400, "invalid_request");
        assertEquals(0, self("GET", "/grounds", alice, null).expect(200).json().size());
    }

    @Test
    void aTokenOfAnotherRealmIsRefused() {
        String masterToken = adminClient.tokenManager().getAccessTokenString();
        self("GET", "/devices", masterToken, null).expectError(401, "invalid_token");
        JsonNode body = call("GET", "/realms/iot/iot/devices", "eyJhbGciOiJub25lIn0.e30.", null, null).expect(401).json();
        assertFalse(body.path("error").asText().isEmpty());
    }

    private static String body(String name, String type) {
        return IotApi.toJson(Map.of("name", name, "type", type));
    }
}
