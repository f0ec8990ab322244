package io.keycloakiot.share;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin's overview of a realm's shares ({@code GET /admin/realms/{realm}/iot/shares}): filters, paging, refusals. */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class AdminShareListIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    String masterAdmin;

    @BeforeEach
    void signIn() {
        masterAdmin = adminClient.tokenManager().getAccessTokenString();
    }

    @Test
    void filtersByStatusOwnerEmailAndResourceAndPages() {
        // A user of this test alone, so the owner filter sees exactly the shares made here.
        String carolId = RealmUsers.create(realm.admin(), "carol");
        String carol = IotApi.userToken("carol");
        String bob = IotApi.userToken("bob");
        String pump = IotApi.newDevice(carol, "Pump");
        String garden = self("POST", "/grounds", carol, Map.of("name", "Garden")).expect(201).json().get("id").asText();
        String toBob = invite(carol, "/devices/" + pump, "bob@example.com", null);
        self("POST", "/shares/" + toBob + "/accept", bob, null).expect(200);
        String toDave = invite(carol, "/devices/" + pump, "dave@example.com", null);
        String toErin = invite(carol, "/grounds/" + garden, "erin@example.com", null);
        String bobsOwn = invite(bob, "/devices/" + IotApi.newDevice(bob, "Bob's lamp"), "carol@example.com", null);

        JsonNode carols = list("owner=carol");
        assertEquals(List.of(toErin, toDave, toBob), ids(carols), "newest first, only carol's");
        carols.forEach(share -> assertEquals(carolId, share.get("ownerId").asText()));
        assertEquals(ids(carols), ids(list("owner=" + carolId)), "owner by id or username");
        JsonNode ground = carols.get(0);
        assertEquals("ground", ground.get("resourceType").asText());
        assertEquals("Garden", ground.get("resourceName").asText());
        assertEquals("carol Test", ground.get("ownerName").asText());
        assertTrue(ids(list("")).containsAll(List.of(toBob, toDave, toErin, bobsOwn)), "no filter: every owner");

        assertEquals(List.of(toBob), ids(list("owner=carol&status=ACCEPTED")));
        assertEquals(List.of(toErin, toDave), ids(list("owner=carol&status=pending")), "status in any case");
        assertEquals(List.of(toDave), ids(list("owner=carol&email=DAVE@")), "part of the address, any case");
        assertEquals(List.of(toDave, toBob), ids(list("resource=" + pump)));
        assertEquals(List.of(toErin), ids(list("owner=carol&max=1")));
        assertEquals(List.of(toDave), ids(list("owner=carol&first=1&max=1")));

        // Revoked through the ground's own share path (the console's revoke), then listed as REVOKED.
        admin("DELETE", "/grounds/" + garden + "/shares/" + toErin, masterAdmin, null).expect(204);
        assertEquals(List.of(toErin), ids(list("owner=carol&status=REVOKED")));
        assertEquals(List.of(toDave), ids(list("owner=carol&status=PENDING")));

        // A share past its expiry counts as EXPIRED at once, before the sweep marks it (the sweep does not run here).
        String soon = invite(carol, "/devices/" + pump, "frank@example.com", Instant.now().plus(Duration.ofHours(1)).toEpochMilli());
        assertEquals(List.of(soon, toDave), ids(list("owner=carol&status=PENDING")));
        assertEquals(List.of(), ids(list("owner=carol&status=EXPIRED")));
        // Two hours on, on the server's clock (Keycloak's time offset), read by a realm user signed in on that clock:
        // the master admin's token expired with the move.
        RealmUsers.create(realm.admin(), "overseer", "view-realm", "view-users");
        timeOffSet.set(Duration.ofHours(2));
        try {
            String overseer = IotApi.userToken("overseer");
            assertEquals(List.of(soon), ids(list(overseer, "owner=carol&status=EXPIRED")));
            assertEquals(List.of(toDave), ids(list(overseer, "owner=carol&status=PENDING")));
        } finally {
            timeOffSet.set(0);
        }
    }

    @Test
    void badParametersAre400AndOnlyRealmAndUserReadersSeeTheList() {
        admin("GET", "/shares?status=LOST", masterAdmin, null).expectError(400, "invalid_request");
        admin("GET", "/shares?max=0", masterAdmin, null).expectError(400, "invalid_request");
        admin("GET", "/shares?first=x", masterAdmin, null).expectError(400, "invalid_request");
        admin("GET", "/shares?owner=nobody-such", masterAdmin, null).expectError(400, "invalid_request");
        admin("GET", "/shares?resource=" + "x".repeat(37), masterAdmin, null).expectError(400, "invalid_request");
        admin("GET", "/shares?email=" + "x".repeat(255), masterAdmin, null).expectError(400, "invalid_request");

        // Invitees' addresses are people's data: view-realm with view-users.
        RealmUsers.create(realm.admin(), "auditor", "view-realm", "view-users");
        admin("GET", "/shares", IotApi.userToken("auditor"), null).expect(200);
        RealmUsers.create(realm.admin(), "helpdesk", "view-users");
        admin("GET", "/shares", IotApi.userToken("helpdesk"), null).expectError(403, "forbidden");

        // Another realm's list holds none of this realm's shares.
        String alice = IotApi.userToken("alice");
        invite(alice, "/devices/" + IotApi.newDevice(alice, "Heater"), "bob@example.com", null);
        RealmRepresentation elsewhere = new RealmRepresentation();
        elsewhere.setRealm("iot-shares-elsewhere");
        elsewhere.setEnabled(true);
        adminClient.realms().create(elsewhere);
        try {
            assertEquals(0, IotApi.call("GET", "/admin/realms/iot-shares-elsewhere/iot/shares", masterAdmin, null,
                    "application/json").expect(200).json().size());
        } finally {
            adminClient.realm("iot-shares-elsewhere").remove();
        }
    }

    private JsonNode list(String query) {
        return list(masterAdmin, query);
    }

    private static JsonNode list(String token, String query) {
        return admin("GET", "/shares?" + query, token, null).expect(200).json();
    }

    private static String invite(String token, String resourcePath, String email, Long expiresAt) {
        Map<String, Object> body = expiresAt == null ? Map.of("email", email, "actions", List.of("read"))
                : Map.of("email", email, "actions", List.of("read"), "expiresAt", expiresAt);
        return self("POST", resourcePath + "/shares", token, body).expect(201).json().get("id").asText();
    }

    private static List<String> ids(JsonNode shares) {
        List<String> ids = new ArrayList<>();
        shares.forEach(share -> ids.add(share.get("id").asText()));
        return ids;
    }
}
