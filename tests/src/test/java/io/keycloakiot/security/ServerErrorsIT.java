package io.keycloakiot.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.fixture.MemoryUserStorageProviderFactory;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotApi.Reply;
import io.keycloakiot.support.IotServerConfig;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.call;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs that reached the database or the framework unchecked and answered 500. Each is
 * a 4xx with the pack's JSON error now, or simply works, and a refused request stores nothing.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class ServerErrorsIT {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String BAD_ESCAPE = "a=%zz";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    String alice;
    String bob;
    String adminToken;

    @BeforeEach
    void signIn() {
        alice = IotApi.userToken("alice");
        bob = IotApi.userToken("bob");
        adminToken = adminClient.tokenManager().getAccessTokenString();
    }

    @Test
    void aFormBodyWithABadPercentEscapeIsRefusedByEveryJsonEndpointAndNothingIsStored() {
        String device = IotApi.newDevice(alice, "Escape probe");
        String ground = self("POST", "/grounds", alice, Map.of("name", "Escape ground")).expect(201).json().get("id").asText();
        int devices = admin("GET", "/devices?max=1000", adminToken, null).expect(200).json().size();
        int grounds = admin("GET", "/grounds?max=1000", adminToken, null).expect(200).json().size();
        int profiles = self("GET", "/tokens", alice, null).expect(200).json().size();
        JsonNode catalogue = admin("GET", "/catalogue", adminToken, null).expect(200).json();
        JsonNode settings = admin("GET", "/settings", adminToken, null).expect(200).json();

        String[][] selfService = {
                {"PUT", "/grounds/" + ground + "/devices/" + device},
                {"POST", "/devices"},
                {"PUT", "/devices/" + device},
                {"POST", "/grounds"},
                {"PUT", "/grounds/" + ground},
                {"POST", "/devices/" + device + "/tokens"},
                {"POST", "/tokens"},
                {"POST", "/devices/" + device + "/shares"},
                {"POST", "/grounds/" + ground + "/shares"},
                {"POST", "/onboarding"}};
        for (String[] route : selfService) {
            refusedAsUnsupported(call(route[0], "/realms/iot/iot" + route[1], alice, BAD_ESCAPE, FORM));
        }
        String[][] adminApi = {
                {"POST", "/devices"},
                {"PUT", "/devices/" + device},
                {"PUT", "/devices/" + device + "/owner"},
                {"POST", "/devices/import"},
                {"PUT", "/catalogue"},
                {"PUT", "/catalogue/types/camera"},
                {"PUT", "/settings"}};
        for (String[] route : adminApi) {
            refusedAsUnsupported(call(route[0], "/admin/realms/iot/iot" + route[1], adminToken, BAD_ESCAPE, FORM));
        }
        for (String operation : List.of("check", "batch", "list")) {
            refusedAsUnsupported(IotApi.authzAs("iot-api", "iot-api-secret", operation, BAD_ESCAPE, FORM));
        }

        assertEquals(0, self("GET", "/grounds/" + ground + "/devices", alice, null).expect(200).json().size(),
                "the device did not join the ground");
        assertEquals("Escape probe", self("GET", "/devices/" + device, alice, null).expect(200).json().get("name").asText());
        assertEquals(devices, admin("GET", "/devices?max=1000", adminToken, null).expect(200).json().size());
        assertEquals(grounds, admin("GET", "/grounds?max=1000", adminToken, null).expect(200).json().size());
        assertEquals(0, self("GET", "/devices/" + device + "/tokens", alice, null).expect(200).json().size());
        assertEquals(profiles, self("GET", "/tokens", alice, null).expect(200).json().size());
        assertEquals(0, self("GET", "/devices/" + device + "/shares", alice, null).expect(200).json().size());
        assertEquals(0, self("GET", "/grounds/" + ground + "/shares", alice, null).expect(200).json().size());
        assertEquals(catalogue, admin("GET", "/catalogue", adminToken, null).expect(200).json());
        assertEquals(settings, admin("GET", "/settings", adminToken, null).expect(200).json());

        // A well-formed form body is no more welcome than a broken one.
        refusedAsUnsupported(call("POST", "/realms/iot/iot/devices", alice, "name=x&type=sensor", FORM));
        refusedAsUnsupported(call("POST", "/realms/iot/iot/devices", alice, "{\"name\":\"x\",\"type\":\"sensor\"}", "text/plain"));
        assertEquals(devices, admin("GET", "/devices?max=1000", adminToken, null).expect(200).json().size());
    }

    @Test
    void sharesAndTokensHoldTheCataloguesLongestActionLists() {
        JsonNode original = admin("GET", "/catalogue", adminToken, null).expect(200).json();
        // The catalogue's bounds: 32 actions of 32 characters; 'device' keeps 'read'.
        List<String> actions = new ArrayList<>(List.of("read"));
        IntStream.range(1, 32).forEach(i -> actions.add(String.format("action_with_a_long_name_%08d", i)));
        try {
            admin("PUT", "/catalogue/types/device", adminToken, Map.of("actions", actions, "deviceActions", actions)).expect(200);
            String device = IotApi.newDevice(alice, "Many actions");
            String ground = self("POST", "/grounds", alice, Map.of("name", "Many actions")).expect(201).json().get("id").asText();
            self("PUT", "/grounds/" + ground + "/devices/" + device, alice, null).expect(204);

            JsonNode share = self("POST", "/devices/" + device + "/shares", alice,
                    Map.of("email", "bob@example.com", "actions", actions)).expect(201).json();
            assertEquals(actions.size(), share.get("actions").size());
            self("POST", "/grounds/" + ground + "/shares", alice,
                    Map.of("email", "bob@example.com", "actions", actions)).expect(201);
            self("POST", "/shares/" + share.get("id").asText() + "/accept", bob, null).expect(200);
            String last = actions.get(actions.size() - 1);
            JsonNode decision = IotApi.check(bob, "device", device, last);
            assertTrue(decision.get("allowed").asBoolean(), "the last of the long actions is shared: " + decision);

            List<Map<String, Object>> permissions = new ArrayList<>();
            for (JsonNode type : admin("GET", "/catalogue", adminToken, null).expect(200).json().get("types")) {
                if (!type.path("adminOnly").asBoolean()) {
                    permissions.add(Map.of("type", type.get("type").asText(), "resource", "*", "actions", type.get("actions")));
                }
            }
            self("POST", "/tokens", alice, Map.of("name", "Everything", "permissions", permissions)).expect(201);
            self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "All actions",
                    "permissions", List.of(Map.of("type", "device", "resource", device, "actions", actions)))).expect(201);
        } finally {
            admin("PUT", "/catalogue", adminToken, Map.of("types", original.get("types"))).expect(200);
        }
    }

    @Test
    void aFederatedUserWithALongIdOwnsDevicesGroundsAndTokensAndShares() {
        // Keycloak's federated ids are f:<component id>:<external id>, up to the 255 its own tables hold.
        String externalId = "ext-" + "x".repeat(255 - 2 - 36 - 1 - 4);
        String component = addMemoryUserStorage("fed-carol:fed-carol:" + externalId);
        String carolId = "f:" + component + ":" + externalId;
        assertEquals(255, carolId.length());
        String carol = IotApi.userToken("fed-carol", "fed-carol");

        assertEquals(0, self("GET", "/devices", carol, null).expect(200).json().size());
        JsonNode created = self("POST", "/devices", carol, Map.of("name", "Federated thermostat", "type", "sensor")).expect(201).json();
        String device = created.get("id").asText();
        assertEquals(carolId, created.get("owner").asText());
        String ground = self("POST", "/grounds", carol, Map.of("name", "Federated home")).expect(201).json().get("id").asText();
        self("PUT", "/grounds/" + ground + "/devices/" + device, carol, null).expect(204);
        assertEquals(device, self("GET", "/grounds/" + ground + "/devices", carol, null).expect(200).json().get(0).get("id").asText());

        String deviceToken = self("POST", "/devices/" + device + "/tokens", carol, Map.of("name", "firmware"))
                .expect(201).json().get("token").asText();
        JsonNode introspected = IotApi.introspect(deviceToken, null);
        assertTrue(introspected.get("active").asBoolean(), "the federated owner's device token is active: " + introspected);
        assertEquals(carolId, introspected.get("owner_id").asText());
        String groundToken = self("POST", "/grounds/" + ground + "/tokens", carol, Map.of("name", "app"))
                .expect(201).json().get("token").asText();
        assertTrue(IotApi.introspect(groundToken, null).get("active").asBoolean());
        String profile = self("POST", "/tokens", carol, Map.of("name", "script", "permissions",
                List.of(Map.of("type", "device", "resource", device, "actions", List.of("read"))))).expect(201).json().get("token").asText();
        JsonNode profileClaims = IotApi.introspect(profile, null);
        assertTrue(profileClaims.get("active").asBoolean(), "the federated owner's profile token is active: " + profileClaims);
        assertEquals(carolId, profileClaims.get("owner_id").asText());

        // carol shares with bob, and alice shares with carol.
        String toBob = self("POST", "/devices/" + device + "/shares", carol, Map.of("email", "bob@example.com", "actions", List.of("read")))
                .expect(201).json().get("id").asText();
        self("POST", "/shares/" + toBob + "/accept", bob, null).expect(200);
        assertEquals("shared", IotApi.check(bob, "device", device, "read").get("reason").asText());
        String alicesDevice = IotApi.newDevice(alice, "Shared with a federated user");
        String toCarol = self("POST", "/devices/" + alicesDevice + "/shares", alice,
                Map.of("email", "fed-carol@example.com", "actions", List.of("read"))).expect(201).json().get("id").asText();
        JsonNode accepted = self("POST", "/shares/" + toCarol + "/accept", carol, null).expect(200).json();
        assertEquals("ACCEPTED", accepted.get("status").asText());
        assertEquals(carolId, self("GET", "/devices/" + alicesDevice + "/shares/" + toCarol, alice, null).expect(200).json()
                .get("recipientId").asText());
        assertEquals("shared", IotApi.check(carol, "device", alicesDevice, "read").get("reason").asText());

        // Admins name the federated user by id.
        String owner = URLEncoder.encode(carolId, StandardCharsets.UTF_8);
        assertEquals(device, admin("GET", "/devices?owner=" + owner, adminToken, null).expect(200).json().get(0).get("id").asText());
        assertEquals(1, admin("GET", "/users/" + owner + "/tokens", adminToken, null).expect(200).json().size());
    }

    /** A 415 with the pack's error body: the body was never read as anything. */
    private static void refusedAsUnsupported(Reply reply) {
        reply.expectError(415, "unsupported_media_type");
    }

    private String addMemoryUserStorage(String... users) {
        ComponentRepresentation storage = new ComponentRepresentation();
        storage.setName("memory users");
        storage.setProviderId(MemoryUserStorageProviderFactory.ID);
        storage.setProviderType("org.keycloak.storage.UserStorageProvider");
        storage.setParentId(realm.getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.put(MemoryUserStorageProviderFactory.USERS, List.of(users));
        storage.setConfig(config);
        try (Response response = realm.admin().components().add(storage)) {
            assertEquals(201, response.getStatus(), "add the user storage");
            String location = response.getLocation().getPath();
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }
}
