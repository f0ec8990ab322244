package io.keycloakiot.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's own device list also shows the devices shared with them through a live accepted share, of the device or
 * of a ground it is in, marked {@code sharedWithMe} with the owner's name and the actions the shares give.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class SharedDeviceListIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    String alice;
    String bob;

    @BeforeEach
    void signIn() {
        alice = IotApi.userToken("alice");
        bob = IotApi.userToken("bob");
    }

    @Test
    void aSharedDeviceIsListedOnlyWhileItsShareIsInForce() {
        String aliceId = RealmUsers.idOf(realm.admin(), "alice");
        String device = IotApi.newDevice(alice, "Heat pump");
        String bobsOwn = IotApi.newDevice(bob, "Bob's kettle");
        String share = share("devices", device, alice, "bob@example.com", List.of("read"));

        assertNull(find(list(bob, ""), device), "a pending invitation lists nothing");

        self("POST", "/shares/" + share + "/accept", bob, null).expect(200);
        JsonNode listed = find(list(bob, ""), device);
        assertNotNull(listed, "an accepted share lists the device");
        assertTrue(listed.get("sharedWithMe").asBoolean());
        assertEquals(aliceId, listed.get("owner").asText());
        assertEquals("Alice Liddell", listed.get("ownerName").asText());
        assertEquals(List.of("read"), actions(listed));
        assertEquals("Heat pump", listed.get("name").asText());
        JsonNode single = self("GET", "/devices/" + device, bob, null).expect(200).json();
        assertTrue(single.get("sharedWithMe").asBoolean(), "by id as in the list");
        assertEquals("Alice Liddell", single.get("ownerName").asText());
        assertEquals(List.of("read"), actions(single));
        self("PUT", "/devices/" + device, bob, Map.of("name", "Mine now")).expectError(404, "not_found");
        assertFalse(self("GET", "/devices/" + bobsOwn, bob, null).expect(200).json().get("sharedWithMe").asBoolean());

        JsonNode own = find(list(bob, ""), bobsOwn);
        assertFalse(own.get("sharedWithMe").asBoolean());
        assertTrue(own.get("sharedActions").isNull());
        assertTrue(own.has("ownerName"));

        // Inviting again with more actions widens what the list shows.
        self("POST", "/devices/" + device + "/shares", alice,
                Map.of("email", "bob@example.com", "actions", List.of("read", "control"))).expect(200);
        assertEquals(List.of("read", "control"), actions(find(list(bob, ""), device)));

        // The owner's own list and the admin's list are as they were.
        JsonNode alicesView = find(list(alice, ""), device);
        assertFalse(alicesView.get("sharedWithMe").asBoolean());
        assertTrue(alicesView.get("sharedActions").isNull());
        assertNull(find(list(alice, ""), bobsOwn));
        String adminToken = adminClient.tokenManager().getAccessTokenString();
        JsonNode adminView = find(admin("GET", "/devices?max=1000", adminToken, null).expect(200).json(), device);
        assertFalse(adminView.get("sharedWithMe").asBoolean());
        assertTrue(adminView.get("sharedActions").isNull());
        assertTrue(adminView.get("ownerName").isNull());
        assertTrue(admin("GET", "/devices?owner=bob&max=1000", adminToken, null).expect(200).json().findValuesAsText("id")
                .stream().noneMatch(device::equals), "an admin's owner filter still means ownership");

        self("DELETE", "/devices/" + device + "/shares/" + share, alice, null).expect(204);
        assertNull(find(list(bob, ""), device), "a revoked share lists nothing");
        assertNotNull(find(list(bob, ""), bobsOwn));
        // Once the share ends, the device is not reachable by id either.
        self("GET", "/devices/" + device, bob, null).expectError(404, "not_found");
    }

    @Test
    void aGroundShareListsEveryDeviceOfTheGround() {
        String ground = self("POST", "/grounds", alice, Map.of("name", "Greenhouse")).expect(201).json().get("id").asText();
        String probe = IotApi.newDevice(alice, "Soil probe");
        String valve = IotApi.newDevice(alice, "Water valve");
        String outside = IotApi.newDevice(alice, "Garage door");
        join(ground, probe);
        join(ground, valve);
        String groundShare = share("grounds", ground, alice, "bob@example.com", List.of("read"));
        String probeShare = share("devices", probe, alice, "bob@example.com", List.of("control"));
        self("POST", "/shares/" + groundShare + "/accept", bob, null).expect(200);
        self("POST", "/shares/" + probeShare + "/accept", bob, null).expect(200);

        JsonNode list = list(bob, "");
        assertEquals(List.of("read", "control"), actions(find(list, probe)), "direct and ground shares united");
        assertEquals(List.of("read"), actions(find(list, valve)));
        assertTrue(find(list, valve).get("sharedWithMe").asBoolean());
        assertEquals("Alice Liddell", find(list, valve).get("ownerName").asText());
        assertNull(find(list, outside), "a device outside the ground is not shared");

        // A device that joins the ground later is shared too; the ground filter works on shared devices.
        String heater = IotApi.newDevice(alice, "Heater");
        join(ground, heater);
        assertEquals(Set.of(probe, valve, heater), Set.copyOf(ids(list(bob, "&ground=" + ground))));
        assertEquals(List.of(heater), ids(list(bob, "&ground=" + ground + "&search=heat")));

        // A ground not shared with bob does not filter his list, even over a device shared with him directly.
        String shed = self("POST", "/grounds", alice, Map.of("name", "Shed")).expect(201).json().get("id").asText();
        join(shed, outside);
        String outsideShare = share("devices", outside, alice, "bob@example.com", List.of("read"));
        self("POST", "/shares/" + outsideShare + "/accept", bob, null).expect(200);
        assertNotNull(find(list(bob, "&relation=shared"), outside));
        assertEquals(0, list(bob, "&ground=" + shed).size());

        self("DELETE", "/grounds/" + ground + "/shares/" + groundShare, alice, null).expect(204);
        list = list(bob, "");
        assertEquals(List.of("control"), actions(find(list, probe)), "the direct share remains");
        assertNull(find(list, valve));
        assertNull(find(list, heater));
        assertEquals(0, list(bob, "&ground=" + ground).size());
    }

    @Test
    void relationFilterAndPagingSpanOwnAndSharedDevices() {
        RealmUsers.create(realm.admin(), "olivia");
        RealmUsers.create(realm.admin(), "rick");
        String olivia = IotApi.userToken("olivia");
        String rick = IotApi.userToken("rick");
        List<String> owned = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            owned.add(device(rick, "Rick " + i, "sensor"));
            String theirs = device(olivia, "Olivia " + i, i == 3 ? "camera" : "sensor");
            shared.add(theirs);
            self("POST", "/shares/" + share("devices", theirs, olivia, "rick@example.com", List.of("read")) + "/accept",
                    rick, null).expect(200);
        }
        String unshared = device(olivia, "Olivia private", "sensor");

        JsonNode all = list(rick, "");
        assertEquals(6, all.size());
        assertEquals(Set.of(owned.get(0), owned.get(1), owned.get(2), shared.get(0), shared.get(1), shared.get(2)),
                Set.copyOf(ids(all)));
        assertFalse(ids(all).contains(unshared));
        long previous = Long.MIN_VALUE;
        for (JsonNode device : all) {
            assertTrue(device.get("createdTimestamp").asLong() >= previous, "oldest first, own and shared together");
            previous = device.get("createdTimestamp").asLong();
            boolean isShared = shared.contains(device.get("id").asText());
            assertEquals(isShared, device.get("sharedWithMe").asBoolean());
            assertEquals(isShared ? "olivia Test" : null, device.get("ownerName").isNull() ? null : device.get("ownerName").asText());
        }

        // Pages of any size put together are the whole list, in the same order.
        for (int size = 1; size <= 4; size++) {
            List<String> pages = new ArrayList<>();
            for (int first = 0; first < 8; first += size) {
                JsonNode page = self("GET", "/devices?first=" + first + "&max=" + size, rick, null).expect(200).json();
                assertTrue(page.size() <= size);
                pages.addAll(ids(page));
            }
            assertEquals(ids(all), pages, "pages of " + size);
        }

        assertEquals(owned, ids(list(rick, "&relation=owned")));
        assertEquals(shared, ids(list(rick, "&relation=shared")));
        assertEquals(List.of(shared.get(2)),
                ids(self("GET", "/devices?relation=shared&first=2&max=2", rick, null).expect(200).json()));
        assertEquals(List.of(owned.get(1), shared.get(1)),
                ids(self("GET", "/devices?first=2&max=2", rick, null).expect(200).json()));
        list(rick, "&relation=owned").forEach(device -> assertFalse(device.get("sharedWithMe").asBoolean()));
        list(rick, "&relation=shared").forEach(device -> assertTrue(device.get("sharedWithMe").asBoolean()));

        // The other filters hold for shared devices too.
        assertEquals(List.of(shared.get(2)), ids(list(rick, "&type=camera")));
        assertEquals(List.of(), ids(list(rick, "&type=camera&relation=owned")));
        assertEquals(List.of(shared.get(1)), ids(list(rick, "&search=olivia%202")));
        assertEquals(List.of(owned.get(1)), ids(list(rick, "&search=rick%202&relation=owned")));
        assertEquals(List.of(), ids(list(rick, "&search=rick%202&relation=shared")));

        // The owner's list is hers alone.
        assertEquals(4, list(olivia, "").size());
        assertEquals(0, list(olivia, "&relation=shared").size());

        // Anything but owned or shared is refused.
        self("GET", "/devices?relation=mine", rick, null).expectError(400, "invalid_request");
        self("GET", "/devices?relation=OWNED", rick, null).expectError(400, "invalid_request");

        // The admin API is unchanged: its owner filter means ownership, relation is ignored.
        String adminToken = adminClient.tokenManager().getAccessTokenString();
        JsonNode ricks = admin("GET", "/devices?owner=rick&relation=shared&max=1000", adminToken, null).expect(200).json();
        assertEquals(owned, ids(ricks));
        ricks.forEach(device -> {
            assertFalse(device.get("sharedWithMe").asBoolean());
            assertTrue(device.get("sharedActions").isNull());
        });
        admin("GET", "/devices?relation=bogus&max=1", adminToken, null).expect(200);
    }

    /** The caller's list, up to 1,000 devices; {@code query} adds parameters ({@code "&relation=shared"}). */
    private static JsonNode list(String token, String query) {
        JsonNode list = self("GET", "/devices?max=1000" + query, token, null).expect(200).json();
        assertTrue(list.isArray());
        return list;
    }

    private static String device(String token, String name, String type) {
        return self("POST", "/devices", token, Map.of("name", name, "type", type)).expect(201).json().get("id").asText();
    }

    /** Shares a device or ground ({@code kind} = "devices" or "grounds") and returns the share's id. */
    private static String share(String kind, String id, String owner, String email, List<String> actions) {
        return self("POST", "/" + kind + "/" + id + "/shares", owner, Map.of("email", email, "actions", actions))
                .expect(201).json().get("id").asText();
    }

    private void join(String ground, String device) {
        self("PUT", "/grounds/" + ground + "/devices/" + device, alice, null).expect(204);
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode device : list) {
            if (device.get("id").asText().equals(id)) {
                return device;
            }
        }
        return null;
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(device -> ids.add(device.get("id").asText()));
        return ids;
    }

    private static List<String> actions(JsonNode device) {
        assertTrue(device.get("sharedActions").isArray(), () -> "sharedActions of " + device);
        List<String> actions = new ArrayList<>();
        device.get("sharedActions").forEach(action -> actions.add(action.asText()));
        return actions;
    }
}
