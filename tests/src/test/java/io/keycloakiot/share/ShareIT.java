package io.keycloakiot.share;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The share API: the owner invites an address, the user with that verified address answers, the owner revokes. */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class ShareIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    String alice;
    String bob;

    @BeforeEach
    void signIn() {
        alice = IotApi.userToken("alice");
        bob = IotApi.userToken("bob");
    }

    @Test
    void inviteAcceptListRevoke() {
        UserRepresentation owner = realm.admin().users().get(RealmUsers.idOf(realm.admin(), "alice")).toRepresentation();
        String device = IotApi.newDevice(alice, "Heat pump");
        JsonNode share = self("POST", "/devices/" + device + "/shares", alice,
                Map.of("email", " Bob@Example.com ", "actions", List.of("read"))).expect(201).json();
        String id = share.get("id").asText();
        assertEquals("bob@example.com", share.get("email").asText(), "addresses are kept trimmed and lower-case");
        assertEquals("PENDING", share.get("status").asText());
        assertEquals(false, share.get("invitationSent").asBoolean(), "this realm has no SMTP server: no mail, the share stays");
        assertEquals("Heat pump", share.get("resourceName").asText());
        assertEquals(owner.getFirstName() + " " + owner.getLastName(), share.get("ownerName").asText());
        assertDecision(bob, device, "read", false);

        JsonNode incoming = incoming(bob, id);
        assertEquals("PENDING", incoming.get("status").asText());
        assertEquals(device, incoming.get("resourceId").asText());
        self("GET", "/shares/incoming", alice, null).expect(200).json().forEach(other ->
                assertTrue(!other.get("id").asText().equals(id), "the owner is not a recipient"));

        JsonNode accepted = self("POST", "/shares/" + id + "/accept", bob, null).expect(200).json();
        assertEquals("ACCEPTED", accepted.get("status").asText());
        assertTrue(accepted.get("respondedTimestamp").asLong() > 0);
        self("POST", "/shares/" + id + "/accept", bob, null).expectError(409, "conflict");
        JsonNode listed = self("GET", "/devices/" + device + "/shares", alice, null).expect(200).json();
        assertEquals("ACCEPTED", listed.get(0).get("status").asText());
        assertEquals(RealmUsers.idOf(realm.admin(), "bob"), listed.get(0).get("recipientId").asText());
        assertDecision(bob, device, "read", true);
        assertDecision(bob, device, "control", false);

        // Inviting again changes the actions of the accepted share instead of adding another.
        JsonNode widened = self("POST", "/devices/" + device + "/shares", alice,
                Map.of("email", "bob@example.com", "actions", List.of("read", "control"))).expect(200).json();
        assertEquals(id, widened.get("id").asText());
        assertEquals("ACCEPTED", widened.get("status").asText());
        assertDecision(bob, device, "control", true);
        assertEquals(1, self("GET", "/devices/" + device + "/shares", alice, null).expect(200).json().size());

        self("DELETE", "/devices/" + device + "/shares/" + id, alice, null).expect(204);
        assertEquals("REVOKED", self("GET", "/devices/" + device + "/shares/" + id, alice, null).expect(200).json()
                .get("status").asText());
        assertDecision(bob, device, "read", false);
    }

    @Test
    void onlyTheInvitedVerifiedAddressAnswers() {
        String device = IotApi.newDevice(alice, "Door lock");
        String id = self("POST", "/devices/" + device + "/shares", alice,
                Map.of("email", "bob@example.com", "actions", List.of("read"))).expect(201).json().get("id").asText();
        RealmUsers.create(realm.admin(), "mallory");
        String mallory = IotApi.userToken("mallory");
        self("POST", "/shares/" + id + "/accept", mallory, null).expectError(404, "not_found");
        self("POST", "/shares/" + id + "/accept", alice, null).expectError(404, "not_found");
        assertEquals(0, self("GET", "/shares/incoming", mallory, null).expect(200).json().size());

        // The invited address, not yet verified: told to verify, the share stays pending.
        String unverifiedId = RealmUsers.create(realm.admin(), "erin");
        String erinToken = IotApi.userToken("erin");
        UserRepresentation erin = realm.admin().users().get(unverifiedId).toRepresentation();
        erin.setEmailVerified(false);
        realm.admin().users().get(unverifiedId).update(erin);
        String erinsShare = self("POST", "/devices/" + device + "/shares", alice,
                Map.of("email", "erin@example.com", "actions", List.of("read"))).expect(201).json().get("id").asText();
        self("POST", "/shares/" + erinsShare + "/accept", erinToken, null).expectError(403, "forbidden");
        assertEquals(0, self("GET", "/shares/incoming", erinToken, null).expect(200).json().size(),
                "an unverified address does not see invitations");
        assertEquals("PENDING", self("GET", "/devices/" + device + "/shares/" + erinsShare, alice, null).expect(200).json()
                .get("status").asText());
        assertEquals("PENDING", self("GET", "/devices/" + device + "/shares/" + id, alice, null).expect(200).json()
                .get("status").asText());
    }

    @Test
    void declineLeaveAndExpiry() {
        String device = IotApi.newDevice(alice, "Sprinkler");
        String declined = self("POST", "/devices/" + device + "/shares", alice,
                Map.of("email", "bob@example.com", "actions", List.of("read"))).expect(201).json().get("id").asText();
        assertEquals("DECLINED", self("POST", "/shares/" + declined + "/decline", bob, null).expect(200).json().get("status").asText());
        assertDecision(bob, device, "read", false);

        // Inviting again after a decline makes the same share pending again.
        JsonNode again = self("POST", "/devices/" + device + "/shares", alice,
                Map.of("email", "bob@example.com", "actions", List.of("read"))).expect(200).json();
        assertEquals(declined, again.get("id").asText());
        assertEquals("PENDING", again.get("status").asText());
        self("POST", "/shares/" + declined + "/accept", bob, null).expect(200);
        assertDecision(bob, device, "read", true);
        self("DELETE", "/shares/" + declined, bob, null).expect(204);
        assertDecision(bob, device, "read", false);
        assertEquals("DECLINED", self("GET", "/devices/" + device + "/shares/" + declined, alice, null).expect(200).json()
                .get("status").asText(), "the owner sees that the recipient left");

        // A share that expires ends by itself: expiry is compared at each check, no job runs.
        String gate = IotApi.newDevice(alice, "Gate");
        String expiring = self("POST", "/devices/" + gate + "/shares", alice, Map.of("email", "bob@example.com",
                "actions", List.of("read"), "expiresAt", Instant.now().plus(Duration.ofHours(1)).toEpochMilli()))
                .expect(201).json().get("id").asText();
        self("POST", "/shares/" + expiring + "/accept", bob, null).expect(200);
        String path = "/devices/" + gate + "/shares/" + expiring;
        assertEquals("ACCEPTED", self("GET", path, alice, null).expect(200).json().get("status").asText());
        assertDecision(bob, gate, "read", true);
        // Two hours on, on the server's clock (Keycloak's time offset); tokens are signed in anew, the earlier ones
        // expired with the move.
        timeOffSet.set(Duration.ofHours(2));
        try {
            assertEquals("EXPIRED", self("GET", path, IotApi.userToken("alice"), null).expect(200).json().get("status").asText());
            assertDecision(IotApi.userToken("bob"), gate, "read", false);
        } finally {
            timeOffSet.set(0);
        }
    }

    @Test
    void badInvitationsAreRefusedAndNothingIsSaved() {
        String device = IotApi.newDevice(alice, "Fridge");
        String path = "/devices/" + device + "/shares";
        self("POST", path, alice, Map.of("email", "not-an-address", "actions", List.of("read"))).expectError(400, "invalid_request");
        self("POST", path, alice, Map.of("email", "x".repeat(250) + "@example.com", "actions", List.of("read")))
                .expectError(400, "invalid_request");
        self("POST", path, alice, Map.of("email", "bob@example.com", "actions", List.of("delete"))).expectError(400, "invalid_request");
        self("POST", path, alice, Map.of("email", "bob@example.com", "actions", List.of())).expectError(400, "invalid_request");
        self("POST", path, alice, Map.of("email", "bob@example.com", "actions", "read")).expectError(400, "invalid_request");
        self("POST", path, alice, Map.of("email", "alice@example.com", "actions", List.of("read"))).expectError(400, "invalid_request");
        self("POST", path, alice, Map.of("email", "bob@example.com", "actions", List.of("read"), "expiresAt", 1000))
                .expectError(400, "invalid_request");
        self("POST", path, alice, "{\"email\": ").expectError(400, "invalid_request");
        self("POST", path, alice, Map.of("email", "bob@example.com", "actions", List.of("read"), "role", "owner"))
                .expectError(400, "invalid_request");
        assertEquals(0, self("GET", path, alice, null).expect(200).json().size());
        // Someone else's device, or an unknown one, cannot be shared or inspected.
        self("POST", path, bob, Map.of("email", "carol@example.com", "actions", List.of("read"))).expectError(404, "not_found");
        self("GET", path, bob, null).expectError(404, "not_found");
        self("GET", "/devices/nope/shares", alice, null).expectError(404, "not_found");
        self("DELETE", path + "/00000000-0000-0000-0000-000000000000", alice, null).expectError(404, "not_found");
    }

    /** The recipient's incoming share with this id. */
    private static JsonNode incoming(String token, String id) {
        for (JsonNode share : self("GET", "/shares/incoming", token, null).expect(200).json()) {
            if (share.get("id").asText().equals(id)) {
                return share;
            }
        }
        throw new AssertionError("share " + id + " is not among the incoming shares");
    }

    private static void assertDecision(String token, String device, String action, boolean allowed) {
        assertEquals(allowed, IotApi.check(token, "device", device, action).get("allowed").asBoolean(), action + " on " + device);
    }
}
