package io.keycloakiot.ground;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.newDevice;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@KeycloakIntegrationTest(config = IotServerConfig.class)
class GroundIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    String alice;
    String bob;

    @BeforeEach
    void signIn() {
        alice = IotApi.userToken("alice");
        bob = IotApi.userToken("bob");
    }

    @Test
    void aliceGroupsHerDevicesInAGround() {
        JsonNode ground = self("POST", "/grounds", alice, Map.of("name", "Greenhouse", "description", "Row 1\nRow 2"))
                .expect(201).json();
        String groundId = ground.get("id").asText();
        assertEquals("Row 1\nRow 2", ground.get("description").asText());
        String d1 = newDevice(alice, "Soil probe 1");
        String d2 = newDevice(alice, "Soil probe 2");

        self("PUT", "/grounds/" + groundId + "/devices/" + d1, alice, null).expect(204);
        self("PUT", "/grounds/" + groundId + "/devices/" + d2, alice, null).expect(204);
        self("PUT", "/grounds/" + groundId + "/devices/" + d2, alice, null).expect(204);

        JsonNode members = self("GET", "/grounds/" + groundId + "/devices", alice, null).expect(200).json();
        assertEquals(2, members.size(), "adding a member twice keeps one membership");
        assertEquals(1, self("GET", "/grounds/" + groundId + "/devices?max=1", alice, null).expect(200).json().size());
        assertEquals(2, self("GET", "/devices?ground=" + groundId, alice, null).expect(200).json().size());
        JsonNode groundsOfD1 = self("GET", "/grounds?device=" + d1, alice, null).expect(200).json();
        assertEquals(1, groundsOfD1.size(), "the grounds a device is in");
        assertEquals(groundId, groundsOfD1.get(0).get("id").asText());

        self("DELETE", "/grounds/" + groundId + "/devices/" + d1, alice, null).expect(204);
        self("DELETE", "/grounds/" + groundId + "/devices/" + d1, alice, null).expectError(404, "not_found");
        assertEquals(0, self("GET", "/grounds?device=" + d1, alice, null).expect(200).json().size());
        assertEquals(d2, self("GET", "/grounds/" + groundId + "/devices", alice, null).expect(200).json().get(0).get("id").asText());

        JsonNode renamed = self("PUT", "/grounds/" + groundId, alice, Map.of("name", "Glasshouse")).expect(200).json();
        assertEquals("Glasshouse", renamed.get("name").asText());
        assertEquals("Row 1\nRow 2", renamed.get("description").asText());
        assertEquals("Glasshouse", self("GET", "/grounds/" + groundId, alice, null).expect(200).json().get("name").asText());
        assertEquals(1, self("GET", "/grounds?search=glass", alice, null).expect(200).json().size());
    }

    @Test
    void deletingADeviceRemovesItFromItsGroundsAndDeletingAGroundKeepsItsDevices() {
        String groundId = self("POST", "/grounds", alice, Map.of("name", "Barn")).expect(201).json().get("id").asText();
        String kept = newDevice(alice, "Kept");
        String removed = newDevice(alice, "Removed");
        self("PUT", "/grounds/" + groundId + "/devices/" + kept, alice, null).expect(204);
        self("PUT", "/grounds/" + groundId + "/devices/" + removed, alice, null).expect(204);

        self("DELETE", "/devices/" + removed, alice, null).expect(204);
        JsonNode members = self("GET", "/grounds/" + groundId + "/devices", alice, null).expect(200).json();
        assertEquals(1, members.size());
        assertEquals(kept, members.get(0).get("id").asText());

        self("DELETE", "/grounds/" + groundId, alice, null).expect(204);
        self("GET", "/grounds/" + groundId, alice, null).expectError(404, "not_found");
        self("GET", "/devices/" + kept, alice, null).expect(200);
    }

    @Test
    void bobCannotSeeUseOrFillAlicesGround() {
        String groundId = self("POST", "/grounds", alice, Map.of("name", "Alice's home")).expect(201).json().get("id").asText();
        String alicesDevice = newDevice(alice, "Alice's sensor");
        String bobsDevice = newDevice(bob, "Bob's sensor");
        String bobsGround = self("POST", "/grounds", bob, Map.of("name", "Bob's home")).expect(201).json().get("id").asText();

        self("GET", "/grounds/" + groundId, bob, null).expectError(404, "not_found");
        self("GET", "/grounds/" + groundId + "/devices", bob, null).expectError(404, "not_found");
        self("PUT", "/grounds/" + groundId, bob, Map.of("name", "mine")).expectError(404, "not_found");
        self("DELETE", "/grounds/" + groundId, bob, null).expectError(404, "not_found");
        self("PUT", "/grounds/" + groundId + "/devices/" + bobsDevice, bob, null).expectError(404, "not_found");
        self("PUT", "/grounds/" + bobsGround + "/devices/" + alicesDevice, bob, null).expectError(404, "not_found");
        self("PUT", "/grounds/" + groundId + "/devices/" + bobsDevice, alice, null).expectError(404, "not_found");
        for (JsonNode ground : self("GET", "/grounds?max=1000", bob, null).expect(200).json()) {
            assertTrue(!ground.get("id").asText().equals(groundId));
        }
    }

    @Test
    void adminCannotJoinADeviceToAGroundOfAnotherOwner() {
        String token = adminClient.tokenManager().getAccessTokenString();
        String alicesGround = self("POST", "/grounds", alice, Map.of("name", "Alice only")).expect(201).json().get("id").asText();
        String bobsDevice = newDevice(bob, "Bob's meter");
        admin("PUT", "/grounds/" + alicesGround + "/devices/" + bobsDevice, token, null).expectError(409, "conflict");

        JsonNode fleetGround = admin("POST", "/grounds", token, Map.of("name", "Fleet depot")).expect(201).json();
        assertTrue(fleetGround.get("owner").isNull());
        String fleetDevice = admin("POST", "/devices", token, Map.of("name", "Fleet tracker", "type", "tracker"))
                .expect(201).json().get("id").asText();
        admin("PUT", "/grounds/" + fleetGround.get("id").asText() + "/devices/" + fleetDevice, token, null).expect(204);
        JsonNode all = admin("GET", "/grounds?max=1000", token, null).expect(200).json();
        assertTrue(all.size() >= 2, "the admin lists every owner's grounds");
        JsonNode alicesGrounds = admin("GET", "/grounds?owner=alice&max=1000", token, null).expect(200).json();
        String aliceId = realm.admin().users().search("alice", true).get(0).getId();
        boolean found = false;
        for (JsonNode ground : alicesGrounds) {
            assertEquals(aliceId, ground.get("owner").asText(), "the owner filter keeps only alice's grounds");
            found |= ground.get("id").asText().equals(alicesGround);
        }
        assertTrue(found);
    }
}
