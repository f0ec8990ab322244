package io.keycloakiot.token;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.model.cache.LastUseRecorder;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import io.keycloakiot.support.ServerTimer;
import io.keycloakiot.support.StoredToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.introspect;
import static io.keycloakiot.support.IotApi.newDevice;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device tokens: issued once, listed without secrets, introspected the standard way, revoked at once. */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class DeviceTokenIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @InjectRunOnServer(permittedPackages = ServerTimer.PACKAGE)
    RunOnServerClient server;

    String alice;
    String bob;

    @BeforeEach
    void signIn() {
        alice = IotApi.userToken("alice");
        bob = IotApi.userToken("bob");
    }

    @Test
    void aTokenIsShownOnceAndIntrospectsAsItsDevice() {
        String device = newDevice(alice, "Thermostat");
        IotApi.Reply created = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "firmware")).expect(201);
        String token = created.json().get("token").asText();
        String keyId = created.json().get("id").asText();
        assertTrue(token.matches("iotd_" + keyId + "_[A-Za-z0-9]{38}"), token);
        assertEquals("no-store", created.header("Cache-Control"));
        assertTrue(created.json().get("expiresAt").isNull(), "no expiry unless asked");

        JsonNode listed = self("GET", "/devices/" + device + "/tokens", alice, null).expect(200).json();
        assertEquals(1, listed.size());
        assertEquals(keyId, listed.get(0).get("id").asText());
        assertFalse(listed.get(0).has("token"), "a list never shows the secret");
        assertFalse(listed.toString().contains(token.substring(token.lastIndexOf('_'))));

        for (String hint : new String[] {null, "access_token", "device_token"}) {
            JsonNode answer = introspect(token, hint);
            assertTrue(answer.get("active").asBoolean(), "hint " + hint);
            assertEquals("device_token", answer.get("token_type").asText());
            assertEquals(device, answer.get("sub").asText());
            assertEquals(device, answer.get("device_id").asText());
            assertFalse(answer.has("exp"), "a token without expiry has no exp");
            assertTrue(answer.get("iat").asLong() > 0);
            assertEquals("iot_device", answer.at("/authorization_details/0/type").asText());
            assertEquals(device, answer.at("/authorization_details/0/identifier").asText());
            assertTrue(answer.at("/authorization_details/0/actions").toString().contains("\"read\""));
            assertFalse(answer.has("scope"), "permissions are authorization_details only, never consent-like scopes");
        }
        // Last use is noted in memory and written behind by the server's timer: it is visible at once, and stays as
        // it was across flushes, with uses in between (one minute resolution: repeated uses do not move it). The
        // database row is read on the server, so the flush is shown to write it, not only the node's note.
        String path = "/devices/" + device + "/tokens/" + keyId;
        JsonNode noted = self("GET", path, alice, null).expect(200).json();
        long lastUsed = noted.get("lastUsedTimestamp").asLong();
        assertTrue(lastUsed > 0, "last use is shown before it is written: " + noted);
        assertFalse(noted.get("lastUsedIp").isNull());
        assertNull(StoredToken.lastUse(server, realm.getName(), keyId).at(), "nothing is written before the flush");
        for (int flush = 0; flush < 2; flush++) {
            ServerTimer.runNow(server, LastUseRecorder.NODE.getTaskName());
            JsonNode written = self("GET", path, alice, null).expect(200).json();
            assertEquals(lastUsed, written.get("lastUsedTimestamp").asLong(), "after flush " + flush + ": " + written);
            assertEquals(noted.get("lastUsedIp"), written.get("lastUsedIp"));
            StoredToken.LastUse stored = StoredToken.lastUse(server, realm.getName(), keyId);
            assertEquals(lastUsed, stored.at(), "stored after flush " + flush);
            assertEquals(noted.get("lastUsedIp").asText(), stored.ip(), "stored after flush " + flush);
            assertTrue(introspect(token, null).get("active").asBoolean());
        }
    }

    @Test
    void aRevokedTokenIsInactiveOnTheVeryNextRequest() {
        String device = newDevice(alice, "Lock");
        JsonNode created = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "lock")).expect(201).json();
        String token = created.get("token").asText();
        assertTrue(introspect(token, null).get("active").asBoolean());
        self("DELETE", "/devices/" + device + "/tokens/" + created.get("id").asText(), alice, null).expect(204);
        assertInactive(token);
        self("DELETE", "/devices/" + device + "/tokens/" + created.get("id").asText(), alice, null).expectError(404, "not_found");
    }

    @Test
    void disablingTheTokenTheDeviceOrTheOwnerMakesItInactive() {
        String carolId = RealmUsers.create(realm.admin(), "carol");
        String carol = IotApi.userToken("carol");
        String device = newDevice(carol, "Camera");
        JsonNode created = self("POST", "/devices/" + device + "/tokens", carol, Map.of("name", "cam")).expect(201).json();
        String token = created.get("token").asText();
        String tokenPath = "/devices/" + device + "/tokens/" + created.get("id").asText();

        self("PATCH", tokenPath, carol, Map.of("enabled", false)).expect(200);
        assertInactive(token);
        self("PATCH", tokenPath, carol, Map.of("enabled", true)).expect(200);
        assertTrue(introspect(token, null).get("active").asBoolean());

        self("PUT", "/devices/" + device, carol, Map.of("enabled", false)).expect(200);
        assertInactive(token);
        self("PUT", "/devices/" + device, carol, Map.of("enabled", true)).expect(200);
        assertTrue(introspect(token, null).get("active").asBoolean());

        var user = realm.admin().users().get(carolId).toRepresentation();
        user.setEnabled(false);
        realm.admin().users().get(carolId).update(user);
        assertInactive(token);
        user.setEnabled(true);
        realm.admin().users().get(carolId).update(user);
        assertTrue(introspect(token, null).get("active").asBoolean());

        realm.admin().users().get(carolId).remove();
        assertInactive(token);
    }

    @Test
    void anExpiredTokenIsInactiveAndExpiryIsValidated() {
        String device = newDevice(alice, "Meter");
        long inAnHour = Instant.now().plus(Duration.ofHours(1)).toEpochMilli();
        JsonNode shortLived = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "short", "expiresAt", inAnHour))
                .expect(201).json();
        assertEquals(inAnHour, shortLived.get("expiresAt").asLong());
        JsonNode answer = introspect(shortLived.get("token").asText(), null);
        assertTrue(answer.get("active").asBoolean());
        assertEquals(inAnHour / 1000, answer.get("exp").asLong());
        // Expiry is judged against the server's clock: two hours on (Keycloak's time offset), the token is inactive.
        timeOffSet.set(Duration.ofHours(2));
        try {
            assertFalse(introspect(shortLived.get("token").asText(), null).get("active").asBoolean());
        } finally {
            timeOffSet.set(0);
        }
        assertTrue(introspect(shortLived.get("token").asText(), null).get("active").asBoolean(), "back on the real clock, it is active again");

        JsonNode iso = self("POST", "/devices/" + device + "/tokens", alice,
                Map.of("name", "iso", "expiresAt", "2031-05-01T12:00:00Z")).expect(201).json();
        assertEquals(Instant.parse("2031-05-01T12:00:00Z").toEpochMilli(), iso.get("expiresAt").asLong());
        self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "past", "expiresAt", 1000)).expectError(400, "invalid_request");
        self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "bad", "expiresAt", "tomorrow")).expectError(400, "invalid_request");
        self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "far", "expiresAt", "+10000-01-01T00:00:00Z")).expectError(400, "invalid_request");
        self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "bool", "expiresAt", true)).expectError(400, "invalid_request");
        self("POST", "/devices/" + device + "/tokens", alice, Map.of()).expectError(400, "invalid_request");
        self("POST", "/devices/" + device + "/tokens", alice, "{\"name\":").expectError(400, "invalid_request");
    }

    @Test
    void bobCannotListIssueOrRevokeTokensOfAlicesDevice() {
        String device = newDevice(alice, "Alice's door");
        JsonNode created = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "door")).expect(201).json();
        self("GET", "/devices/" + device + "/tokens", bob, null).expectError(404, "not_found");
        self("POST", "/devices/" + device + "/tokens", bob, Map.of("name", "mine")).expectError(404, "not_found");
        self("DELETE", "/devices/" + device + "/tokens/" + created.get("id").asText(), bob, null).expectError(404, "not_found");
        String bobsDevice = newDevice(bob, "Bob's door");
        self("GET", "/devices/" + bobsDevice + "/tokens/" + created.get("id").asText(), bob, null).expectError(404, "not_found");
        assertTrue(introspect(created.get("token").asText(), null).get("active").asBoolean());
    }

    @Test
    void deletingOrTransferringTheDeviceRevokesItsTokens() {
        String deleted = newDevice(alice, "Old sensor");
        String deletedToken = self("POST", "/devices/" + deleted + "/tokens", alice, Map.of("name", "t")).expect(201).json().get("token").asText();
        self("DELETE", "/devices/" + deleted, alice, null).expect(204);
        assertInactive(deletedToken);

        String moved = newDevice(alice, "Sold sensor");
        String movedToken = self("POST", "/devices/" + moved + "/tokens", alice, Map.of("name", "t")).expect(201).json().get("token").asText();
        String adminToken = adminClient.tokenManager().getAccessTokenString();
        admin("PUT", "/devices/" + moved + "/owner", adminToken, Map.of("owner", "bob")).expect(200);
        assertInactive(movedToken);
    }

    @Test
    void adminRevokesEveryTokenOfADeviceOrOfAnOwner() {
        String adminToken = adminClient.tokenManager().getAccessTokenString();
        String d1 = newDevice(bob, "B1");
        String d2 = newDevice(bob, "B2");
        String t1 = admin("POST", "/devices/" + d1 + "/tokens", adminToken, Map.of("name", "a")).expect(201).json().get("token").asText();
        String t2 = admin("POST", "/devices/" + d1 + "/tokens", adminToken, Map.of("name", "b")).expect(201).json().get("token").asText();
        String t3 = self("POST", "/devices/" + d2 + "/tokens", bob, Map.of("name", "c")).expect(201).json().get("token").asText();

        assertEquals(2, admin("DELETE", "/devices/" + d1 + "/tokens", adminToken, null).expect(200).json().get("revoked").asInt());
        assertInactive(t1);
        assertInactive(t2);
        assertTrue(introspect(t3, null).get("active").asBoolean());

        assertEquals(1, admin("DELETE", "/owners/bob/tokens", adminToken, null).expect(200).json().get("revoked").asInt());
        assertInactive(t3);
        admin("DELETE", "/owners/nobody-such/tokens", adminToken, null).expectError(400, "invalid_request");
        IotApi.admin("DELETE", "/owners/bob/tokens", alice, null).expect(403);
    }

    @Test
    void malformedAndForeignTokensAreInactive() {
        String device = newDevice(alice, "Probe");
        String token = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "t")).expect(201).json().get("token").asText();
        char last = token.charAt(token.length() - 1);
        String[] bad = {
                "iotx" + token.substring(4),
                token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'),
                token.substring(0, token.length() - 3),
                token + "x",
                "iotd_" + "a".repeat(10_000),
                "iotd_ÄÖÜ_" + token.substring(10),
                token.replace('_', '-'),
                "",
        };
        for (String candidate : bad) {
            JsonNode answer = introspect(candidate, null);
            assertEquals(Map.of("active", false).toString().replace("=", ":"), answer.toString().replace("\"", ""),
                    "inactive and nothing else for " + candidate.substring(0, Math.min(40, candidate.length())));
        }
        assertTrue(introspect(token, null).get("active").asBoolean());
    }

    @Test
    void aTokenIsInactiveInAnyOtherRealm() {
        String device = newDevice(alice, "Home hub");
        String token = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "hub")).expect(201).json().get("token").asText();
        RealmRepresentation other = new RealmRepresentation();
        other.setRealm("iot-other");
        other.setEnabled(true);
        ClientRepresentation resourceServer = new ClientRepresentation();
        resourceServer.setClientId("rs");
        resourceServer.setSecret("rs-secret");
        resourceServer.setPublicClient(false);
        resourceServer.setServiceAccountsEnabled(true);
        resourceServer.setAttributes(Map.of("iot.token.exchange.enabled", "true"));
        other.setClients(List.of(resourceServer));
        adminClient.realms().create(other);
        try {
            JsonNode answer = IotApi.form("/realms/iot-other/protocol/openid-connect/token/introspect", Map.of("token", token),
                    "rs", "rs-secret").expect(200).json();
            assertEquals("{\"active\":false}", answer.toString());
            IotApi.form("/realms/iot-other/protocol/openid-connect/token", Map.of(
                    "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", token,
                    "subject_token_type", "urn:keycloak-iot:token-type:device-token"), "rs", "rs-secret").expectError(400, "invalid_request");
            assertTrue(introspect(token, null).get("active").asBoolean(), "still active in its own realm");
        } finally {
            adminClient.realm("iot-other").remove();
        }
    }

    @Test
    void bobsTokenNeverNamesAlicesDevice() {
        String alicesDevice = newDevice(alice, "Alice's heater");
        String bobsDevice = newDevice(bob, "Bob's heater");
        String bobsToken = self("POST", "/devices/" + bobsDevice + "/tokens", bob, Map.of("name", "b")).expect(201).json().get("token").asText();
        JsonNode answer = introspect(bobsToken, null);
        assertEquals(bobsDevice, answer.get("device_id").asText());
        assertFalse(answer.toString().contains(alicesDevice));
        // A device token is no bearer token of the self-service API either.
        self("GET", "/devices/" + alicesDevice, bobsToken, null).expectError(401, "invalid_token");
    }

    @Test
    void theHttpBasicFormOfATokenValidatesTheSameWay() {
        String device = newDevice(alice, "Legacy logger");
        JsonNode created = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "basic")).expect(201).json();
        String token = created.get("token").asText();
        String keyId = created.get("id").asText();
        String password = token.substring(token.lastIndexOf('_') + 1);
        // A resource server that received "Authorization: Basic base64(keyId:password)" introspects keyId:password.
        JsonNode answer = introspect(keyId + ":" + password, null);
        assertTrue(answer.get("active").asBoolean());
        assertEquals(device, answer.get("device_id").asText());
        assertInactive(keyId + ":" + password.substring(1) + "x");
        assertInactive("aaaaaaaaaaaaaaaa:" + password);
        self("PATCH", "/devices/" + device + "/tokens/" + keyId, alice, Map.of("enabled", false)).expect(200);
        assertInactive(keyId + ":" + password);
    }

    @Test
    void aDeviceTokenHoldsOnlyTheDeviceLevelActionsItIsGiven() {
        String device = newDevice(alice, "Irrigation valve");
        String other = newDevice(alice, "Other valve");
        String tokens = "/devices/" + device + "/tokens";

        // No list: every device-level action on its own device.
        JsonNode plain = self("POST", tokens, alice, Map.of("name", "default")).expect(201).json();
        assertTrue(plain.get("permissions").isNull(), plain.toString());
        JsonNode answer = introspect(plain.get("token").asText(), null);
        assertEquals(1, answer.get("authorization_details").size(), answer.toString());
        assertEquals(device, answer.at("/authorization_details/0/identifier").asText());
        assertEquals("[\"read\",\"write\",\"control\",\"read_stats\",\"read_locations\"]",
                answer.at("/authorization_details/0/actions").toString());

        // A list: only those actions; "*" means the token's own device.
        JsonNode narrow = self("POST", tokens, alice, Map.of("name", "reader",
                "permissions", List.of(Map.of("type", "device", "resource", "*", "actions", List.of("read", "read_stats")))))
                .expect(201).json();
        assertEquals(device, narrow.at("/permissions/0/resource").asText(), "stored for the token's own device");
        String reader = narrow.get("token").asText();
        JsonNode narrowAnswer = introspect(reader, null);
        assertEquals(device, narrowAnswer.at("/authorization_details/0/identifier").asText());
        assertEquals("[\"read\",\"read_stats\"]", narrowAnswer.at("/authorization_details/0/actions").toString());
        assertTrue(IotApi.check(reader, "device", device, "read").get("allowed").asBoolean());
        assertEquals("device_token", IotApi.check(reader, "device", device, "read").get("reason").asText());
        assertFalse(IotApi.check(reader, "device", device, "control").get("allowed").asBoolean());
        assertEquals("not_in_token", IotApi.check(reader, "device", device, "control").get("reason").asText());
        assertFalse(IotApi.check(reader, "device", other, "read").get("allowed").asBoolean());
        self("POST", tokens, alice, Map.of("name", "own id",
                "permissions", List.of(Map.of("type", "device", "resource", device, "actions", List.of("write"))))).expect(201);

        // Anything else is refused and nothing is saved.
        int saved = self("GET", tokens, alice, null).expect(200).json().size();
        List<Object> refused = List.of(
                List.of(Map.of("type", "ground", "resource", "*", "actions", List.of("read"))),
                List.of(Map.of("type", "bucket", "resource", "*", "actions", List.of("read"))),
                List.of(Map.of("type", "device", "resource", other, "actions", List.of("read"))),
                List.of(Map.of("type", "device", "resource", "*", "actions", List.of("delete"))),
                List.of(Map.of("type", "device", "resource", "*", "actions", List.of("manage_tokens"))),
                List.of(Map.of("type", "device", "resource", "*", "actions", List.of("fly"))),
                List.of(Map.of("type", "device", "resource", "*", "actions", List.of())),
                List.of(Map.of("type", "device", "actions", List.of("read"))),
                Map.of("type", "device", "resource", "*", "actions", List.of("read")));
        for (Object permissions : refused) {
            self("POST", tokens, alice, Map.of("name", "refused", "permissions", permissions)).expectError(400, "invalid_request");
        }
        assertEquals(saved, self("GET", tokens, alice, null).expect(200).json().size(), "no refused request saved a token");

        // PATCH changes the list in place (same token string); a refused PATCH changes nothing; null restores the default.
        String path = tokens + "/" + narrow.get("id").asText();
        self("PATCH", path, alice, Map.of("permissions", List.of(Map.of("type", "device", "resource", "*", "actions", List.of("control")))))
                .expect(200);
        assertEquals("[\"control\"]", introspect(reader, null).at("/authorization_details/0/actions").toString());
        assertTrue(IotApi.check(reader, "device", device, "control").get("allowed").asBoolean());
        assertFalse(IotApi.check(reader, "device", device, "read").get("allowed").asBoolean());
        self("PATCH", path, alice, Map.of("permissions", List.of(Map.of("type", "device", "resource", other, "actions", List.of("read")))))
                .expectError(400, "invalid_request");
        assertEquals("[\"control\"]", introspect(reader, null).at("/authorization_details/0/actions").toString());
        Map<String, Object> reset = new HashMap<>();
        reset.put("permissions", null);
        assertTrue(self("PATCH", path, alice, reset).expect(200).json().get("permissions").isNull());
        assertEquals("[\"read\",\"write\",\"control\",\"read_stats\",\"read_locations\"]",
                introspect(reader, null).at("/authorization_details/0/actions").toString());
    }

    @Test
    void stockJwtIntrospectionStillWorks() {
        // The demo realm puts iot-api in the audience of its apps' tokens, as Keycloak requires for introspection.
        JsonNode answer = introspect(alice, null);
        assertTrue(answer.get("active").asBoolean(), answer.toString());
        assertEquals("iot-cli", answer.get("client_id").asText());
        assertEquals("alice", answer.get("username").asText());
        assertNull(answer.get("device_id"));
        assertFalse(introspect(alice.substring(0, alice.length() - 4) + "AAAA", null).get("active").asBoolean());
        assertTrue(introspect(alice, "access_token").get("active").asBoolean());
    }

    private static void assertInactive(String token) {
        JsonNode answer = introspect(token, null);
        assertFalse(answer.get("active").asBoolean());
        assertEquals(1, answer.size(), "an inactive answer says nothing else: " + answer);
    }
}
