package io.keycloakiot.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.DeviceGrant;
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
import static io.keycloakiot.support.IotApi.call;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An externalId is unique in its realm ignoring case on every
 * database, and every path that meets a duplicate (create, update, import, onboarding, a concurrent onboarding)
 * answers 409, never a 500.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class ExternalIdUniquenessIT {

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
    void externalIdsDifferingOnlyInCaseAreOneExternalIdOnEveryPath() {
        admin("POST", "/devices", adminToken, Map.of("name", "Upper", "type", "meter", "externalId", "SN-1", "owner", "alice"))
                .expect(201);
        admin("POST", "/devices", adminToken, Map.of("name", "Lower", "type", "meter", "externalId", "sn-1")).expectError(409, "conflict");
        String alice = IotApi.userToken("alice");
        self("POST", "/devices", alice, Map.of("name", "Mixed", "type", "meter", "externalId", "Sn-1")).expectError(409, "conflict");

        String other = IotApi.newDevice(alice, "Other");
        self("PUT", "/devices/" + other, alice, Map.of("externalId", "sN-1")).expectError(409, "conflict");
        admin("PUT", "/devices/" + other, adminToken, Map.of("externalId", "SN-1")).expectError(409, "conflict");

        JsonNode report = admin("POST", "/devices/import", adminToken, List.of(
                Map.of("name", "Realm dup", "type", "meter", "externalId", "sn-1"),
                Map.of("name", "File 1", "type", "meter", "externalId", "FILE-A"),
                Map.of("name", "File 2", "type", "meter", "externalId", "file-a"))).expect(200).json();
        assertEquals(1, report.get("created").asInt(), report.toString());
        assertEquals("conflict", report.at("/rows/0/error").asText());
        assertEquals("created", report.at("/rows/1/status").asText());
        assertEquals("conflict", report.at("/rows/2/error").asText());
        JsonNode csv = call("POST", "/admin/realms/iot/iot/devices/import", adminToken,
                "name,type,externalId\nCsv dup,meter,SN-1\n", "text/csv").expect(200).json();
        assertEquals("conflict", csv.at("/rows/0/error").asText(), csv.toString());

        // Onboarding finds the device whatever the case: bob meets alice's device, alice re-onboards her own.
        self("POST", "/onboarding", DeviceGrant.approvedBy("bob"), Map.of("externalId", "sn-1")).expectError(409, "conflict");
        JsonNode again = self("POST", "/onboarding", DeviceGrant.approvedBy("alice"), Map.of("externalId", "sn-1")).expect(201).json();
        assertEquals("SN-1", again.at("/device/externalId").asText(), "the stored spelling stays");

        assertEquals(1, admin("GET", "/devices?search=sn-1", adminToken, null).expect(200).json().size());
        assertEquals(1, admin("GET", "/devices?search=file-a", adminToken, null).expect(200).json().size());
    }

    @Test
    void concurrentOnboardingOfOneNewExternalIdCreatesOneDevice() throws Exception {
        Map<String, Object> body = Map.of("name", "Racer", "type", "meter", "externalId", "RACE-1");
        List<IotApi.Reply> replies = FleetClaimIT.together(
                List.of(DeviceGrant.approvedBy("alice"), DeviceGrant.approvedBy("bob")), body);

        List<Integer> statuses = new ArrayList<>(replies.stream().map(IotApi.Reply::status).toList());
        statuses.sort(null);
        assertEquals(List.of(201, 409), statuses, () -> replies.stream().map(r -> r.raw().body()).toList().toString());
        replies.stream().filter(r -> r.status() == 409).forEach(r -> r.expectError(409, "conflict"));
        assertEquals(1, admin("GET", "/devices?search=RACE-1", adminToken, null).expect(200).json().size());
        assertTrue(replies.stream().noneMatch(r -> r.status() >= 500));
    }
}
