package io.keycloakiot.device;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotApi.Reply;
import io.keycloakiot.support.IotServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@KeycloakIntegrationTest(config = IotServerConfig.class)
class DeviceSelfServiceIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    String alice;
    String bob;

    @BeforeEach
    void signIn() {
        alice = IotApi.userToken("alice");
        bob = IotApi.userToken("bob");
    }

    @Test
    void aliceCreatesReadsRenamesAndDeletesHerDevice() {
        Reply created = self("POST", "/devices", alice,
                Map.of("name", "Kitchen thermostat", "type", "thermostat", "externalId", "SN-0001",
                        "attributes", Map.of("firmware", "1.2.0"))).expect(201);
        String id = created.json().get("id").asText();
        assertEquals(IotApi.url("/realms/iot/iot/devices/" + id), created.header("Location"));
        assertEquals("Kitchen thermostat", created.json().get("name").asText());
        assertEquals("SN-0001", created.json().get("externalId").asText());
        assertEquals("1.2.0", created.json().at("/attributes/firmware").asText());
        assertTrue(created.json().get("enabled").asBoolean());
        assertEquals(realm.admin().users().search("alice", true).get(0).getId(), created.json().get("owner").asText());

        assertEquals("Kitchen thermostat", self("GET", "/devices/" + id, alice, null).expect(200).json().get("name").asText());

        JsonNode renamed = self("PUT", "/devices/" + id, alice, Map.of("name", "Hall thermostat")).expect(200).json();
        assertEquals("Hall thermostat", renamed.get("name").asText());
        assertEquals("SN-0001", renamed.get("externalId").asText(), "absent fields stay as they are");

        self("DELETE", "/devices/" + id, alice, null).expect(204);
        self("GET", "/devices/" + id, alice, null).expectError(404, "not_found");
    }

    @Test
    void bobCannotSeeOrChangeAlicesDevice() {
        String id = self("POST", "/devices", alice, Map.of("name", "Alice's lamp", "type", "lamp"))
                .expect(201).json().get("id").asText();

        self("GET", "/devices/" + id, bob, null).expectError(404, "not_found");
        self("PUT", "/devices/" + id, bob, Map.of("name", "mine now")).expectError(404, "not_found");
        self("DELETE", "/devices/" + id, bob, null).expectError(404, "not_found");
        for (JsonNode device : self("GET", "/devices?max=1000", bob, null).expect(200).json()) {
            assertFalse(device.get("id").asText().equals(id), "bob's list holds alice's device");
        }
        assertEquals("Alice's lamp", self("GET", "/devices/" + id, alice, null).expect(200).json().get("name").asText());
    }

    @Test
    void listIsPaginatedAndSearchable() {
        for (int i = 0; i < 5; i++) {
            self("POST", "/devices", bob, Map.of("name", "Sensor 50%_" + i, "type", "sensor")).expect(201);
        }
        self("POST", "/devices", bob, Map.of("name", "Sensor 500", "type", "sensor")).expect(201);

        assertEquals(2, self("GET", "/devices?first=0&max=2", bob, null).expect(200).json().size());
        JsonNode page = self("GET", "/devices?first=4&max=2", bob, null).expect(200).json();
        assertEquals(2, page.size());
        assertEquals("Sensor 500", page.get(1).get("name").asText());
        // % and _ match literally, not as wildcards.
        assertEquals(5, self("GET", "/devices?search=50%25_", bob, null).expect(200).json().size());
        assertEquals(1, self("GET", "/devices?search=sensor%20500", bob, null).expect(200).json().size());
    }

    @Test
    void requestsWithoutAValidTokenAreRefused() {
        self("GET", "/devices", null, null).expectError(401, "invalid_token");
        self("GET", "/devices", "not-a-token", null).expectError(401, "invalid_token");
        assertNotNull(alice);
    }
}
