package io.keycloakiot.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.introspect;
import static io.keycloakiot.support.IotApi.newDevice;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ground tokens reach every device in the ground at the moment of use, and nothing user-level. */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class GroundTokenIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    String alice;

    @BeforeEach
    void signIn() {
        alice = IotApi.userToken("alice");
    }

    @Test
    void aGroundTokenFollowsMembershipChangesAtOnce() {
        String ground = self("POST", "/grounds", alice, Map.of("name", "Field")).expect(201).json().get("id").asText();
        String early = newDevice(alice, "Early probe");
        self("PUT", "/grounds/" + ground + "/devices/" + early, alice, null).expect(204);
        JsonNode created = self("POST", "/grounds/" + ground + "/tokens", alice, Map.of("name", "field app")).expect(201).json();
        String token = created.get("token").asText();
        assertTrue(token.startsWith("iotg_"));

        JsonNode answer = introspect(token, "ground_token");
        assertTrue(answer.get("active").asBoolean());
        assertEquals("ground_token", answer.get("token_type").asText());
        assertEquals(ground, answer.get("ground_id").asText());
        assertEquals(List.of("ground:" + ground, "device:" + early), details(answer));

        String late = newDevice(alice, "Late probe");
        self("PUT", "/grounds/" + ground + "/devices/" + late, alice, null).expect(204);
        assertEquals(List.of("ground:" + ground, "device:" + early, "device:" + late), details(introspect(token, null)),
                "a device added later is covered on the next request");

        self("DELETE", "/grounds/" + ground + "/devices/" + early, alice, null).expect(204);
        assertEquals(List.of("ground:" + ground, "device:" + late), details(introspect(token, null)),
                "a removed device is dropped at once");

        self("PUT", "/devices/" + late, alice, Map.of("enabled", false)).expect(200);
        assertEquals(List.of("ground:" + ground), details(introspect(token, null)), "a disabled device is not reachable");

        self("DELETE", "/grounds/" + ground, alice, null).expect(204);
        assertFalse(introspect(token, null).get("active").asBoolean(), "deleting the ground revokes its tokens");
    }

    @Test
    void aGroundTokenGrantsNothingUserLevel() {
        String ground = self("POST", "/grounds", alice, Map.of("name", "Shed")).expect(201).json().get("id").asText();
        String token = self("POST", "/grounds/" + ground + "/tokens", alice, Map.of("name", "shed")).expect(201).json().get("token").asText();
        self("GET", "/devices", token, null).expectError(401, "invalid_token");
        self("POST", "/devices", token, Map.of("name", "x", "type", "y")).expectError(401, "invalid_token");
        self("POST", "/grounds/" + ground + "/tokens", token, Map.of("name", "more")).expectError(401, "invalid_token");
        IotApi.admin("GET", "/devices", token, null).expect(401);
    }

    @Test
    void groundTokensHaveTheSameLifecycleAsDeviceTokens() {
        String ground = self("POST", "/grounds", alice, Map.of("name", "Yard")).expect(201).json().get("id").asText();
        JsonNode created = self("POST", "/grounds/" + ground + "/tokens", alice, Map.of("name", "yard", "enabled", false)).expect(201).json();
        String path = "/grounds/" + ground + "/tokens/" + created.get("id").asText();
        assertFalse(introspect(created.get("token").asText(), null).get("active").asBoolean(), "created disabled");
        self("PATCH", path, alice, Map.of("enabled", true, "name", "yard app")).expect(200);
        assertTrue(introspect(created.get("token").asText(), null).get("active").asBoolean());
        assertEquals("yard app", self("GET", path, alice, null).expect(200).json().get("name").asText());
        self("PATCH", path, alice, Map.of("enabled", "no")).expectError(400, "invalid_request");
        self("PATCH", path, alice, Map.of("secret", "x")).expectError(400, "invalid_request");
        assertEquals(1, self("GET", "/grounds/" + ground + "/tokens", alice, null).expect(200).json().size());
        self("DELETE", path, alice, null).expect(204);
        assertFalse(introspect(created.get("token").asText(), null).get("active").asBoolean());
        // A device token's id is not a ground token's id.
        String device = newDevice(alice, "Gate");
        String deviceTokenId = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "gate")).expect(201).json().get("id").asText();
        self("GET", "/grounds/" + ground + "/tokens/" + deviceTokenId, alice, null).expectError(404, "not_found");
    }

    private static List<String> details(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("authorization_details").forEach(d -> out.add(d.get("type").asText().substring(4) + ":" + d.get("identifier").asText()));
        return out;
    }
}
