package io.keycloakiot.device;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@KeycloakIntegrationTest(config = IotServerConfig.class)
class DeviceAdminIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    String masterAdmin;
    String aliceId;
    String bobId;

    @BeforeEach
    void setUp() {
        masterAdmin = adminClient.tokenManager().getAccessTokenString();
        aliceId = RealmUsers.idOf(realm.admin(), "alice");
        bobId = RealmUsers.idOf(realm.admin(), "bob");
    }

    @Test
    void adminSeesEveryOwnersDevicesAndFiltersByOwner() {
        String alice = IotApi.userToken("alice");
        String bob = IotApi.userToken("bob");
        String alicesDevice = self("POST", "/devices", alice, Map.of("name", "A1", "type", "meter")).expect(201).json().get("id").asText();
        String bobsDevice = self("POST", "/devices", bob, Map.of("name", "B1", "type", "meter")).expect(201).json().get("id").asText();

        JsonNode all = admin("GET", "/devices?max=1000", masterAdmin, null).expect(200).json();
        assertTrue(contains(all, alicesDevice) && contains(all, bobsDevice));

        JsonNode onlyBob = admin("GET", "/devices?max=1000&owner=bob", masterAdmin, null).expect(200).json();
        assertTrue(contains(onlyBob, bobsDevice));
        assertTrue(!contains(onlyBob, alicesDevice));
        onlyBob.forEach(device -> assertEquals(bobId, device.get("owner").asText()));

        assertEquals("A1", admin("GET", "/devices/" + alicesDevice, masterAdmin, null).expect(200).json().get("name").asText());
    }

    @Test
    void adminCreatesDevicesForAUserAndForTheRealmFleet() {
        JsonNode forBob = admin("POST", "/devices", masterAdmin,
                Map.of("name", "Provisioned", "type", "gateway", "owner", "bob")).expect(201).json();
        assertEquals(bobId, forBob.get("owner").asText());
        String bob = IotApi.userToken("bob");
        self("GET", "/devices/" + forBob.get("id").asText(), bob, null).expect(200);

        assertTrue(forBob.get("claimSecret") == null, "a device with an owner has no claim secret");

        JsonNode fleet = admin("POST", "/devices", masterAdmin, Map.of("name", "Fleet unit", "type", "gateway")).expect(201).json();
        assertTrue(fleet.get("owner").isNull(), "no owner = realm fleet");
        assertTrue(fleet.get("claimSecret").asText().startsWith("iotc_"), "a fleet device's claim secret, shown once");
        assertTrue(fleet.get("claimable").asBoolean());
        self("GET", "/devices/" + fleet.get("id").asText(), bob, null).expectError(404, "not_found");

        admin("POST", "/devices", masterAdmin, Map.of("name", "X", "type", "gateway", "owner", "nobody-such"))
                .expectError(400, "invalid_request");
    }

    @Test
    void transferMovesTheDeviceAndDropsItFromTheFormerOwnersGrounds() {
        String alice = IotApi.userToken("alice");
        String bob = IotApi.userToken("bob");
        String device = self("POST", "/devices", alice, Map.of("name", "Gift", "type", "lamp")).expect(201).json().get("id").asText();
        String ground = self("POST", "/grounds", alice, Map.of("name", "Living room")).expect(201).json().get("id").asText();
        self("PUT", "/grounds/" + ground + "/devices/" + device, alice, null).expect(204);

        JsonNode moved = admin("PUT", "/devices/" + device + "/owner", masterAdmin, Map.of("owner", bobId)).expect(200).json();
        assertEquals(bobId, moved.get("owner").asText());

        self("GET", "/devices/" + device, alice, null).expectError(404, "not_found");
        self("GET", "/devices/" + device, bob, null).expect(200);
        assertEquals(0, self("GET", "/grounds/" + ground + "/devices", alice, null).expect(200).json().size());

        Map<String, Object> toFleet = new HashMap<>();
        toFleet.put("owner", null);
        assertTrue(admin("PUT", "/devices/" + device + "/owner", masterAdmin, toFleet).expect(200).json().get("owner").isNull());
        admin("PUT", "/devices/" + device + "/owner", masterAdmin, Map.of()).expectError(400, "invalid_request");
    }

    @Test
    void adminUpdatesAndDeletesAnyDevice() {
        String alice = IotApi.userToken("alice");
        String device = self("POST", "/devices", alice, Map.of("name", "Old", "type", "lamp")).expect(201).json().get("id").asText();

        JsonNode updated = admin("PUT", "/devices/" + device, masterAdmin, Map.of("name", "New", "enabled", false)).expect(200).json();
        assertEquals("New", updated.get("name").asText());
        assertEquals(false, updated.get("enabled").asBoolean());
        assertEquals(true, updated.get("disabledByAdmin").asBoolean(), "only an admin enables it again");
        assertEquals(aliceId, updated.get("owner").asText(), "an update without owner keeps it");
        self("PUT", "/devices/" + device, alice, Map.of("enabled", true)).expectError(403, "forbidden");

        admin("DELETE", "/devices/" + device, masterAdmin, null).expect(204);
        self("GET", "/devices/" + device, alice, null).expectError(404, "not_found");
        admin("DELETE", "/devices/" + device, masterAdmin, null).expectError(404, "not_found");
    }

    @Test
    void plainUserIsForbiddenOnTheAdminApi() {
        String alice = IotApi.userToken("alice");
        admin("GET", "/devices", alice, null).expect(403);
        admin("POST", "/devices", alice, Map.of("name", "x", "type", "y")).expect(403);
        admin("GET", "/grounds", alice, null).expect(403);
        admin("GET", "/devices", null, null).expect(401);
    }

    @Test
    void realmViewerReadsButCannotWrite() {
        RealmUsers.create(realm.admin(), "auditor", "view-realm");
        String auditor = IotApi.userToken("auditor");
        admin("GET", "/devices", auditor, null).expect(200);
        admin("GET", "/grounds", auditor, null).expect(200);
        admin("POST", "/devices", auditor, Map.of("name", "x", "type", "y")).expectError(403, "forbidden");
        admin("POST", "/devices/import", auditor, "[]").expectError(403, "forbidden");
    }

    @Test
    void realmAdminOfTheIotRealmManagesItsFleet() {
        RealmUsers.create(realm.admin(), "fleet-admin", "realm-admin");
        String fleetAdmin = IotApi.userToken("fleet-admin");
        String id = admin("POST", "/devices", fleetAdmin, Map.of("name", "Edge box", "type", "gateway", "owner", "alice"))
                .expect(201).json().get("id").asText();
        assertEquals(aliceId, admin("GET", "/devices/" + id, fleetAdmin, null).expect(200).json().get("owner").asText());
    }

    private static boolean contains(JsonNode devices, String id) {
        for (JsonNode device : devices) {
            if (device.get("id").asText().equals(id)) {
                return true;
            }
        }
        return false;
    }
}
