package io.keycloakiot.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.DeviceGrant;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pre-provisioned fleet device is claimed only with its one-time claim secret (proof of
 * possession, as in the fleet provisioning of AWS IoT and ThingsBoard), and a device an administrator disabled
 * stays disabled for its new owner.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class FleetClaimIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    String adminToken;

    @BeforeEach
    void setUp() {
        adminToken = adminClient.tokenManager().getAccessTokenString();
    }

    @Test
    void bobCannotClaimAFleetDeviceWithoutItsClaimSecret() {
        JsonNode created = fleetDevice("CLAIM-1", Map.of());
        String deviceId = created.get("id").asText();
        String secret = created.get("claimSecret").asText();
        String bob = DeviceGrant.approvedBy("bob");

        self("POST", "/onboarding", bob, Map.of("externalId", "CLAIM-1")).expectError(403, "forbidden");
        self("POST", "/onboarding", bob, Map.of("externalId", "CLAIM-1", "claimSecret", secret.substring(0, 20) + "x"))
                .expectError(403, "forbidden");
        self("POST", "/onboarding", bob, Map.of("externalId", "CLAIM-1", "claimSecret", 42)).expectError(400, "invalid_request");
        JsonNode untouched = admin("GET", "/devices/" + deviceId, adminToken, null).expect(200).json();
        assertTrue(untouched.get("owner").isNull(), "a refused claim changes nothing: " + untouched);
        assertEquals("Fleet CLAIM-1", untouched.get("name").asText());
        self("GET", "/devices/" + deviceId, IotApi.userToken("bob"), null).expectError(404, "not_found");

        JsonNode claimed = self("POST", "/onboarding", bob, Map.of("externalId", "CLAIM-1", "claimSecret", secret)).expect(201).json();
        assertEquals(deviceId, claimed.at("/device/id").asText());
        assertEquals(RealmUsers.idOf(realm.admin(), "bob"), claimed.at("/device/owner").asText());
        // Re-onboarding the device one already owns needs no secret.
        self("POST", "/onboarding", bob, Map.of("externalId", "CLAIM-1")).expect(201);
    }

    @Test
    void theClaimSecretIsShownOnceAndUsedUpByTheClaim() {
        IotApi.Reply reply = admin("POST", "/devices", adminToken,
                Map.of("name", "Fleet CLAIM-2", "type", "meter", "externalId", "CLAIM-2")).expect(201);
        assertTrue(reply.header("Cache-Control").contains("no-store"), reply.header("Cache-Control"));
        String deviceId = reply.json().get("id").asText();
        String secret = reply.json().get("claimSecret").asText();
        assertTrue(secret.startsWith("iotc_"), secret);
        JsonNode read = admin("GET", "/devices/" + deviceId, adminToken, null).expect(200).json();
        assertFalse(read.has("claimSecret"), "the secret is never shown again: " + read);
        assertTrue(read.get("claimable").asBoolean());
        assertFalse(admin("GET", "/devices?search=CLAIM-2", adminToken, null).expect(200).json().get(0).has("claimSecret"));
        // A device created with an owner has no claim secret.
        JsonNode owned = admin("POST", "/devices", adminToken, Map.of("name", "Owned", "type", "meter", "owner", "alice"))
                .expect(201).json();
        assertTrue(owned.path("claimSecret").isMissingNode() || owned.get("claimSecret").isNull(), owned.toString());
        assertFalse(owned.get("claimable").asBoolean());

        String alice = DeviceGrant.approvedBy("alice");
        self("POST", "/onboarding", alice, Map.of("externalId", "CLAIM-2", "claimSecret", secret)).expect(201);
        assertFalse(admin("GET", "/devices/" + deviceId, adminToken, null).expect(200).json().get("claimable").asBoolean());

        // Back in the fleet, the used secret claims nothing: the device waits for a new one.
        Map<String, Object> toFleet = new java.util.HashMap<>();
        toFleet.put("owner", null);
        admin("PUT", "/devices/" + deviceId + "/owner", adminToken, toFleet).expect(200);
        String bob = DeviceGrant.approvedBy("bob");
        self("POST", "/onboarding", bob, Map.of("externalId", "CLAIM-2", "claimSecret", secret)).expectError(403, "forbidden");
        assertTrue(admin("GET", "/devices/" + deviceId, adminToken, null).expect(200).json().get("owner").isNull());
    }

    @Test
    void aNewClaimSecretVoidsTheOldOneAndNeedsManageRealm() {
        JsonNode created = fleetDevice("CLAIM-3", Map.of());
        String deviceId = created.get("id").asText();
        String old = created.get("claimSecret").asText();

        IotApi.Reply reissued = admin("POST", "/devices/" + deviceId + "/claim-secret", adminToken, Map.of()).expect(200);
        assertTrue(reissued.header("Cache-Control").contains("no-store"));
        String fresh = reissued.json().get("claimSecret").asText();
        assertNotEquals(old, fresh);
        assertEquals(deviceId, reissued.json().get("id").asText());

        RealmUsers.create(realm.admin(), "claim-auditor", "view-realm");
        String auditor = IotApi.userToken("claim-auditor");
        admin("POST", "/devices/" + deviceId + "/claim-secret", auditor, Map.of()).expectError(403, "forbidden");
        admin("POST", "/devices/no-such-device/claim-secret", adminToken, Map.of()).expectError(404, "not_found");
        admin("POST", "/devices/" + deviceId + "/claim-secret", adminToken, Map.of("claimSecretExpiresAt", 1000))
                .expectError(400, "invalid_request");
        admin("POST", "/devices/" + deviceId + "/claim-secret", adminToken, Map.of("colour", "red"))
                .expectError(400, "invalid_request");
        String owned = admin("POST", "/devices", adminToken, Map.of("name", "Owned 3", "type", "meter", "owner", "alice"))
                .expect(201).json().get("id").asText();
        admin("POST", "/devices/" + owned + "/claim-secret", adminToken, Map.of()).expectError(409, "conflict");

        String bob = DeviceGrant.approvedBy("bob");
        self("POST", "/onboarding", bob, Map.of("externalId", "CLAIM-3", "claimSecret", old)).expectError(403, "forbidden");
        self("POST", "/onboarding", bob, Map.of("externalId", "CLAIM-3", "claimSecret", fresh)).expect(201);
    }

    @Test
    void anExpiredClaimSecretClaimsNothing() {
        admin("POST", "/devices", adminToken, Map.of("name", "x", "type", "meter", "externalId", "CLAIM-BAD",
                "claimSecretExpiresAt", 1000)).expectError(400, "invalid_request");
        admin("POST", "/devices", adminToken, Map.of("name", "x", "type", "meter", "externalId", "CLAIM-BAD",
                "owner", "alice", "claimSecretExpiresAt", Instant.now().plusSeconds(3600).toString())).expectError(400, "invalid_request");
        assertEquals(0, admin("GET", "/devices?search=CLAIM-BAD", adminToken, null).expect(200).json().size());

        long inAnHour = Instant.now().plus(Duration.ofHours(1)).toEpochMilli();
        JsonNode created = fleetDevice("CLAIM-4", Map.of("claimSecretExpiresAt", inAnHour));
        String deviceId = created.get("id").asText();
        assertEquals(inAnHour, created.get("claimSecretExpiresAt").asLong());
        assertTrue(admin("GET", "/devices/" + deviceId, adminToken, null).expect(200).json().get("claimable").asBoolean());
        // The server's clock decides: two hours on (Keycloak's time offset), read by a realm administrator signed in on
        // that clock, as the master admin's token expired with the move.
        RealmUsers.create(realm.admin(), "fleetadmin", "realm-admin");
        timeOffSet.set(Duration.ofHours(2));
        try {
            String fleetAdmin = IotApi.userToken("fleetadmin");
            assertFalse(admin("GET", "/devices/" + deviceId, fleetAdmin, null).expect(200).json().get("claimable").asBoolean());
            String alice = DeviceGrant.approvedBy("alice");
            self("POST", "/onboarding", alice, Map.of("externalId", "CLAIM-4", "claimSecret", created.get("claimSecret").asText()))
                    .expectError(403, "forbidden");
            assertTrue(admin("GET", "/devices/" + deviceId, fleetAdmin, null).expect(200).json().get("owner").isNull());
        } finally {
            timeOffSet.set(0);
        }
    }

    @Test
    void failedClaimsAreLockedOutPerDeviceAndAudited() {
        JsonNode target = fleetDevice("CLAIM-5", Map.of());
        JsonNode other = fleetDevice("CLAIM-6", Map.of());
        String secret = target.get("claimSecret").asText();
        String bob = DeviceGrant.approvedBy("bob");
        for (int i = 0; i < 5; i++) {
            self("POST", "/onboarding", bob, Map.of("externalId", "CLAIM-5", "claimSecret", "iotc_guess" + i))
                    .expectError(403, "forbidden");
        }
        // Locked: even the right secret is turned away for now, and nothing changes.
        self("POST", "/onboarding", bob, Map.of("externalId", "CLAIM-5", "claimSecret", secret)).expectError(429, "too_many_requests");
        assertTrue(admin("GET", "/devices/" + target.get("id").asText(), adminToken, null).expect(200).json().get("owner").isNull());
        // The lock is per device.
        self("POST", "/onboarding", bob, Map.of("externalId", "CLAIM-6", "claimSecret", other.get("claimSecret").asText())).expect(201);

        List<AdminEventRepresentation> failures = realm.admin().getAdminEvents().stream()
                .filter(event -> ("iot/devices/" + target.get("id").asText() + "/onboarding").equals(event.getResourcePath()))
                .filter(event -> event.getError() != null)
                .toList();
        assertEquals(6, failures.size(), "every refused claim is audited");
        failures.forEach(event -> {
            assertEquals("IOT_DEVICE", event.getResourceType());
            assertTrue(event.getError().startsWith("claim_"), "the event names the failure: " + event.getError());
            assertFalse(String.valueOf(event.getRepresentation()).contains(secret), "never the secret");
            assertFalse(String.valueOf(event.getRepresentation()).contains("iotc_guess"), "never the presented secret");
        });

        // An administrator's new secret lifts the lock.
        String fresh = admin("POST", "/devices/" + target.get("id").asText() + "/claim-secret", adminToken, null)
                .expect(200).json().get("claimSecret").asText();
        self("POST", "/onboarding", bob, Map.of("externalId", "CLAIM-5", "claimSecret", fresh)).expect(201);
    }

    @Test
    void twoClaimsWithTheSameSecretCannotBothWin() throws Exception {
        JsonNode created = fleetDevice("CLAIM-7", Map.of());
        Map<String, Object> claim = Map.of("externalId", "CLAIM-7", "claimSecret", created.get("claimSecret").asText());
        List<IotApi.Reply> replies = together(List.of(DeviceGrant.approvedBy("alice"), DeviceGrant.approvedBy("bob")), claim);

        List<Integer> statuses = new ArrayList<>(replies.stream().map(IotApi.Reply::status).toList());
        statuses.sort(null);
        // The loser finds the secret used (403), or the row still locked past the database's lock timeout (409).
        assertTrue(statuses.equals(List.of(201, 403)) || statuses.equals(List.of(201, 409)),
                () -> statuses + " " + replies.stream().map(r -> r.raw().body()).toList());
        String winner = replies.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().json().at("/device/owner").asText();
        assertEquals(winner, admin("GET", "/devices/" + created.get("id").asText(), adminToken, null).expect(200).json()
                .get("owner").asText());
    }

    @Test
    void aDeviceAnAdministratorDisabledStaysDisabledForItsNewOwner() {
        JsonNode created = fleetDevice("CLAIM-8", Map.of("enabled", false));
        String deviceId = created.get("id").asText();
        assertTrue(created.get("disabledByAdmin").asBoolean());
        String alice = DeviceGrant.approvedBy("alice");
        JsonNode claimed = self("POST", "/onboarding", alice,
                Map.of("externalId", "CLAIM-8", "claimSecret", created.get("claimSecret").asText())).expect(201).json();
        assertFalse(claimed.at("/device/enabled").asBoolean(), "still disabled after the claim");
        String deviceToken = claimed.at("/token/token").asText();
        assertFalse(IotApi.introspect(deviceToken, null).get("active").asBoolean());

        String owner = IotApi.userToken("alice");
        self("PUT", "/devices/" + deviceId, owner, Map.of("enabled", true)).expectError(403, "forbidden");
        assertFalse(self("GET", "/devices/" + deviceId, owner, null).expect(200).json().get("enabled").asBoolean());
        // Everything else stays the owner's.
        assertEquals("Renamed", self("PUT", "/devices/" + deviceId, owner, Map.of("name", "Renamed", "enabled", false))
                .expect(200).json().get("name").asText());

        JsonNode enabled = admin("PUT", "/devices/" + deviceId, adminToken, Map.of("enabled", true)).expect(200).json();
        assertTrue(enabled.get("enabled").asBoolean());
        assertFalse(enabled.get("disabledByAdmin").asBoolean());
        assertTrue(IotApi.introspect(deviceToken, null).get("active").asBoolean());
        // A device its owner disabled, the owner enables again.
        self("PUT", "/devices/" + deviceId, owner, Map.of("enabled", false)).expect(200);
        assertTrue(self("PUT", "/devices/" + deviceId, owner, Map.of("enabled", true)).expect(200).json().get("enabled").asBoolean());
    }

    /** A fleet device created by the administrator, with the answer that shows its claim secret. */
    private JsonNode fleetDevice(String externalId, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Fleet " + externalId, "type", "meter", "externalId", externalId));
        body.putAll(extra);
        JsonNode created = admin("POST", "/devices", adminToken, body).expect(201).json();
        assertTrue(created.path("claimSecret").isTextual(), "a fleet device gets a claim secret: " + created);
        return created;
    }

    /** Sends the same onboarding body with each token at once, released together by a barrier. */
    static List<IotApi.Reply> together(List<String> tokens, Map<String, Object> body) throws Exception {
        CyclicBarrier start = new CyclicBarrier(tokens.size());
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        try {
            List<Future<IotApi.Reply>> sent = new ArrayList<>();
            for (String token : tokens) {
                sent.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return self("POST", "/onboarding", token, body);
                }));
            }
            List<IotApi.Reply> replies = new ArrayList<>();
            for (Future<IotApi.Reply> reply : sent) {
                replies.add(reply.get(90, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
