package io.keycloakiot.token;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.form;
import static io.keycloakiot.support.IotApi.introspect;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 7009 at the realm's standard revocation endpoint, for the pack's tokens and, unchanged, Keycloak's own. */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class RevocationIT {

    private static final String REVOKE = "/realms/iot/protocol/openid-connect/revoke";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @Test
    void aDeviceTokenRevokedAtTheStandardEndpointIsInactiveAtOnce() {
        String alice = IotApi.userToken("alice");
        String device = self("POST", "/devices", alice, Map.of("name", "Siren", "type", "siren")).expect(201).json().get("id").asText();
        String token = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "siren")).expect(201).json().get("token").asText();
        assertTrue(introspect(token, null).get("active").asBoolean());

        form(REVOKE, Map.of("token", token, "token_type_hint", "device_token"), "iot-api", "iot-api-secret").expect(200);
        assertFalse(introspect(token, null).get("active").asBoolean());
        assertTrue(self("GET", "/devices/" + device + "/tokens", alice, null).expect(200).json().isEmpty());
        // Revoking again, or an unknown token, still answers 200 (RFC 7009 section 2.2).
        form(REVOKE, Map.of("token", token), "iot-api", "iot-api-secret").expect(200);
        form(REVOKE, Map.of("token", "iotd_not_a_token"), "iot-api", "iot-api-secret").expect(200);
    }

    @Test
    void theOwnersPublicAppCanRevokeAGroundToken() {
        String alice = IotApi.userToken("alice");
        String ground = self("POST", "/grounds", alice, Map.of("name", "Porch")).expect(201).json().get("id").asText();
        String token = self("POST", "/grounds/" + ground + "/tokens", alice, Map.of("name", "porch")).expect(201).json().get("token").asText();
        form(REVOKE, Map.of("token", token, "client_id", "iot-cli")).expect(200);
        assertFalse(introspect(token, null).get("active").asBoolean());
    }

    @Test
    void keycloaksOwnRefreshTokenRevocationStillWorks() {
        JsonNode tokens = form("/realms/iot/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "iot-cli", "username", "bob", "password", RealmUsers.password("bob"))).expect(200).json();
        form(REVOKE, Map.of("token", tokens.get("refresh_token").asText(), "client_id", "iot-cli")).expect(200);
        form("/realms/iot/protocol/openid-connect/token", Map.of("grant_type", "refresh_token", "client_id", "iot-cli",
                "refresh_token", tokens.get("refresh_token").asText())).expect(400);
    }
}
