package io.keycloakiot.security;

import java.util.List;
import java.util.TreeSet;
import java.util.Set;
import java.util.Map;

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
import static io.keycloakiot.support.IotApi.introspect;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API asks for the Keycloak admin role the data needs. People's data (invitees' addresses, a
 * user's access-token profiles, last-used addresses) needs {@code view-users} besides {@code view-realm}; minting a
 * token that acts as a user needs what Keycloak asks for acting as a user ({@code manage-users} + {@code impersonation});
 * revoking an owner's tokens revokes their profile tokens too.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class AdminRolesIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    String masterAdmin;

    @BeforeEach
    void signIn() {
        masterAdmin = adminClient.tokenManager().getAccessTokenString();
    }

    /** A device of the owner with a used token, a share to an invitee and a profile token; ids by name. */
    private Map<String, String> peoplesData(String owner) {
        String token = IotApi.userToken(owner);
        String device = IotApi.newDevice(token, "Heater of " + owner);
        JsonNode deviceToken = self("POST", "/devices/" + device + "/tokens", token, Map.of("name", "firmware")).expect(201).json();
        // A use of the token, so its last-used address is known.
        assertTrue(introspect(deviceToken.get("token").asText(), "device_token").get("active").asBoolean());
        String share = self("POST", "/devices/" + device + "/shares", token,
                Map.of("email", "invitee-of-" + owner + "@example.com", "actions", List.of("read"))).expect(201).json().get("id").asText();
        String profile = self("POST", "/tokens", token, Map.of("name", "script",
                "permissions", List.of(Map.of("type", "device", "resource", device, "actions", List.of("read"))))).expect(201).json()
                .get("id").asText();
        return Map.of("device", device, "deviceToken", deviceToken.get("id").asText(), "share", share, "profile", profile);
    }

    @Test
    void aRealmViewerAloneCannotReadInviteesAddressesProfileTokensOrLastUsedAddresses() {
        RealmUsers.create(realm.admin(), "olga");
        Map<String, String> data = peoplesData("olga");
        RealmUsers.create(realm.admin(), "viewer", "view-realm");
        String viewer = IotApi.userToken("viewer");

        admin("GET", "/shares", viewer, null).expectError(403, "forbidden");
        admin("GET", "/shares?email=invitee", viewer, null).expectError(403, "forbidden");
        admin("GET", "/devices/" + data.get("device") + "/shares", viewer, null).expectError(403, "forbidden");
        admin("GET", "/devices/" + data.get("device") + "/shares/" + data.get("share"), viewer, null).expectError(403, "forbidden");
        admin("GET", "/users/olga/tokens", viewer, null).expectError(403, "forbidden");
        admin("GET", "/users/olga/tokens/" + data.get("profile"), viewer, null).expectError(403, "forbidden");

        // Device data stays readable with view-realm, without the address it was last used from.
        JsonNode tokens = admin("GET", "/devices/" + data.get("device") + "/tokens", viewer, null).expect(200).json();
        assertEquals(1, tokens.size());
        assertTrue(tokens.get(0).get("lastUsedTimestamp").isNumber(), "when it was used is device data");
        assertTrue(tokens.get(0).get("lastUsedIp").isNull(), "no last-used address without view-users: " + tokens);
        assertTrue(admin("GET", "/devices/" + data.get("device") + "/tokens/" + data.get("deviceToken"), viewer, null).expect(200)
                .json().get("lastUsedIp").isNull());
        admin("GET", "/devices/" + data.get("device"), viewer, null).expect(200);
    }

    @Test
    void aRealmViewerWithViewUsersReadsThem() {
        RealmUsers.create(realm.admin(), "paula");
        Map<String, String> data = peoplesData("paula");
        RealmUsers.create(realm.admin(), "support", "view-realm", "view-users");
        String support = IotApi.userToken("support");

        JsonNode shares = admin("GET", "/shares?owner=paula", support, null).expect(200).json();
        assertEquals("invitee-of-paula@example.com", shares.get(0).get("email").asText());
        assertEquals("invitee-of-paula@example.com", admin("GET", "/devices/" + data.get("device") + "/shares", support, null)
                .expect(200).json().get(0).get("email").asText());
        admin("GET", "/devices/" + data.get("device") + "/shares/" + data.get("share"), support, null).expect(200);
        assertEquals(data.get("profile"), admin("GET", "/users/paula/tokens", support, null).expect(200).json().get(0).get("id").asText());
        admin("GET", "/users/paula/tokens/" + data.get("profile"), support, null).expect(200);
        JsonNode tokens = admin("GET", "/devices/" + data.get("device") + "/tokens", support, null).expect(200).json();
        assertTrue(tokens.get(0).get("lastUsedIp").isTextual(), "the last-used address with view-users: " + tokens);

        // view-users alone is not a realm reader.
        RealmUsers.create(realm.admin(), "helpdesk", "view-users");
        admin("GET", "/shares", IotApi.userToken("helpdesk"), null).expectError(403, "forbidden");
    }

    @Test
    void manageRealmAloneCannotMintOrWidenAProfileTokenForAlice() {
        String aliceDevice = IotApi.newDevice(IotApi.userToken("alice"), "Alice's lamp");
        JsonNode read = perm(aliceDevice, "read");
        RealmUsers.create(realm.admin(), "fleetops", "manage-realm", "view-realm");
        String fleetops = IotApi.userToken("fleetops");
        int before = admin("GET", "/users/alice/tokens?max=1000", masterAdmin, null).expect(200).json().size();

        admin("POST", "/users/alice/tokens", fleetops, Map.of("name", "as alice", "permissions", List.of(read)))
                .expectError(403, "forbidden");
        String existing = admin("POST", "/users/alice/tokens", masterAdmin, Map.of("name", "alice's", "permissions", List.of(read)))
                .expect(201).json().get("id").asText();
        admin("PATCH", "/users/alice/tokens/" + existing, fleetops, Map.of("permissions", List.of(perm(aliceDevice, "read", "control"))))
                .expectError(403, "forbidden");
        assertEquals(before + 1, admin("GET", "/users/alice/tokens?max=1000", masterAdmin, null).expect(200).json().size(),
                "the refused call stored nothing");
        assertEquals(List.of("read"), actions(admin("GET", "/users/alice/tokens/" + existing, masterAdmin, null).expect(200).json()));

        // manage-users alone manages alice's tokens (rename, narrow, disable) but does not act as her.
        RealmUsers.create(realm.admin(), "usermanager", "manage-users");
        String userManager = IotApi.userToken("usermanager");
        admin("POST", "/users/alice/tokens", userManager, Map.of("name", "as alice", "permissions", List.of(read)))
                .expectError(403, "forbidden");
        admin("PATCH", "/users/alice/tokens/" + existing, userManager, Map.of("name", "renamed", "enabled", false)).expect(200);
        admin("PATCH", "/users/alice/tokens/" + existing, userManager, Map.of("enabled", true)).expectError(403, "forbidden");
        admin("PATCH", "/users/alice/tokens/" + existing, userManager, Map.of("permissions", List.of(perm(aliceDevice, "read", "control"))))
                .expectError(403, "forbidden");
        admin("DELETE", "/users/alice/tokens/" + existing, userManager, null).expect(204);
    }

    @Test
    void manageUsersWithImpersonationMintsAProfileTokenForAlice() {
        String aliceDevice = IotApi.newDevice(IotApi.userToken("alice"), "Alice's fan");
        RealmUsers.create(realm.admin(), "actor", "manage-users", "impersonation");
        String actor = IotApi.userToken("actor");

        JsonNode created = admin("POST", "/users/alice/tokens", actor, Map.of("name", "on behalf of alice",
                "permissions", List.of(perm(aliceDevice, "read")))).expect(201).json();
        JsonNode answer = introspect(created.get("token").asText(), "profile_token");
        assertTrue(answer.get("active").asBoolean());
        assertEquals(RealmUsers.idOf(realm.admin(), "alice"), answer.get("owner_id").asText());
        admin("PATCH", "/users/alice/tokens/" + created.get("id").asText(), actor,
                Map.of("permissions", List.of(perm(aliceDevice, "read", "control")))).expect(200);
        Set<String> actions = new TreeSet<>();
        introspect(created.get("token").asText(), "profile_token").at("/authorization_details/0/actions")
                .forEach(action -> actions.add(action.asText()));
        assertEquals(Set.of("control", "read"), actions, "the widened profile");

        // impersonation alone (no manage-users) is not enough either.
        RealmUsers.create(realm.admin(), "impersonator", "impersonation");
        admin("POST", "/users/alice/tokens", IotApi.userToken("impersonator"),
                Map.of("name", "x", "permissions", List.of(perm(aliceDevice, "read")))).expectError(403, "forbidden");
        // An admin without any user role cannot even learn whether a user exists.
        RealmUsers.create(realm.admin(), "realmonly", "manage-realm");
        admin("POST", "/users/nobody-such/tokens", IotApi.userToken("realmonly"),
                Map.of("name", "x", "permissions", List.of(perm(aliceDevice, "read")))).expectError(403, "forbidden");
        admin("POST", "/users/nobody-such/tokens", actor, Map.of("name", "x", "permissions", List.of(perm(aliceDevice, "read"))))
                .expectError(404, "not_found");
    }

    @Test
    void revokingAnOwnersTokensDeactivatesTheirProfileTokensToo() {
        RealmUsers.create(realm.admin(), "quentin");
        String quentin = IotApi.userToken("quentin");
        String device = IotApi.newDevice(quentin, "Boiler");
        String ground = self("POST", "/grounds", quentin, Map.of("name", "Cellar")).expect(201).json().get("id").asText();
        String deviceToken = self("POST", "/devices/" + device + "/tokens", quentin, Map.of("name", "fw")).expect(201).json()
                .get("token").asText();
        String groundToken = self("POST", "/grounds/" + ground + "/tokens", quentin, Map.of("name", "app")).expect(201).json()
                .get("token").asText();
        List<String> profiles = List.of("script", "cron").stream().map(name -> self("POST", "/tokens", quentin, Map.of("name", name,
                "permissions", List.of(perm(device, "read")))).expect(201).json().get("token").asText()).toList();
        // Cached as active on this node before the revocation.
        profiles.forEach(token -> assertTrue(introspect(token, "profile_token").get("active").asBoolean()));
        assertTrue(introspect(deviceToken, "device_token").get("active").asBoolean());

        JsonNode revoked = admin("DELETE", "/owners/quentin/tokens", masterAdmin, null).expect(200).json();
        assertEquals(Map.of("revoked", 4, "device", 1, "ground", 1, "profile", 2), IotApi.JSON.convertValue(revoked, Map.class));
        for (String token : profiles) {
            assertFalse(introspect(token, "profile_token").get("active").asBoolean(), "profile token still active");
        }
        assertFalse(introspect(deviceToken, "device_token").get("active").asBoolean());
        assertFalse(introspect(groundToken, "ground_token").get("active").asBoolean());
        assertEquals(0, self("GET", "/tokens", quentin, null).expect(200).json().size());

        // It needs manage-users as well as manage-realm: the profile tokens are the user's credentials.
        RealmUsers.create(realm.admin(), "fleetonly", "manage-realm");
        admin("DELETE", "/owners/quentin/tokens", IotApi.userToken("fleetonly"), null).expectError(403, "forbidden");
    }

    private static JsonNode perm(String device, String... actions) {
        return IotApi.JSON.valueToTree(Map.of("type", "device", "resource", device, "actions", List.of(actions)));
    }

    private static List<String> actions(JsonNode token) {
        return IotApi.JSON.convertValue(token.get("permissions").get(0).get("actions"), List.class);
    }
}
