package io.keycloakiot.security;

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
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A re-share never gives more than the share it was made from. Alice owns the device, bob holds a share
 * that allows re-sharing, carol (and dave) hold bob's re-shares; whatever narrows or ends bob's share narrows or ends
 * theirs at once, as the check API and the share lists see it.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class ReshareCascadeIT {

    @InjectRealm(fromJson = "/iot-realm.json", lifecycle = LifeCycle.METHOD)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    String alice;
    String bob;
    String carol;
    String device;
    String shares;

    @BeforeEach
    void shareAndReshare() {
        RealmUsers.create(realm.admin(), "carol");
        RealmUsers.create(realm.admin(), "dave");
        alice = IotApi.userToken("alice");
        bob = IotApi.userToken("bob");
        carol = IotApi.userToken("carol");
        device = IotApi.newDevice(alice, "Boiler");
        shares = "/devices/" + device + "/shares";
    }

    @Test
    void reshareEndsWhenOwnerTurnsOffResharing() {
        String bobsShare = shareWithBob(List.of("read", "control"));
        String carolsShare = reshare("carol", List.of("read"));
        assertAllowed(carol, "read", true);

        self("POST", shares, alice, Map.of("email", "bob@example.com", "actions", List.of("read", "control"),
                "reshareAllowed", false)).expect(200);

        assertAllowed(carol, "read", false);
        assertEquals("REVOKED", ownersView(carolsShare).get("status").asText());
        assertEquals("REVOKED", incoming(carol, carolsShare).get("status").asText());
        assertEquals("ACCEPTED", ownersView(bobsShare).get("status").asText(), "bob keeps his own share");
        assertAllowed(bob, "control", true);
        self("POST", shares, bob, Map.of("email", "dave@example.com", "actions", List.of("read"))).expectError(403, "forbidden");
        assertEquals(0, self("GET", shares, bob, null).expect(200).json().findValues("status").stream()
                .filter(status -> !status.asText().equals("REVOKED")).count(), "none of bob's re-shares is left in force");
    }

    @Test
    void reshareLosesActionsItsParentLost() {
        shareWithBob(List.of("read", "control"));
        String carolsShare = reshare("carol", List.of("read", "control"));
        String davesShare = reshare("dave", List.of("control"));
        assertAllowed(carol, "control", true);

        self("POST", shares, alice, Map.of("email", "bob@example.com", "actions", List.of("read"), "reshareAllowed", true))
                .expect(200);

        assertAllowed(carol, "read", true);
        assertAllowed(carol, "control", false);
        JsonNode carols = ownersView(carolsShare);
        assertEquals("ACCEPTED", carols.get("status").asText());
        assertEquals(List.of("read"), List.of(IotApi.JSON.convertValue(carols.get("actions"), String[].class)));
        assertEquals("REVOKED", ownersView(davesShare).get("status").asText(), "a re-share left with no action ends");
        assertAllowed(IotApi.userToken("dave"), "control", false);
        // Widening bob's share again does not widen what carol was left with.
        self("POST", shares, alice, Map.of("email", "bob@example.com", "actions", List.of("read", "control"),
                "reshareAllowed", true)).expect(200);
        assertAllowed(carol, "control", false);
    }

    @Test
    void reshareNeverOutlivesItsParentsEarlierExpiry() {
        shareWithBob(List.of("read"));
        String carolsShare = reshare("carol", List.of("read"));
        long bobsEnd = Instant.now().plus(Duration.ofHours(1)).toEpochMilli();

        self("POST", shares, alice, Map.of("email", "bob@example.com", "actions", List.of("read"), "reshareAllowed", true,
                "expiresAt", bobsEnd)).expect(200);

        JsonNode carols = ownersView(carolsShare);
        assertFalse(carols.get("expiresAt").isNull(), "carol's re-share now ends: " + carols);
        assertTrue(carols.get("expiresAt").asLong() <= bobsEnd, "carol's re-share ends no later than bob's share");
        // Two hours on, on the server's clock (Keycloak's time offset): checked at once, with no sweep run.
        timeOffSet.set(Duration.ofHours(2));
        try {
            assertAllowed(IotApi.userToken("bob"), "read", false);
            assertAllowed(IotApi.userToken("carol"), "read", false);
            assertEquals("EXPIRED", self("GET", shares + "/" + carolsShare, IotApi.userToken("alice"), null)
                    .expect(200).json().get("status").asText());
        } finally {
            // Back before the realm is cleaned up with the admin client's token of the real time.
            timeOffSet.set(0);
        }
    }

    @Test
    void removingTheResharerEndsTheirReshares() {
        String bobsShare = shareWithBob(List.of("read"));
        String carolsShare = reshare("carol", List.of("read"));
        String davesInvitation = self("POST", shares, bob, Map.of("email", "dave@example.com", "actions", List.of("read")))
                .expect(201).json().get("id").asText();

        realm.admin().users().get(RealmUsers.idOf(realm.admin(), "bob")).remove();

        assertAllowed(carol, "read", false);
        String dave = IotApi.userToken("dave");
        for (String share : List.of(bobsShare, carolsShare, davesInvitation)) {
            self("GET", shares + "/" + share, alice, null).expectError(404, "not_found");
        }
        assertEquals(0, self("GET", "/shares/incoming", carol, null).expect(200).json().size());
        assertEquals(0, self("GET", "/shares/incoming", dave, null).expect(200).json().size(),
                "a removed user's pending invitation cannot be accepted any more");
        self("POST", "/shares/" + davesInvitation + "/accept", dave, null).expectError(404, "not_found");
        assertAllowed(dave, "read", false);
    }

    @Test
    void resharersInvitationsCountAgainstTheResharersLimit() {
        String adminToken = adminClient.tokenManager().getAccessTokenString();
        IotApi.admin("PUT", "/settings", adminToken, Map.of("invitationsPendingMax", 2)).expect(200);
        shareWithBob(List.of("read"));
        self("POST", shares, bob, Map.of("email", "one@example.com", "actions", List.of("read"))).expect(201);
        self("POST", shares, bob, Map.of("email", "two@example.com", "actions", List.of("read"))).expect(201);
        self("POST", shares, bob, Map.of("email", "three@example.com", "actions", List.of("read")))
                .expectError(429, "too_many_requests");

        // Bob's pending invitations are his, not the owner's: alice still has her own two.
        self("POST", shares, alice, Map.of("email", "four@example.com", "actions", List.of("read"))).expect(201);
        self("POST", shares, alice, Map.of("email", "five@example.com", "actions", List.of("read"))).expect(201);
        self("POST", shares, alice, Map.of("email", "six@example.com", "actions", List.of("read")))
                .expectError(429, "too_many_requests");
        assertEquals(2, self("GET", shares, bob, null).expect(200).json().size(), "the refused invitations left nothing behind");
    }

    /** Alice shares the device with bob, re-sharing allowed; bob accepts. */
    private String shareWithBob(List<String> actions) {
        String id = self("POST", shares, alice, Map.of("email", "bob@example.com", "actions", actions, "reshareAllowed", true))
                .expect(201).json().get("id").asText();
        self("POST", "/shares/" + id + "/accept", bob, null).expect(200);
        return id;
    }

    /** Bob re-shares the device with a user of the realm, who accepts. */
    private String reshare(String username, List<String> actions) {
        String id = self("POST", shares, bob, Map.of("email", username + "@example.com", "actions", actions))
                .expect(201).json().get("id").asText();
        self("POST", "/shares/" + id + "/accept", IotApi.userToken(username), null).expect(200);
        return id;
    }

    private JsonNode ownersView(String share) {
        return self("GET", shares + "/" + share, alice, null).expect(200).json();
    }

    private static JsonNode incoming(String token, String id) {
        for (JsonNode share : self("GET", "/shares/incoming", token, null).expect(200).json()) {
            if (share.get("id").asText().equals(id)) {
                return share;
            }
        }
        throw new AssertionError("share " + id + " is not among the incoming shares");
    }

    private void assertAllowed(String token, String action, boolean allowed) {
        assertEquals(allowed, IotApi.check(token, "device", device, action).get("allowed").asBoolean(), action + " on the device");
    }
}
