package io.keycloakiot.authz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.JSON;
import static io.keycloakiot.support.IotApi.introspect;
import static io.keycloakiot.support.IotApi.newDevice;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code iot-authorization-details} protocol mapper: a user's ordinary access token lists, as RFC 9396
 * {@code authorization_details}, the devices and grounds they own (every action) and those shared with them
 * (the shared actions), as at the moment the token is issued, bounded by {@code max.entries}.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class AuthorizationDetailsMapperIT {

    private static final List<String> DEVICE_ACTIONS = List.of("read", "write", "control", "list", "create", "update",
            "delete", "manage_tokens", "read_stats", "read_locations");
    private static final List<String> GROUND_ACTIONS = List.of("read", "list", "create", "update", "delete",
            "manage_devices", "manage_tokens");

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    String mapperId;

    @AfterEach
    void removeMapper() {
        if (mapperId != null) {
            cli().getProtocolMappers().delete(mapperId);
            mapperId = null;
        }
    }

    @Test
    void aUsersAccessTokenListsTheDevicesAndGroundsTheyOwn() {
        RealmUsers.create(realm.admin(), "dora");
        String dora = IotApi.userToken("dora");
        String boiler = newDevice(dora, "Boiler");
        String meter = newDevice(dora, "Meter");
        String house = self("POST", "/grounds", dora, Map.of("name", "House")).expect(201).json().get("id").asText();
        assertFalse(payload(IotApi.userToken("dora")).has("authorization_details"), "nothing without the mapper");

        addMapper("50");
        JsonNode tokenResponse = passwordGrant("dora");
        JsonNode claims = payload(tokenResponse.get("access_token").asText());
        assertEquals(Set.of(entry("device", boiler, DEVICE_ACTIONS), entry("device", meter, DEVICE_ACTIONS),
                entry("ground", house, GROUND_ACTIONS)), entries(claims));
        assertFalse(payload(tokenResponse.get("id_token").asText()).has("authorization_details"), "access token only");

        JsonNode introspected = introspect(tokenResponse.get("access_token").asText(), null);
        assertTrue(introspected.get("active").asBoolean(), introspected.toString());
        assertEquals(entries(claims), entries(introspected), "introspection tells the same");

        // Nobody else's token names dora's things.
        String bobs = IotApi.userToken("bob");
        JsonNode bobClaims = payload(bobs);
        String bobDetails = bobClaims.path("authorization_details").toString();
        assertFalse(bobDetails.contains(boiler) || bobDetails.contains(meter) || bobDetails.contains(house), bobDetails);
    }

    @Test
    void theClaimIsAsAtIssueAndSharedDevicesCarryTheSharedActions() {
        RealmUsers.create(realm.admin(), "otto");
        RealmUsers.create(realm.admin(), "pia");
        String otto = IotApi.userToken("otto");
        String pia = IotApi.userToken("pia");
        addMapper("50");
        assertEquals(Set.of(), entries(payload(IotApi.userToken("otto"))), "a user who owns nothing: an empty list");

        String lamp = newDevice(otto, "Lamp");
        String before = IotApi.userToken("otto");
        String fan = newDevice(otto, "Fan");
        assertEquals(Set.of(entry("device", lamp, DEVICE_ACTIONS)), entries(payload(before)), "as at issue");
        assertEquals(Set.of(entry("device", lamp, DEVICE_ACTIONS), entry("device", fan, DEVICE_ACTIONS)),
                entries(payload(IotApi.userToken("otto"))));
        self("DELETE", "/devices/" + lamp, otto, null).expect(204);
        assertEquals(Set.of(entry("device", fan, DEVICE_ACTIONS)), entries(payload(IotApi.userToken("otto"))));

        String share = self("POST", "/devices/" + fan + "/shares", otto,
                Map.of("email", "pia@example.com", "actions", List.of("read", "control"))).expect(201).json().get("id").asText();
        assertEquals(Set.of(), entries(payload(IotApi.userToken("pia"))), "a pending share grants nothing");
        self("POST", "/shares/" + share + "/accept", pia, null).expect(200);
        assertEquals(Set.of(entry("device", fan, List.of("read", "control"))), entries(payload(IotApi.userToken("pia"))));
    }

    @Test
    void maxEntriesBoundsTheClaimOwnedDevicesFirst() {
        RealmUsers.create(realm.admin(), "quinn");
        String quinn = IotApi.userToken("quinn");
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            devices.add(newDevice(quinn, "Probe " + i));
        }
        self("POST", "/grounds", quinn, Map.of("name", "Field")).expect(201);
        addMapper("2");
        JsonNode details = payload(IotApi.userToken("quinn")).get("authorization_details");
        assertEquals(2, details.size(), details.toString());
        for (JsonNode detail : details) {
            assertEquals("iot_device", detail.get("type").asText(), details.toString());
            assertTrue(devices.contains(detail.get("identifier").asText()), details.toString());
        }
    }

    private void addMapper(String maxEntries) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("iot authorization details");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("iot-authorization-details");
        mapper.setConfig(Map.of("access.token.claim", "true", "introspection.token.claim", "true", "max.entries", maxEntries));
        try (Response response = cli().getProtocolMappers().createMapper(mapper)) {
            assertEquals(201, response.getStatus(), "add the mapper to iot-cli");
            String location = response.getLocation().getPath();
            mapperId = location.substring(location.lastIndexOf('/') + 1);
        }
    }

    private ClientResource cli() {
        return realm.admin().clients().get(realm.admin().clients().findByClientId("iot-cli").get(0).getId());
    }

    private static JsonNode passwordGrant(String username) {
        return IotApi.form("/realms/iot/protocol/openid-connect/token", Map.of("grant_type", "password", "client_id", "iot-cli",
                "username", username, "password", RealmUsers.password(username), "scope", "openid")).expect(200).json();
    }

    /** The JWT's payload, decoded as any resource server reads it. */
    private static JsonNode payload(String jwt) {
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String entry(String type, String identifier, List<String> actions) {
        return "iot_" + type + " " + identifier + " " + actions;
    }

    /** The claim's entries as "type identifier [actions]", asserting each has exactly those fields. */
    private static Set<String> entries(JsonNode claims) {
        JsonNode details = claims.get("authorization_details");
        assertTrue(details != null && details.isArray(), "authorization_details in " + claims);
        Set<String> out = new HashSet<>();
        for (JsonNode detail : details) {
            assertEquals(3, detail.size(), detail.toString());
            List<String> actions = new ArrayList<>();
            detail.get("actions").forEach(action -> actions.add(action.asText()));
            out.add(entry(detail.get("type").asText().substring(4), detail.get("identifier").asText(), actions));
        }
        assertEquals(details.size(), out.size(), "no entry twice: " + details);
        return out;
    }
}
