package io.keycloakiot.authz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.authz;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision table of the check API: every subject kind against every kind of resource ownership and
 * every action, asserted cell by cell through {@code check}, through one {@code batch} per subject, and
 * through {@code list}. Cells are "Y:reason" (allowed) or "N:reason" (denied).
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class DecisionTableIT {

    static final List<String> ACTIONS = List.of("read", "write", "control", "delete");
    static final List<String> COLUMNS = List.of("own", "sharedRead", "sharedWrite", "groundMember", "otherUsers", "otherRealm");

    /** Per subject, per action: the six columns in the order of {@link #COLUMNS}. */
    static final Map<String, Map<String, List<String>>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("bob (user token)", Map.of(
                "read", List.of("Y:owner", "Y:shared", "Y:shared", "Y:shared", "N:no_access", "N:no_access"),
                "write", List.of("Y:owner", "N:no_access", "Y:shared", "N:no_access", "N:no_access", "N:no_access"),
                "control", List.of("Y:owner", "N:no_access", "Y:shared", "N:no_access", "N:no_access", "N:no_access"),
                "delete", List.of("Y:owner", "N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access")));
        EXPECTED.put("bob's profile token (device * read, control)", Map.of(
                "read", List.of("Y:profile_token", "Y:profile_token", "Y:profile_token", "Y:profile_token", "N:no_access", "N:no_access"),
                "write", List.of("N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token"),
                "control", List.of("Y:profile_token", "N:no_access", "Y:profile_token", "N:no_access", "N:no_access", "N:no_access"),
                "delete", List.of("N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token")));
        EXPECTED.put("device token of bob's device", Map.of(
                "read", List.of("Y:device_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token"),
                "write", List.of("Y:device_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token"),
                "control", List.of("Y:device_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token"),
                "delete", List.of("N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token")));
        EXPECTED.put("ground token of bob's ground (holds bob's device)", Map.of(
                "read", List.of("Y:ground_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token"),
                "write", List.of("Y:ground_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token"),
                "control", List.of("Y:ground_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token"),
                "delete", List.of("N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token", "N:not_in_token")));
        EXPECTED.put("iot-backend (client credentials, no consent)", Map.of(
                "read", List.of("N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access"),
                "write", List.of("N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access"),
                "control", List.of("N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access"),
                "delete", List.of("N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access")));
        EXPECTED.put("realm admin (manage-realm, user token)", Map.of(
                "read", List.of("Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "N:no_access"),
                "write", List.of("Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "N:no_access"),
                "control", List.of("Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "N:no_access"),
                "delete", List.of("Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "N:no_access")));
        EXPECTED.put("realm viewer (view-realm, user token)", Map.of(
                "read", List.of("Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "Y:realm_admin", "N:no_access"),
                "write", List.of("N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access"),
                "control", List.of("N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access"),
                "delete", List.of("N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access", "N:no_access")));
    }

    /** A fresh realm per test: the listings must hold exactly the table's resources. */
    @InjectRealm(fromJson = "/iot-realm.json", lifecycle = LifeCycle.METHOD)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    @Test
    void everyCellOfCheckBatchAndListMatchesTheTable() {
        String masterAdmin = adminClient.tokenManager().getAccessTokenString();
        String alice = IotApi.userToken("alice");
        String bob = IotApi.userToken("bob");

        // Bob's own device, in bob's own ground.
        String own = IotApi.newDevice(bob, "Bob's thermostat");
        String bobsGround = self("POST", "/grounds", bob, Map.of("name", "Bob's flat")).expect(201).json().get("id").asText();
        self("PUT", "/grounds/" + bobsGround + "/devices/" + own, bob, null).expect(204);
        // Alice's devices: one shared for reading, one for writing and control, one in a ground shared for reading, one private.
        String sharedRead = IotApi.newDevice(alice, "Alice's meter");
        String sharedWrite = IotApi.newDevice(alice, "Alice's valve");
        String groundMember = IotApi.newDevice(alice, "Alice's pump");
        String otherUsers = IotApi.newDevice(alice, "Alice's camera");
        String alicesGround = self("POST", "/grounds", alice, Map.of("name", "Garden")).expect(201).json().get("id").asText();
        self("PUT", "/grounds/" + alicesGround + "/devices/" + groundMember, alice, null).expect(204);
        share(alice, bob, "/devices/" + sharedRead, List.of("read"));
        share(alice, bob, "/devices/" + sharedWrite, List.of("read", "write", "control"));
        share(alice, bob, "/grounds/" + alicesGround, List.of("read"));
        // A device of another realm, with the same pack.
        RealmRepresentation elsewhere = new RealmRepresentation();
        elsewhere.setRealm("iot-elsewhere");
        elsewhere.setEnabled(true);
        adminClient.realms().create(elsewhere);
        try {
            String otherRealm = IotApi.call("POST", "/admin/realms/iot-elsewhere/iot/devices", masterAdmin,
                    Map.of("name", "Foreign sensor", "type", "sensor"), "application/json").expect(201).json().get("id").asText();

            Map<String, String> subjects = new LinkedHashMap<>();
            subjects.put("bob (user token)", bob);
            subjects.put("bob's profile token (device * read, control)", self("POST", "/tokens", bob, Map.of("name", "script",
                    "permissions", List.of(Map.of("type", "device", "resource", "*", "actions", List.of("read", "control")))))
                    .expect(201).json().get("token").asText());
            subjects.put("device token of bob's device", self("POST", "/devices/" + own + "/tokens", bob, Map.of("name", "fw"))
                    .expect(201).json().get("token").asText());
            subjects.put("ground token of bob's ground (holds bob's device)", self("POST", "/grounds/" + bobsGround + "/tokens", bob,
                    Map.of("name", "flat app")).expect(201).json().get("token").asText());
            subjects.put("iot-backend (client credentials, no consent)", IotApi.clientToken("iot-backend", "iot-backend-secret"));
            RealmUsers.create(realm.admin(), "fleetadmin", "manage-realm");
            subjects.put("realm admin (manage-realm, user token)", IotApi.userToken("fleetadmin"));
            RealmUsers.create(realm.admin(), "auditor", "view-realm");
            subjects.put("realm viewer (view-realm, user token)", IotApi.userToken("auditor"));

            List<String> resources = List.of(own, sharedRead, sharedWrite, groundMember, otherUsers, otherRealm);
            List<String> mismatches = new ArrayList<>();
            subjects.forEach((subject, token) -> {
                List<Map<String, Object>> batch = new ArrayList<>();
                List<String> batchExpected = new ArrayList<>();
                for (String action : ACTIONS) {
                    Set<String> expectedListed = new TreeSet<>();
                    for (int column = 0; column < COLUMNS.size(); column++) {
                        String expected = EXPECTED.get(subject).get(action).get(column);
                        String cell = subject + " / " + action + " / " + COLUMNS.get(column);
                        JsonNode decision = IotApi.check(token, "device", resources.get(column), action);
                        String actual = (decision.get("allowed").asBoolean() ? "Y:" : "N:") + decision.get("reason").asText();
                        if (!expected.equals(actual)) {
                            mismatches.add("check " + cell + ": expected " + expected + ", got " + actual);
                        }
                        batch.add(Map.of("resource", Map.of("type", "device", "id", resources.get(column)), "action", action));
                        batchExpected.add(cell + " = " + expected);
                        if (expected.startsWith("Y") && column != COLUMNS.indexOf("otherRealm")) {
                            expectedListed.add(resources.get(column));
                        }
                    }
                    Set<String> listed = listed(token, action);
                    if (!listed.equals(expectedListed)) {
                        mismatches.add("list " + subject + " / " + action + ": expected " + expectedListed + ", got " + listed);
                    }
                }
                JsonNode results = authz("batch", Map.of("token", token, "checks", batch)).expect(200).json().get("results");
                assertEquals(batch.size(), results.size(), "one result per check, for " + subject);
                for (int i = 0; i < batch.size(); i++) {
                    String actual = (results.get(i).get("allowed").asBoolean() ? "Y:" : "N:") + results.get(i).get("reason").asText();
                    if (!batchExpected.get(i).endsWith(" = " + actual)) {
                        mismatches.add("batch " + batchExpected.get(i) + ", got " + actual);
                    }
                }
            });
            assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " cells differ:\n" + String.join("\n", mismatches));
        } finally {
            adminClient.realms().realm("iot-elsewhere").remove();
        }
    }

    @Test
    void groundsAndTypesThePackDoesNotKeepFollowTheSameRules() {
        String alice = IotApi.userToken("alice");
        String bob = IotApi.userToken("bob");
        String bobsGround = self("POST", "/grounds", bob, Map.of("name", "Attic")).expect(201).json().get("id").asText();
        String sharedGround = self("POST", "/grounds", alice, Map.of("name", "Orchard")).expect(201).json().get("id").asText();
        String privateGround = self("POST", "/grounds", alice, Map.of("name", "Cellar")).expect(201).json().get("id").asText();
        share(alice, bob, "/grounds/" + sharedGround, List.of("read", "control"));
        String groundToken = self("POST", "/grounds/" + bobsGround + "/tokens", bob, Map.of("name", "attic")).expect(201)
                .json().get("token").asText();
        String deviceToken = self("POST", "/devices/" + IotApi.newDevice(bob, "Attic fan") + "/tokens", bob, Map.of("name", "fan"))
                .expect(201).json().get("token").asText();

        assertDecision(bob, "ground", bobsGround, "update", true, "owner");
        assertDecision(bob, "ground", sharedGround, "read", true, "shared");
        assertDecision(bob, "ground", sharedGround, "update", false, "no_access");
        assertDecision(bob, "ground", privateGround, "read", false, "no_access");
        assertDecision(groundToken, "ground", bobsGround, "read", true, "ground_token");
        assertDecision(groundToken, "ground", bobsGround, "update", false, "not_in_token");
        assertDecision(groundToken, "ground", sharedGround, "read", false, "not_in_token");
        assertEquals(Set.of(bobsGround, sharedGround), listed(bob, "ground", "read"));

        // Buckets are the platform's: a user acts on their own authority, device-level tokens never reach them.
        assertDecision(bob, "bucket", "b-1", "export", true, "user");
        assertDecision(deviceToken, "bucket", "b-1", "read", false, "not_in_token");
        assertDecision(groundToken, "bucket", "b-1", "read", false, "not_in_token");
        JsonNode all = authz("list", Map.of("token", bob, "type", "bucket", "action", "read")).expect(200).json();
        assertTrue(all.get("all").asBoolean(), "a user may act on every bucket of theirs: " + all);
        assertFalse(authz("list", Map.of("token", deviceToken, "type", "bucket", "action", "read")).expect(200).json()
                .get("all").asBoolean());
        // Admin-only types need an administrator.
        assertDecision(bob, "fleet", "*", "import", false, "admin_only");
    }

    @Test
    void inactiveTokensAreAnswersAndBadRequestsAreErrors() {
        String bob = IotApi.userToken("bob");
        String device = IotApi.newDevice(bob, "Door");
        String token = self("POST", "/devices/" + device + "/tokens", bob, Map.of("name", "door")).expect(201).json().get("token").asText();
        assertDecision(token, "device", device, "read", true, "device_token");
        self("DELETE", "/devices/" + device + "/tokens/" + token.split("_")[1], bob, null).expect(204);
        assertDecision(token, "device", device, "read", false, "token_inactive");
        assertDecision("not-a-token", "device", device, "read", false, "token_inactive");
        assertDecision(token.substring(0, token.length() - 1) + "x", "device", device, "read", false, "token_inactive");
        JsonNode listing = authz("list", Map.of("token", token, "type", "device", "action", "read")).expect(200).json();
        assertFalse(listing.get("active").asBoolean());
        assertEquals(0, listing.get("resources").size());

        authz("check", "{\"token\": ").expectError(400, "invalid_request");
        authz("check", Map.of("token", bob, "resource", Map.of("type", "toaster", "id", device), "action", "read"))
                .expectError(400, "invalid_request");
        authz("check", Map.of("token", bob, "resource", Map.of("type", "device", "id", device), "action", "brew"))
                .expectError(400, "invalid_request");
        authz("check", Map.of("token", 42, "resource", Map.of("type", "device", "id", device), "action", "read"))
                .expectError(400, "invalid_request");
        authz("check", Map.of("token", bob, "resource", Map.of("type", "device", "id", device), "action", "read", "extra", 1))
                .expectError(400, "invalid_request");
        authz("batch", Map.of("token", bob, "checks", List.of())).expectError(400, "invalid_request");
        authz("list", Map.of("token", bob, "type", "device", "action", "read", "max", 5000)).expectError(400, "invalid_request");
        // Only confidential clients with valid credentials may ask.
        IotApi.authzAs("iot-api", "wrong", "check", Map.of("token", bob, "resource", Map.of("type", "device", "id", device),
                "action", "read")).expectError(401, "unauthorized_client");
        IotApi.authzAs("iot-cli", "", "check", Map.of("token", bob, "resource", Map.of("type", "device", "id", device),
                "action", "read")).expect(401);
        // A client-credentials bearer token authenticates the resource server too.
        String apiToken = IotApi.clientToken("iot-api", "iot-api-secret");
        JsonNode viaBearer = IotApi.call("POST", "/realms/iot/iot/authz/check", apiToken, Map.of("token", bob,
                "resource", Map.of("type", "device", "id", device), "action", "read"), "application/json").expect(200).json();
        assertTrue(viaBearer.get("allowed").asBoolean());
        IotApi.call("POST", "/realms/iot/iot/authz/check", bob, Map.of("token", bob,
                "resource", Map.of("type", "device", "id", device), "action", "read"), "application/json").expectError(401, "unauthorized_client");
    }

    private static void share(String owner, String recipient, String resourcePath, List<String> actions) {
        JsonNode share = self("POST", resourcePath + "/shares", owner, Map.of("email", "bob@example.com", "actions", actions))
                .expect(201).json();
        assertEquals("PENDING", share.get("status").asText());
        JsonNode accepted = self("POST", "/shares/" + share.get("id").asText() + "/accept", recipient, null).expect(200).json();
        assertEquals("ACCEPTED", accepted.get("status").asText());
    }

    private static void assertDecision(String token, String type, String id, String action, boolean allowed, String reason) {
        JsonNode decision = IotApi.check(token, type, id, action);
        assertEquals(allowed + ":" + reason, decision.get("allowed").asBoolean() + ":" + decision.get("reason").asText(),
                type + " " + id + " " + action);
    }

    private static Set<String> listed(String token, String action) {
        return listed(token, "device", action);
    }

    private static Set<String> listed(String token, String type, String action) {
        JsonNode listing = authz("list", Map.of("token", token, "type", type, "action", action)).expect(200).json();
        Set<String> ids = new TreeSet<>();
        listing.get("resources").forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
