package io.keycloakiot.security;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.form;
import static io.keycloakiot.support.IotApi.newDevice;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * "last used from" says whose address it is. A resource server that introspects a token or asks the check
 * API is the one Keycloak sees; only a client the realm trusts may report the device's own address.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class LastUsedAddressIT {

    private static final String INTROSPECT = "/realms/iot/protocol/openid-connect/token/introspect";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    private String owner;
    private String device;

    @BeforeEach
    void ownerWithADevice() {
        String name = "owner" + System.nanoTime();
        RealmUsers.create(realm.admin(), name);
        owner = IotApi.userToken(name, RealmUsers.password(name));
        device = newDevice(owner, "Meter");
    }

    @Test
    void anIntrospectionIsRecordedAsTheResourceServersAddressNotTheDevices() {
        Token token = newToken();
        form(INTROSPECT, Map.of("token", token.secret()), "iot-api", "iot-api-secret").expect(200);
        JsonNode listed = token.listed();
        assertEquals("iot-api", listed.path("lastUsedVia").asText(), listed.toString());
        assertEquals("client", listed.path("lastUsedIpOf").asText(), "the address is the resource server's: " + listed);
        assertFalse(listed.path("lastUsedIp").asText().isEmpty(), listed.toString());
    }

    @Test
    void aCheckIsRecordedAsTheCallingResourceServers() {
        Token token = newToken();
        IotApi.authzAs("iot-backend", "iot-backend-secret", "check", Map.of("token", token.secret(),
                "resource", Map.of("type", "device", "id", device), "action", "read")).expect(200);
        JsonNode listed = token.listed();
        assertEquals("iot-backend", listed.path("lastUsedVia").asText(), listed.toString());
        assertEquals("client", listed.path("lastUsedIpOf").asText(), listed.toString());
    }

    @Test
    void aTrustedResourceServerReportsTheDevicesAddress() {
        Token introspected = newToken();
        form(INTROSPECT, Map.of("token", introspected.secret(), "device_address", "203.0.113.7"), "iot-api", "iot-api-secret")
                .expect(200);
        JsonNode listed = introspected.listed();
        assertEquals("203.0.113.7", listed.path("lastUsedIp").asText(), listed.toString());
        assertEquals("holder", listed.path("lastUsedIpOf").asText(), listed.toString());
        assertEquals("iot-api", listed.path("lastUsedVia").asText(), listed.toString());

        Token checked = newToken();
        IotApi.authz("check", Map.of("token", checked.secret(), "resource", Map.of("type", "device", "id", device),
                "action", "read", "device_address", "2001:db8::7")).expect(200);
        assertEquals("2001:db8::7", checked.listed().path("lastUsedIp").asText());
        assertEquals("holder", checked.listed().path("lastUsedIpOf").asText());
    }

    @Test
    void anUntrustedClientCannotPutAnAddressOnTheRecord() {
        Token token = newToken();
        IotApi.authzAs("iot-backend", "iot-backend-secret", "check", Map.of("token", token.secret(),
                "resource", Map.of("type", "device", "id", device), "action", "read", "device_address", "203.0.113.9")).expect(200);
        JsonNode listed = token.listed();
        assertNotEquals("203.0.113.9", listed.path("lastUsedIp").asText(), listed.toString());
        assertEquals("client", listed.path("lastUsedIpOf").asText(), listed.toString());
        assertEquals("iot-backend", listed.path("lastUsedVia").asText(), listed.toString());
    }

    @Test
    void aReportedAddressThatIsNotAnIpAddressIsNotRecorded() {
        for (String address : new String[] {"device.example.com", "203.0.113.7, 10.0.0.1", "<script>", "999.1.1.1", " "}) {
            Token token = newToken();
            form(INTROSPECT, Map.of("token", token.secret(), "device_address", address), "iot-api", "iot-api-secret").expect(200);
            JsonNode listed = token.listed();
            assertNotEquals(address, listed.path("lastUsedIp").asText(), listed.toString());
            assertEquals("client", listed.path("lastUsedIpOf").asText(), address + ": " + listed);
        }
        IotApi.authz("check", Map.of("token", newToken().secret(), "resource", Map.of("type", "device", "id", device),
                "action", "read", "device_address", 42)).expectError(400, "invalid_request");
    }

    /** A fresh device token: "last used" moves at most once a minute, so each use under test gets its own. */
    private Token newToken() {
        JsonNode created = self("POST", "/devices/" + device + "/tokens", owner, Map.of("name", "meter")).expect(201).json();
        return new Token(created.get("id").asText(), created.get("token").asText(), device, owner);
    }

    private record Token(String id, String secret, String device, String owner) {
        JsonNode listed() {
            return self("GET", "/devices/" + device + "/tokens/" + id, owner, null).expect(200).json();
        }
    }
}
