package io.keycloakiot.permission;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.check;
import static io.keycloakiot.support.IotApi.introspect;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The permission catalogue and the profile-token policies: read by everyone signed in, changed only through the
 * admin API, validated before anything is stored, kept in realm attributes, and usable at once by tokens and
 * the check API.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class CatalogueIT {

    private static final String CATALOGUE_ATTRIBUTE = "iot.permission-catalogue";
    private static final String LIFETIME_ATTRIBUTE = "iot.profile-token.max-lifetime-seconds";
    private static final String SELF_GRANT_ATTRIBUTE = "iot.profile-token.self-grant-types";
    private static final List<String> DEFAULT_TYPES =
            List.of("device", "ground", "bucket", "endpoint", "dashboard", "token", "share", "fleet");

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    /** The realm's catalogue before any test changed it; every test puts it back. */
    static JsonNode original;

    String masterAdmin;
    String alice;

    @BeforeEach
    void setUp() {
        masterAdmin = adminClient.tokenManager().getAccessTokenString();
        alice = IotApi.userToken("alice");
        if (original == null) {
            original = admin("GET", "/catalogue", masterAdmin, null).expect(200).json().get("types");
        }
    }

    @AfterEach
    void restore() {
        String token = adminClient.tokenManager().getAccessTokenString();
        admin("PUT", "/catalogue", token, Map.of("types", original)).expect(200);
        Map<String, Object> noPolicies = new HashMap<>();
        noPolicies.put("profileTokenMaxLifetimeSeconds", null);
        noPolicies.put("selfGrantTypes", null);
        admin("PUT", "/settings", token, noPolicies).expect(200);
    }

    @Test
    void theDefaultCatalogueIsReadByEveryoneSignedInAndChangedOnlyByAdmins() {
        JsonNode catalogue = admin("GET", "/catalogue", masterAdmin, null).expect(200).json();
        assertEquals(DEFAULT_TYPES, typeNames(catalogue));
        JsonNode device = type(catalogue, "device");
        assertEquals(List.of("read", "write", "control", "read_stats", "read_locations"), strings(device.get("deviceActions")));
        assertTrue(strings(device.get("actions")).containsAll(List.of("read", "write", "control", "list", "create", "update",
                "delete", "manage_tokens", "read_stats", "read_locations")), device.toString());
        assertTrue(strings(type(catalogue, "ground").get("actions")).contains("read"));
        for (String name : DEFAULT_TYPES) {
            assertEquals(name.equals("fleet"), type(catalogue, name).get("adminOnly").asBoolean(), "adminOnly of " + name);
        }
        assertTrue(catalogue.get("settings").get("profileTokenMaxLifetimeSeconds").isNull(), catalogue.toString());
        assertTrue(catalogue.get("settings").get("selfGrantTypes").isNull(), catalogue.toString());

        // Self-service: the same catalogue, read-only.
        JsonNode seen = self("GET", "/catalogue", alice, null).expect(200).json();
        assertEquals(catalogue.get("types"), seen.get("types"));
        assertEquals(catalogue.get("settings"), seen.get("settings"));
        Map<String, Object> extra = Map.of("type", "camera", "actions", List.of("view"));
        self("PUT", "/catalogue", alice, Map.of("types", List.of(extra))).expectError(403, "forbidden");
        self("PUT", "/catalogue/types/camera", alice, extra).expectError(403, "forbidden");
        self("DELETE", "/catalogue/types/bucket", alice, null).expectError(403, "forbidden");
        self("GET", "/catalogue", null, null).expectError(401, "invalid_token");

        // A user of the realm without admin roles gets nothing from the admin API; view-realm reads but does not write.
        admin("GET", "/catalogue", alice, null).expect(403);
        admin("PUT", "/catalogue/types/camera", alice, extra).expect(403);
        admin("GET", "/settings", alice, null).expect(403);
        RealmUsers.create(realm.admin(), "cat-viewer", "view-realm");
        String viewer = IotApi.userToken("cat-viewer");
        assertEquals(catalogue.get("types"), admin("GET", "/catalogue", viewer, null).expect(200).json().get("types"));
        admin("GET", "/settings", viewer, null).expect(200);
        admin("PUT", "/catalogue/types/camera", viewer, extra).expectError(403, "forbidden");
        admin("DELETE", "/catalogue/types/bucket", viewer, null).expectError(403, "forbidden");
        admin("PUT", "/settings", viewer, Map.of("profileTokenMaxLifetimeSeconds", 3600)).expectError(403, "forbidden");

        JsonNode after = admin("GET", "/catalogue", masterAdmin, null).expect(200).json();
        assertEquals(catalogue, after, "no refused call changed anything");
    }

    @Test
    void anAdminAddsReplacesAndRemovesTypes() {
        JsonNode added = admin("PUT", "/catalogue/types/sensor_feed", masterAdmin, Map.of(
                "description", "Sensor feeds", "actions", List.of("read", "publish"), "deviceActions", List.of("read")))
                .expect(200).json();
        JsonNode feed = type(added, "sensor_feed");
        assertEquals("Sensor feeds", feed.get("description").asText());
        assertEquals(List.of("read", "publish"), strings(feed.get("actions")));
        assertEquals(List.of("read"), strings(feed.get("deviceActions")));
        assertFalse(feed.get("adminOnly").asBoolean());
        assertTrue(added.has("settings"), added.toString());
        assertEquals(type(admin("GET", "/catalogue", masterAdmin, null).expect(200).json(), "sensor_feed"), feed);
        assertEquals(type(self("GET", "/catalogue", alice, null).expect(200).json(), "sensor_feed"), feed,
                "users see the new type at once");

        JsonNode replaced = admin("PUT", "/catalogue/types/sensor_feed", masterAdmin, Map.of(
                "type", "sensor_feed", "actions", List.of("subscribe"), "adminOnly", true)).expect(200).json();
        assertEquals(1, typeNames(replaced).stream().filter("sensor_feed"::equals).count(), "replaced, not added twice");
        assertEquals(List.of("subscribe"), strings(type(replaced, "sensor_feed").get("actions")));
        assertTrue(type(replaced, "sensor_feed").get("adminOnly").asBoolean());
        assertEquals(List.of(), strings(type(replaced, "sensor_feed").get("deviceActions")));

        JsonNode removed = admin("DELETE", "/catalogue/types/sensor_feed", masterAdmin, null).expect(200).json();
        assertEquals(DEFAULT_TYPES, typeNames(removed));
        assertEquals(DEFAULT_TYPES, typeNames(admin("GET", "/catalogue", masterAdmin, null).expect(200).json()));
        admin("DELETE", "/catalogue/types/sensor_feed", masterAdmin, null).expectError(404, "not_found");

        // Removable: every type but the pack's own two.
        assertEquals(DEFAULT_TYPES.subList(0, 7), typeNames(admin("DELETE", "/catalogue/types/fleet", masterAdmin, null).expect(200).json()));
        admin("DELETE", "/catalogue/types/device", masterAdmin, null).expectError(400, "invalid_request");
        admin("DELETE", "/catalogue/types/ground", masterAdmin, null).expectError(400, "invalid_request");
        assertEquals(DEFAULT_TYPES.subList(0, 7), typeNames(admin("GET", "/catalogue", masterAdmin, null).expect(200).json()));

        // Replacing the whole catalogue.
        List<Object> minimal = List.of(
                Map.of("type", "device", "actions", List.of("read", "write"), "deviceActions", List.of("read", "write")),
                Map.of("type", "ground", "actions", List.of("read")),
                Map.of("type", "camera", "description", "Cameras", "actions", List.of("view")));
        JsonNode whole = admin("PUT", "/catalogue", masterAdmin, Map.of("types", minimal)).expect(200).json();
        assertEquals(List.of("device", "ground", "camera"), typeNames(whole));
        assertEquals(List.of("read", "write"), strings(type(whole, "device").get("actions")));
        assertEquals(List.of("device", "ground", "camera"), typeNames(self("GET", "/catalogue", alice, null).expect(200).json()));
    }

    @Test
    void invalidCataloguesAndSettingsAreRefusedAndNothingIsStored() {
        JsonNode before = admin("GET", "/catalogue", masterAdmin, null).expect(200).json();
        Map<String, Object> device = Map.of("type", "device", "actions", List.of("read"));
        Map<String, Object> ground = Map.of("type", "ground", "actions", List.of("read"));
        List<Object> refusedCatalogues = List.of(
                Map.of("types", List.of()),
                Map.of("types", List.of(ground)),                                       // no device
                Map.of("types", List.of(device)),                                       // no ground
                Map.of("types", List.of(device, ground, device)),                       // listed twice
                Map.of("types", List.of(Map.of("type", "device", "actions", List.of("write")), ground)), // device without read
                Map.of("types", List.of(device, ground, Map.of("type", "Bad-Name", "actions", List.of("x")))),
                Map.of("types", List.of(device, ground, Map.of("type", "cam", "actions", List.of("View")))),
                Map.of("types", List.of(device, ground, Map.of("type", "cam", "actions", List.of()))),
                Map.of("types", List.of(device, ground, Map.of("type", "cam", "actions", List.of("view"),
                        "deviceActions", List.of("record")))),                         // deviceActions not among actions
                Map.of("types", List.of(device, ground, Map.of("type", "cam", "actions", List.of("view"), "colour", "red"))),
                Map.of("types", List.of(device, ground), "version", 2),
                Map.of("types", "device"),
                "{\"types\": [",
                "");
        for (Object body : refusedCatalogues) {
            admin("PUT", "/catalogue", masterAdmin, body).expectError(400, "invalid_request");
        }
        List<Object> refusedTypes = List.of(
                Map.of("type", "other", "actions", List.of("view")),                   // not the type of the path
                Map.of("actions", List.of()),
                Map.of("actions", "view"),
                Map.of("actions", List.of(1)),
                Map.of("actions", List.of("view"), "adminOnly", "yes"),
                Map.of("actions", List.of("view"), "description", 7),
                Map.of("description", "no actions"));
        for (Object body : refusedTypes) {
            admin("PUT", "/catalogue/types/camera", masterAdmin, body).expectError(400, "invalid_request");
        }
        admin("PUT", "/catalogue/types/Camera", masterAdmin, Map.of("actions", List.of("view"))).expectError(400, "invalid_request");
        admin("PUT", "/catalogue/types/device", masterAdmin, Map.of("actions", List.of("write"))).expectError(400, "invalid_request");
        assertEquals(before, admin("GET", "/catalogue", masterAdmin, null).expect(200).json(), "nothing was stored");

        JsonNode settingsBefore = admin("GET", "/settings", masterAdmin, null).expect(200).json();
        List<Object> refusedSettings = List.of(
                Map.of("profileTokenMaxLifetimeSeconds", 59),
                Map.of("profileTokenMaxLifetimeSeconds", 100L * 366 * 86400 + 1),
                Map.of("profileTokenMaxLifetimeSeconds", -3600),
                Map.of("profileTokenMaxLifetimeSeconds", "3600"),
                Map.of("profileTokenMaxLifetimeSeconds", 3600.5),
                Map.of("selfGrantTypes", List.of("device", "no_such_type")),
                Map.of("selfGrantTypes", "device"),
                Map.of("selfGrantTypes", List.of(1)),
                Map.of("profileTokenMaxLifetimeSeconds", 3600, "selfGrantTypes", List.of("nope")),
                Map.of("maxLifetime", 3600),
                "[]",
                "{");
        for (Object body : refusedSettings) {
            admin("PUT", "/settings", masterAdmin, body).expectError(400, "invalid_request");
        }
        assertEquals(settingsBefore, admin("GET", "/settings", masterAdmin, null).expect(200).json(), "no setting was stored");
        Map<String, String> attributes = attributes();
        assertFalse(attributes.containsKey(LIFETIME_ATTRIBUTE), attributes.toString());
        assertFalse(attributes.containsKey(SELF_GRANT_ATTRIBUTE), attributes.toString());
    }

    @Test
    void settingsAreRealmAttributesAndAbsentFieldsKeepTheirValue() {
        JsonNode none = admin("GET", "/settings", masterAdmin, null).expect(200).json();
        assertTrue(none.get("profileTokenMaxLifetimeSeconds").isNull() && none.get("selfGrantTypes").isNull(), none.toString());

        JsonNode set = admin("PUT", "/settings", masterAdmin,
                Map.of("profileTokenMaxLifetimeSeconds", 3600, "selfGrantTypes", List.of("device", "ground"))).expect(200).json();
        assertEquals(3600, set.get("profileTokenMaxLifetimeSeconds").asLong());
        assertEquals(List.of("device", "ground"), strings(set.get("selfGrantTypes")));
        assertEquals(set, admin("GET", "/settings", masterAdmin, null).expect(200).json());
        assertEquals(set, admin("GET", "/catalogue", masterAdmin, null).expect(200).json().get("settings"));
        assertEquals(set, self("GET", "/catalogue", alice, null).expect(200).json().get("settings"), "users see the policies");
        assertEquals("3600", attributes().get(LIFETIME_ATTRIBUTE));
        assertEquals("device,ground", attributes().get(SELF_GRANT_ATTRIBUTE));

        // Only the fields given change; null removes a policy.
        JsonNode cleared = admin("PUT", "/settings", masterAdmin, nullMap("selfGrantTypes")).expect(200).json();
        assertEquals(3600, cleared.get("profileTokenMaxLifetimeSeconds").asLong());
        assertTrue(cleared.get("selfGrantTypes").isNull());
        assertEquals("3600", attributes().get(LIFETIME_ATTRIBUTE));
        assertNull(attributes().get(SELF_GRANT_ATTRIBUTE));

        JsonNode bounds = admin("PUT", "/settings", masterAdmin, Map.of("profileTokenMaxLifetimeSeconds", 60,
                "selfGrantTypes", List.of())).expect(200).json();
        assertEquals(60, bounds.get("profileTokenMaxLifetimeSeconds").asLong());
        assertEquals(List.of(), strings(bounds.get("selfGrantTypes")));
        long hundredYears = 100L * 366 * 86400;
        assertEquals(hundredYears, admin("PUT", "/settings", masterAdmin, Map.of("profileTokenMaxLifetimeSeconds", hundredYears))
                .expect(200).json().get("profileTokenMaxLifetimeSeconds").asLong());
        assertEquals(List.of(), strings(admin("GET", "/settings", masterAdmin, null).expect(200).json().get("selfGrantTypes")),
                "an empty list (no type is self-grantable) is kept apart from null (every type)");

        admin("PUT", "/settings", masterAdmin, nullMap("profileTokenMaxLifetimeSeconds", "selfGrantTypes")).expect(200);
        assertNull(attributes().get(LIFETIME_ATTRIBUTE));

        // The other way round: a realm representation update (as an import does) sets the policies.
        updateAttributes(Map.of(LIFETIME_ATTRIBUTE, "7200", SELF_GRANT_ATTRIBUTE, "device, bucket"));
        JsonNode imported = admin("GET", "/settings", masterAdmin, null).expect(200).json();
        assertEquals(7200, imported.get("profileTokenMaxLifetimeSeconds").asLong());
        assertEquals(List.of("device", "bucket"), strings(imported.get("selfGrantTypes")));
    }

    @Test
    void theCatalogueIsTheRealmAttribute() throws Exception {
        admin("PUT", "/catalogue/types/camera", masterAdmin, Map.of("actions", List.of("view", "record"))).expect(200);
        String stored = attributes().get(CATALOGUE_ATTRIBUTE);
        assertTrue(stored != null, "stored in the realm attribute " + CATALOGUE_ATTRIBUTE);
        JsonNode storedTypes = IotApi.JSON.readTree(stored).get("types");
        List<String> names = new ArrayList<>();
        storedTypes.forEach(type -> names.add(type.get("type").asText()));
        assertEquals(typeNames(admin("GET", "/catalogue", masterAdmin, null).expect(200).json()), names);
        assertTrue(names.contains("camera"));

        // A realm representation update (or an import) with the attribute sets the catalogue.
        String imported = IotApi.toJson(Map.of("types", List.of(
                Map.of("type", "device", "description", "", "actions", List.of("read", "control"),
                        "deviceActions", List.of("read"), "adminOnly", false),
                Map.of("type", "ground", "description", "", "actions", List.of("read"), "deviceActions", List.of(),
                        "adminOnly", false),
                Map.of("type", "lamp", "description", "Lamps", "actions", List.of("switch"), "deviceActions", List.of(),
                        "adminOnly", false))));
        updateAttributes(Map.of(CATALOGUE_ATTRIBUTE, imported));
        JsonNode catalogue = admin("GET", "/catalogue", masterAdmin, null).expect(200).json();
        assertEquals(List.of("device", "ground", "lamp"), typeNames(catalogue));
        assertEquals(List.of("read", "control"), strings(type(catalogue, "device").get("actions")));
        assertEquals(List.of("device", "ground", "lamp"), typeNames(self("GET", "/catalogue", alice, null).expect(200).json()));

        // An unreadable imported value does not lock the realm out: the default catalogue applies.
        updateAttributes(Map.of(CATALOGUE_ATTRIBUTE, "{not json"));
        assertEquals(DEFAULT_TYPES, typeNames(admin("GET", "/catalogue", masterAdmin, null).expect(200).json()));
    }

    @Test
    void aCustomTypeIsUsableInAProfileTokenAndInTheCheckApi() {
        Map<String, Object> viewCam1 = Map.of("name", "camera viewer", "permissions",
                List.of(Map.of("type", "camera_feed", "resource", "cam-1", "actions", List.of("view"))));
        int tokensBefore = self("GET", "/tokens", alice, null).expect(200).json().size();
        self("POST", "/tokens", alice, viewCam1).expectError(400, "invalid_request");
        assertEquals(tokensBefore, self("GET", "/tokens", alice, null).expect(200).json().size(), "an unknown type saves nothing");

        admin("PUT", "/catalogue/types/camera_feed", masterAdmin,
                Map.of("description", "Camera feeds", "actions", List.of("view", "record"))).expect(200);
        JsonNode created = self("POST", "/tokens", alice, viewCam1).expect(201).json();
        assertEquals(tokensBefore + 1, self("GET", "/tokens", alice, null).expect(200).json().size());
        String token = created.get("token").asText();
        assertTrue(token.startsWith("iotp_"), token);

        JsonNode allowed = check(token, "camera_feed", "cam-1", "view");
        assertTrue(allowed.get("allowed").asBoolean(), allowed.toString());
        // A type the pack does not keep: the resource server checks the camera's owner.
        assertEquals("user", allowed.get("reason").asText());
        assertDenied(check(token, "camera_feed", "cam-1", "record"), "not_in_token");
        assertDenied(check(token, "camera_feed", "cam-2", "view"), "not_in_token");
        IotApi.authz("check", Map.of("token", token, "resource", Map.of("type", "camera_feed", "id", "cam-1"), "action", "zoom"))
                .expectError(400, "invalid_request");

        JsonNode answer = introspect(token, "profile_token");
        assertTrue(answer.get("active").asBoolean());
        assertTrue(answer.path("scope").isMissingNode(), "no scope claim on a pack token: " + answer);
        assertEquals(1, answer.get("authorization_details").size(), answer.toString());
        assertEquals("iot_camera_feed", answer.at("/authorization_details/0/type").asText());
        assertEquals("cam-1", answer.at("/authorization_details/0/identifier").asText());
        assertEquals(List.of("view"), strings(answer.at("/authorization_details/0/actions")));

        // Removing the type: the check refuses to name it, and the token grants nothing from it any more.
        admin("DELETE", "/catalogue/types/camera_feed", masterAdmin, null).expect(200);
        IotApi.authz("check", Map.of("token", token, "resource", Map.of("type", "camera_feed", "id", "cam-1"), "action", "view"))
                .expectError(400, "invalid_request");
        JsonNode afterRemoval = introspect(token, null);
        assertTrue(afterRemoval.get("active").asBoolean());
        assertEquals(0, afterRemoval.get("authorization_details").size(), afterRemoval.toString());

        // Put back without "view": the stored permission still grants nothing it no longer names.
        admin("PUT", "/catalogue/types/camera_feed", masterAdmin, Map.of("actions", List.of("record"))).expect(200);
        assertDenied(check(token, "camera_feed", "cam-1", "record"), "not_in_token");
        assertEquals(0, introspect(token, null).get("authorization_details").size(), "nothing it no longer names");
    }

    private static void assertDenied(JsonNode decision, String reason) {
        assertFalse(decision.get("allowed").asBoolean(), decision.toString());
        assertEquals(reason, decision.get("reason").asText(), decision.toString());
    }

    private Map<String, String> attributes() {
        Map<String, String> attributes = realm.admin().toRepresentation().getAttributes();
        return attributes == null ? Map.of() : attributes;
    }

    private void updateAttributes(Map<String, String> attributes) {
        RealmRepresentation rep = realm.admin().toRepresentation();
        Map<String, String> merged = new HashMap<>(rep.getAttributes() == null ? Map.of() : rep.getAttributes());
        merged.putAll(attributes);
        rep.setAttributes(merged);
        realm.admin().update(rep);
    }

    private static Map<String, Object> nullMap(String... fields) {
        Map<String, Object> map = new HashMap<>();
        for (String field : fields) {
            map.put(field, null);
        }
        return map;
    }

    static List<String> typeNames(JsonNode catalogue) {
        List<String> names = new ArrayList<>();
        catalogue.get("types").forEach(type -> names.add(type.get("type").asText()));
        return names;
    }

    static JsonNode type(JsonNode catalogue, String name) {
        for (JsonNode type : catalogue.get("types")) {
            if (type.get("type").asText().equals(name)) {
                return type;
            }
        }
        throw new AssertionError("no type " + name + " in " + catalogue);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(element -> out.add(element.asText()));
        return out;
    }
}
