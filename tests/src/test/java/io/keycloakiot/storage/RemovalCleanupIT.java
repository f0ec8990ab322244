package io.keycloakiot.storage;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.call;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Removing a user or a realm leaves no device, ground or membership behind; writes land in the audit trail. */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class RemovalCleanupIT {

    private static final String SCRATCH_REALM = "iot-scratch";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    String adminToken;

    @BeforeEach
    void setUp() {
        adminToken = adminClient.tokenManager().getAccessTokenString();
    }

    @Test
    void removingAUserRemovesTheirDevicesAndGrounds() {
        String carolId = RealmUsers.create(realm.admin(), "carol");
        String carol = IotApi.userToken("carol");
        String device = self("POST", "/devices", carol, Map.of("name", "Carol's", "type", "lamp", "externalId", "CAROL-1"))
                .expect(201).json().get("id").asText();
        String ground = self("POST", "/grounds", carol, Map.of("name", "Carol's ground")).expect(201).json().get("id").asText();
        self("PUT", "/grounds/" + ground + "/devices/" + device, carol, null).expect(204);
        String alice = IotApi.userToken("alice");
        String alicesDevice = self("POST", "/devices", alice, Map.of("name", "Alice's", "type", "lamp")).expect(201).json().get("id").asText();

        realm.admin().users().get(carolId).remove();

        admin("GET", "/devices/" + device, adminToken, null).expectError(404, "not_found");
        admin("GET", "/grounds/" + ground, adminToken, null).expectError(404, "not_found");
        admin("GET", "/devices/" + alicesDevice, adminToken, null).expect(200);
        // The external id is free again: nothing of carol's device is left.
        admin("POST", "/devices", adminToken, Map.of("name", "Reused", "type", "lamp", "externalId", "CAROL-1")).expect(201);
    }

    @Test
    void removingARealmRemovesEverythingOfItAndNothingCrossesRealms() {
        createScratchRealm();
        String scratchDevice = call("POST", "/admin/realms/" + SCRATCH_REALM + "/iot/devices", adminToken,
                Map.of("name", "Scratch", "type", "lamp", "externalId", "SCRATCH-1", "owner", "alice"), "application/json")
                .expect(201).json().get("id").asText();
        String scratchGround = call("POST", "/admin/realms/" + SCRATCH_REALM + "/iot/grounds", adminToken,
                Map.of("name", "Scratch ground", "owner", "alice"), "application/json").expect(201).json().get("id").asText();
        call("PUT", "/admin/realms/" + SCRATCH_REALM + "/iot/grounds/" + scratchGround + "/devices/" + scratchDevice,
                adminToken, null, null).expect(204);

        // Ids of another realm are unknown here, for the realm's users and its admins alike.
        String alice = IotApi.userToken("alice");
        self("GET", "/devices/" + scratchDevice, alice, null).expectError(404, "not_found");
        admin("GET", "/devices/" + scratchDevice, adminToken, null).expectError(404, "not_found");
        admin("GET", "/grounds/" + scratchGround, adminToken, null).expectError(404, "not_found");

        adminClient.realm(SCRATCH_REALM).remove();
        createScratchRealm();
        JsonNode devices = call("GET", "/admin/realms/" + SCRATCH_REALM + "/iot/devices", adminToken, null, null).expect(200).json();
        assertEquals(0, devices.size(), "the re-created realm (same id) starts empty");
        assertEquals(0, call("GET", "/admin/realms/" + SCRATCH_REALM + "/iot/grounds", adminToken, null, null).expect(200).json().size());
        call("POST", "/admin/realms/" + SCRATCH_REALM + "/iot/devices", adminToken,
                Map.of("name", "Scratch again", "type", "lamp", "externalId", "SCRATCH-1"), "application/json").expect(201);
        adminClient.realm(SCRATCH_REALM).remove();
    }

    @Test
    void everyWriteIsRecordedAsAnAdminEvent() {
        String alice = IotApi.userToken("alice");
        String aliceId = RealmUsers.idOf(realm.admin(), "alice");
        String selfCreated = self("POST", "/devices", alice, Map.of("name", "Audited", "type", "lamp")).expect(201).json().get("id").asText();
        self("PUT", "/devices/" + selfCreated, alice, Map.of("name", "Audited 2")).expect(200);
        String ground = self("POST", "/grounds", alice, Map.of("name", "Audited ground")).expect(201).json().get("id").asText();
        self("PUT", "/grounds/" + ground + "/devices/" + selfCreated, alice, null).expect(204);
        String adminCreated = admin("POST", "/devices", adminToken, Map.of("name", "By admin", "type", "lamp")).expect(201).json().get("id").asText();
        admin("DELETE", "/devices/" + adminCreated, adminToken, null).expect(204);

        List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
        AdminEventRepresentation created = find(events, "CREATE", "iot/devices/" + selfCreated);
        assertEquals("IOT_DEVICE", created.getResourceType());
        assertEquals(aliceId, created.getAuthDetails().getUserId(), "self-service writes name the signed-in user");
        assertTrue(created.getRepresentation().contains("\"Audited\""));
        assertEquals("IOT_DEVICE", find(events, "UPDATE", "iot/devices/" + selfCreated).getResourceType());
        assertEquals("IOT_GROUND", find(events, "CREATE", "iot/grounds/" + ground).getResourceType());
        assertEquals("IOT_GROUND", find(events, "CREATE", "iot/grounds/" + ground + "/devices/" + selfCreated).getResourceType());
        AdminEventRepresentation byAdmin = find(events, "CREATE", "iot/devices/" + adminCreated);
        assertEquals("master", byAdmin.getAuthDetails().getRealmId().equals(realm.getId()) ? "iot" : "master",
                "the admin authenticated in the master realm");
        find(events, "DELETE", "iot/devices/" + adminCreated);
    }

    private static AdminEventRepresentation find(List<AdminEventRepresentation> events, String operation, String path) {
        return events.stream().filter(e -> operation.equals(e.getOperationType()) && path.equals(e.getResourcePath()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + operation + " event for " + path + " in " + events.size() + " events"));
    }

    private void createScratchRealm() {
        RealmRepresentation scratch = new RealmRepresentation();
        scratch.setRealm(SCRATCH_REALM);
        scratch.setId(SCRATCH_REALM);
        scratch.setEnabled(true);
        adminClient.realms().create(scratch);
        RealmUsers.create(adminClient.realm(SCRATCH_REALM), "alice");
    }
}
