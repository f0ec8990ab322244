package io.keycloakiot.security;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.CodeFlow;
import io.keycloakiot.support.DeviceGrant;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.form;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The self-service API takes a user's token only when the realm allowed its client for it (the pack's
 * client scope {@code iot}, its {@code <type>:<action>} scopes, or Keycloak's own account console), and only for
 * the scopes it was granted (RFC 6750 {@code insufficient_scope}). Before the fix any access token of the realm
 * passed, whatever its client and scope.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class SelfServiceScopeIT {

    private static final String APP_REDIRECT = "http://localhost:3000/callback";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @Test
    void aliceAdminCliTokenCannotCreateAProfileThatDeletesEveryDevice() {
        String alice = IotApi.userToken("alice");
        int profiles = self("GET", "/tokens", alice, null).expect(200).json().size();
        int devices = self("GET", "/devices", alice, null).expect(200).json().size();
        String adminCli = form("/realms/iot/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", "alice", "password", RealmUsers.password("alice"))).expect(200).json().get("access_token").asText();

        IotApi.Reply refused = self("POST", "/tokens", adminCli, Map.of("name", "wipe",
                "permissions", List.of(Map.of("type", "device", "resource", "*", "actions", List.of("delete")))));
        refused.expectError(403, "insufficient_scope");
        String challenge = refused.header("WWW-Authenticate");
        assertTrue(challenge != null && challenge.startsWith("Bearer ") && challenge.contains("error=\"insufficient_scope\""),
                "RFC 6750 challenge: " + challenge);
        self("GET", "/devices", adminCli, null).expectError(403, "insufficient_scope");
        self("POST", "/devices", adminCli, Map.of("name", "x", "type", "sensor")).expectError(403, "insufficient_scope");

        assertEquals(profiles, self("GET", "/tokens", alice, null).expect(200).json().size(), "nothing was created");
        assertEquals(devices, self("GET", "/devices", alice, null).expect(200).json().size(), "nothing was created");
    }

    @Test
    void aBackendTokenWithReadConsentOnlyReads() {
        String alice = IotApi.userToken("alice");
        String device = IotApi.newDevice(alice, "Boiler");
        int grounds = self("GET", "/grounds", alice, null).expect(200).json().size();
        int profiles = self("GET", "/tokens", alice, null).expect(200).json().size();
        // Alice signs in to the backend app and consents to "Read your devices" only.
        JsonNode tokens = CodeFlow.tokens("iot-backend", "iot-backend-secret", APP_REDIRECT, "openid device:read", "alice", true);
        String backend = tokens.get("access_token").asText();
        assertTrue(tokens.get("scope").asText().contains("device:read"), tokens.toString());

        assertEquals(device, self("GET", "/devices/" + device, backend, null).expect(200).json().get("id").asText());
        assertTrue(self("GET", "/devices", backend, null).expect(200).json().findValuesAsText("id").contains(device));

        self("DELETE", "/devices/" + device, backend, null).expectError(403, "insufficient_scope");
        self("PUT", "/devices/" + device, backend, Map.of("name", "Renamed")).expectError(403, "insufficient_scope");
        self("POST", "/devices/" + device + "/shares", backend, Map.of("email", "mallory@example.com", "actions", List.of("read")))
                .expectError(403, "insufficient_scope");
        self("POST", "/devices/" + device + "/tokens", backend, Map.of("name", "stolen")).expectError(403, "insufficient_scope");
        self("POST", "/tokens", backend, Map.of("name", "stolen",
                "permissions", List.of(Map.of("type", "device", "resource", "*", "actions", List.of("read")))))
                .expectError(403, "insufficient_scope");
        IotApi.Reply refused = self("POST", "/grounds", backend, Map.of("name", "Home"));
        refused.expectError(403, "insufficient_scope");
        assertTrue(refused.header("WWW-Authenticate").contains("scope=\"ground:create\""), refused.header("WWW-Authenticate"));

        JsonNode kept = self("GET", "/devices/" + device, alice, null).expect(200).json();
        assertEquals("Boiler", kept.get("name").asText());
        assertEquals(0, self("GET", "/devices/" + device + "/tokens", alice, null).expect(200).json().size());
        assertEquals(0, self("GET", "/devices/" + device + "/shares", alice, null).expect(200).json().size());
        assertEquals(grounds, self("GET", "/grounds", alice, null).expect(200).json().size());
        assertEquals(profiles, self("GET", "/tokens", alice, null).expect(200).json().size());
    }

    @Test
    void theCheckApiHoldsAUserTokenToItsScopes() {
        RealmUsers.create(realm.admin(), "erin");
        String erin = IotApi.userToken("erin");
        String device = IotApi.newDevice(erin, "Gate");
        String backend = CodeFlow.tokens("iot-backend", "iot-backend-secret", APP_REDIRECT, "openid device:read", "erin", true)
                .get("access_token").asText();

        assertEquals("true:owner", decision(backend, device, "read"));
        assertEquals("false:insufficient_scope", decision(backend, device, "control"));
        assertEquals("true:owner", decision(erin, device, "control"), "the iot scope grants what the owner may do");
    }

    @Test
    void anAdministratorsRolesCountInTheCheckApiOnlyWhereTheTokensClientHasThemInScope() {
        RealmUsers.create(realm.admin(), "rita", "manage-realm");
        String device = IotApi.newDevice(IotApi.userToken("bob"), "Bob's heater");
        // iot-cli has realm-admin in its role scope; iot-web (fullScopeAllowed false) has no admin role in scope.
        assertEquals("true:realm_admin", decision(IotApi.userToken("rita"), device, "control"));
        String web = CodeFlow.tokens("iot-web", null, APP_REDIRECT, "openid", "rita", false).get("access_token").asText();
        assertEquals("false:no_access", decision(web, device, "control"));
    }

    @Test
    void aDeviceGrantTokenReachesOnlyOnboarding() {
        String grant = DeviceGrant.approvedBy("alice");
        self("GET", "/devices", grant, null).expectError(403, "insufficient_scope");
        self("POST", "/tokens", grant, Map.of("name", "x",
                "permissions", List.of(Map.of("type", "device", "resource", "*", "actions", List.of("read")))))
                .expectError(403, "insufficient_scope");
        self("GET", "/shares/incoming", grant, null).expectError(403, "insufficient_scope");

        self("POST", "/onboarding", grant, Map.of("name", "Porch light", "type", "lamp")).expect(201);
    }

    @Test
    void keycloaksOwnAccountConsoleKeepsWorkingWithNoExtraSetup() {
        String console = CodeFlow.tokens("account-console", null, IotApi.url("/realms/iot/account/"), "openid", "alice", false)
                .get("access_token").asText();
        String device = self("POST", "/devices", console, Map.of("name", "Lamp", "type", "lamp")).expect(201).json().get("id").asText();
        assertEquals("Lamp", self("GET", "/devices/" + device, console, null).expect(200).json().get("name").asText());
        self("GET", "/shares/incoming", console, null).expect(200);
    }

    private static String decision(String token, String device, String action) {
        JsonNode decision = IotApi.check(token, "device", device, action);
        return decision.get("allowed").asBoolean() + ":" + decision.get("reason").asText();
    }
}
