package io.keycloakiot.onboarding;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.DeviceGrant;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.introspect;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A device onboards itself with the stock Device Authorization Grant, approved by its owner in a browser. */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class OnboardingIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    @Test
    void aDeviceApprovedByAliceRegistersItselfAndGetsItsToken() {
        String deviceGrantToken = DeviceGrant.approvedBy("alice");

        JsonNode onboarded = self("POST", "/onboarding", deviceGrantToken,
                Map.of("name", "Garden sensor", "type", "sensor", "externalId", "GARDEN-1")).expect(201).json();
        String deviceId = onboarded.at("/device/id").asText();
        assertEquals(RealmUsers.idOf(realm.admin(), "alice"), onboarded.at("/device/owner").asText());
        String token = onboarded.at("/token/token").asText();
        assertTrue(token.startsWith("iotd_"));
        assertEquals(deviceId, introspect(token, null).get("device_id").asText());

        String alice = IotApi.userToken("alice");
        assertEquals("Garden sensor", self("GET", "/devices/" + deviceId, alice, null).expect(200).json().get("name").asText());
        assertEquals(1, self("GET", "/devices/" + deviceId + "/tokens", alice, null).expect(200).json().size());
    }

    @Test
    void aPreProvisionedFleetDeviceIsClaimedByTheApprovingUser() {
        String adminToken = adminClient.tokenManager().getAccessTokenString();
        JsonNode provisioned = admin("POST", "/devices", adminToken,
                Map.of("name", "Boxed meter", "type", "meter", "externalId", "BOX-42")).expect(201).json();
        String fleetDevice = provisioned.get("id").asText();
        admin("POST", "/devices", adminToken, Map.of("name", "Carol's", "type", "meter", "externalId", "TAKEN-1", "owner", "bob")).expect(201);

        String grant = DeviceGrant.approvedBy("alice");
        // The claim secret, printed on the box, proves possession (see security/FleetClaimIT).
        JsonNode claimed = self("POST", "/onboarding", grant, Map.of("externalId", "box-42",
                "claimSecret", provisioned.get("claimSecret").asText())).expect(201).json();
        assertEquals(fleetDevice, claimed.at("/device/id").asText());
        assertEquals(RealmUsers.idOf(realm.admin(), "alice"), claimed.at("/device/owner").asText());
        assertEquals("Boxed meter", claimed.at("/device/name").asText());

        self("POST", "/onboarding", grant, Map.of("externalId", "TAKEN-1")).expectError(409, "conflict");
        self("POST", "/onboarding", grant, Map.of("name", "No type")).expectError(400, "invalid_request");
        self("POST", "/onboarding", grant, "{\"name\":").expectError(400, "invalid_request");
        self("POST", "/onboarding", grant, Map.of("name", "x", "type", "y", "claimSecret", "iotc_x")).expectError(400, "invalid_request");
        self("POST", "/onboarding", grant, Map.of("name", "x", "type", "y", "owner", "bob")).expectError(400, "invalid_request");
    }

    @Test
    void onlyATokenFromADeviceGrantClientMayOnboard() {
        String alice = IotApi.userToken("alice");
        self("POST", "/onboarding", alice, Map.of("name", "x", "type", "y")).expectError(403, "forbidden");
        self("POST", "/onboarding", null, Map.of("name", "x", "type", "y")).expectError(401, "invalid_token");
    }
}
