package io.keycloakiot.token;

import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.JSON;
import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.check;
import static io.keycloakiot.support.IotApi.introspect;
import static io.keycloakiot.support.IotApi.newDevice;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access-token profiles ({@code iotp_}): a user's (or a service account's) named tokens carrying a list of
 * permissions, never more than their owner may do, checked by the check API and told by introspection and
 * token exchange; edits count from the next check without a new token string.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class ProfileTokenIT {

    private static final String PROFILE_TOKEN = "urn:keycloak-iot:token-type:profile-token";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    String masterAdmin;
    String bob;

    @BeforeEach
    void signIn() {
        masterAdmin = adminClient.tokenManager().getAccessTokenString();
        bob = IotApi.userToken("bob");
    }

    @Test
    void aProfileIsShownOnceIntrospectsAsItsOwnerAndIsReachedOnlyByItsOwner() {
        String ownerId = RealmUsers.create(realm.admin(), "erin");
        String erin = IotApi.userToken("erin");
        String boiler = newDevice(erin, "Boiler");
        String porch = newDevice(erin, "Porch light");

        IotApi.Reply created = self("POST", "/tokens", erin, profile("dashboard", perm("device", boiler, "read", "control"))).expect(201);
        JsonNode rep = created.json();
        String id = rep.get("id").asText();
        String token = rep.get("token").asText();
        assertTrue(token.matches("iotp_" + id + "_[A-Za-z0-9]{38}"), token);
        assertEquals("no-store", created.header("Cache-Control"));
        assertTrue(created.header("Location").endsWith("/realms/iot/iot/tokens/" + id), created.header("Location"));
        assertEquals("profile", rep.get("kind").asText());
        assertEquals("dashboard", rep.get("name").asText());
        assertTrue(rep.get("enabled").asBoolean());
        assertTrue(rep.get("expiresAt").isNull());
        assertEquals(ownerId, rep.get("createdBy").asText());
        assertEquals(JSON.valueToTree(List.of(perm("device", boiler, "read", "control"))), rep.get("permissions"));

        JsonNode listed = self("GET", "/tokens", erin, null).expect(200).json();
        assertEquals(1, listed.size());
        assertEquals(id, listed.get(0).get("id").asText());
        assertFalse(listed.get(0).has("token"), "a list never shows the secret");
        assertFalse(listed.toString().contains(token.substring(token.lastIndexOf('_') + 1)));
        assertEquals(rep.get("permissions"), self("GET", "/tokens/" + id, erin, null).expect(200).json().get("permissions"));

        JsonNode answer = introspect(token, "profile_token");
        assertTrue(answer.get("active").asBoolean(), answer.toString());
        assertEquals("profile_token", answer.get("token_type").asText());
        assertEquals(id, answer.get("sub").asText(), "a profile's subject is the token, never its owner's user id");
        assertEquals(ownerId, answer.get("owner_id").asText());
        assertEquals(id, answer.get("jti").asText());
        assertFalse(answer.has("device_id") || answer.has("ground_id") || answer.has("exp"), answer.toString());
        assertFalse(answer.has("scope"), "no scope that could read as the owner's consent: " + answer);
        assertEquals(JSON.valueToTree(List.of(detail("device", boiler, "read", "control"))), answer.get("authorization_details"));
        assertTrue(introspect(token, null).get("active").asBoolean());

        assertAllowed(check(token, "device", boiler, "read"), "profile_token");
        assertAllowed(check(token, "device", boiler, "control"), "profile_token");
        assertDenied(check(token, "device", boiler, "write"), "not_in_token");
        assertDenied(check(token, "device", porch, "read"), "not_in_token");
        assertDenied(check(token, "ground", boiler, "read"), "not_in_token");

        // Not a bearer token of the self-service API.
        self("GET", "/devices", token, null).expectError(401, "invalid_token");
        self("GET", "/tokens", token, null).expectError(401, "invalid_token");

        // Another user reaches none of it.
        self("GET", "/tokens/" + id, bob, null).expectError(404, "not_found");
        self("PATCH", "/tokens/" + id, bob, Map.of("enabled", false)).expectError(404, "not_found");
        self("DELETE", "/tokens/" + id, bob, null).expectError(404, "not_found");
        assertFalse(self("GET", "/tokens", bob, null).expect(200).json().toString().contains(id));
        assertAllowed(check(token, "device", boiler, "read"), "profile_token");

        // A rename keeps the permissions.
        JsonNode renamed = self("PATCH", "/tokens/" + id, erin, Map.of("name", "kitchen dashboard")).expect(200).json();
        assertEquals("kitchen dashboard", renamed.get("name").asText());
        assertEquals(rep.get("permissions"), renamed.get("permissions"));
        assertEquals(JSON.valueToTree(List.of(detail("device", boiler, "read", "control"))),
                introspect(token, null).get("authorization_details"));
    }

    @Test
    void invalidProfilesAreRefusedWith400AndNothingIsSaved() {
        RealmUsers.create(realm.admin(), "frank");
        String frank = IotApi.userToken("frank");
        String own = newDevice(frank, "Frank's meter");
        String bobs = newDevice(bob, "Bob's meter");
        Map<String, Object> nullPermissions = new HashMap<>();
        nullPermissions.put("name", "null permissions");
        nullPermissions.put("permissions", null);
        List<Object> refused = List.of(
                profile("unknown type", perm("spaceship", "*", "read")),
                profile("unknown action", perm("device", own, "fly")),
                profile("another user's device", perm("device", bobs, "read")),
                profile("a device that does not exist", perm("device", "7c6f1d1e-0000-4000-8000-000000000000", "read")),
                profile("a device id as a ground", perm("device", own, "read"), perm("ground", own, "read")),
                profile("admin only", perm("fleet", "*", "read")),
                profile("one good, one bad", perm("device", own, "read"), perm("device", bobs, "read")),
                profile("listed twice", perm("device", own, "read"), perm("device", own, "write")),
                Map.of("name", "no permissions"),
                nullPermissions,
                Map.of("name", "empty", "permissions", List.of()),
                Map.of("name", "no resource", "permissions", List.of(Map.of("type", "device", "actions", List.of("read")))),
                Map.of("name", "no actions", "permissions", List.of(Map.of("type", "device", "resource", own, "actions", List.of()))),
                Map.of("name", "extra field", "permissions", List.of(Map.of("type", "device", "resource", own,
                        "actions", List.of("read"), "scope", "all"))),
                Map.of("name", "not a list", "permissions", Map.of("type", "device", "resource", own, "actions", List.of("read"))),
                Map.of("permissions", List.of(perm("device", own, "read"))),
                Map.of("name", " ", "permissions", List.of(perm("device", own, "read"))),
                Map.of("name", "past", "expiresAt", 1000, "permissions", List.of(perm("device", own, "read"))),
                Map.of("name", "secret", "token", "iotp_x", "permissions", List.of(perm("device", own, "read"))),
                "{\"name\":");
        for (Object body : refused) {
            self("POST", "/tokens", frank, body).expectError(400, "invalid_request");
        }
        assertEquals(0, self("GET", "/tokens", frank, null).expect(200).json().size(), "no refused request saved a token");
        // An administrator cannot give a user more than the user has either.
        admin("POST", "/users/frank/tokens", masterAdmin, profile("bob's", perm("device", bobs, "read"))).expectError(400, "invalid_request");
        admin("POST", "/users/frank/tokens", masterAdmin, profile("fleet", perm("fleet", "*", "read"))).expectError(400, "invalid_request");
        assertEquals(0, admin("GET", "/users/frank/tokens", masterAdmin, null).expect(200).json().size());

        // Refused edits change nothing, not even their valid part.
        JsonNode created = self("POST", "/tokens", frank, profile("meter reader", perm("device", own, "read"))).expect(201).json();
        String path = "/tokens/" + created.get("id").asText();
        String token = created.get("token").asText();
        self("PATCH", path, frank, Map.of("name", "renamed", "permissions", List.of(perm("device", bobs, "read")))).expectError(400, "invalid_request");
        self("PATCH", path, frank, Map.of("enabled", false, "permissions", List.of(perm("spaceship", "*", "read")))).expectError(400, "invalid_request");
        self("PATCH", path, frank, Map.of("permissions", List.of())).expectError(400, "invalid_request");
        Map<String, Object> clear = new HashMap<>();
        clear.put("permissions", null);
        self("PATCH", path, frank, clear).expectError(400, "invalid_request");
        self("PATCH", path, frank, Map.of("expiresAt", System.currentTimeMillis() + 60_000)).expectError(400, "invalid_request");
        self("PUT", path, frank, Map.of("name", "no permissions")).expectError(400, "invalid_request");
        self("PUT", path, frank, Map.of("permissions", List.of(perm("device", own, "write")))).expectError(400, "invalid_request");
        JsonNode unchanged = self("GET", path, frank, null).expect(200).json();
        assertEquals("meter reader", unchanged.get("name").asText());
        assertTrue(unchanged.get("enabled").asBoolean());
        assertEquals(created.get("permissions"), unchanged.get("permissions"));
        assertAllowed(check(token, "device", own, "read"), "profile_token");
        assertDenied(check(token, "device", own, "write"), "not_in_token");
        assertEquals(1, self("GET", "/tokens", frank, null).expect(200).json().size());
    }

    @Test
    void permissionEditsCountFromTheNextCheckWithTheSameTokenString() {
        RealmUsers.create(realm.admin(), "gina");
        String gina = IotApi.userToken("gina");
        String heater = newDevice(gina, "Heater");
        String fan = newDevice(gina, "Fan");
        JsonNode created = self("POST", "/tokens", gina, profile("climate", perm("device", heater, "read"))).expect(201).json();
        String token = created.get("token").asText();
        String path = "/tokens/" + created.get("id").asText();
        assertAllowed(check(token, "device", heater, "read"), "profile_token");
        assertDenied(check(token, "device", heater, "control"), "not_in_token");
        assertDenied(check(token, "device", fan, "read"), "not_in_token");

        JsonNode patched = self("PATCH", path, gina, Map.of("permissions",
                List.of(perm("device", heater, "control"), perm("device", fan, "read")))).expect(200).json();
        assertEquals("climate", patched.get("name").asText(), "PATCH keeps what it does not name");
        assertFalse(patched.has("token"));
        assertDenied(check(token, "device", heater, "read"), "not_in_token");
        assertAllowed(check(token, "device", heater, "control"), "profile_token");
        assertAllowed(check(token, "device", fan, "read"), "profile_token");
        assertEquals(JSON.valueToTree(List.of(detail("device", heater, "control"), detail("device", fan, "read"))),
                introspect(token, null).get("authorization_details"));

        JsonNode replaced = self("PUT", path, gina, Map.of("name", "all devices, write", "permissions",
                List.of(perm("device", "*", "write")))).expect(200).json();
        assertEquals("all devices, write", replaced.get("name").asText());
        assertAllowed(check(token, "device", heater, "write"), "profile_token");
        assertAllowed(check(token, "device", fan, "write"), "profile_token");
        assertDenied(check(token, "device", fan, "read"), "not_in_token");
        JsonNode answer = introspect(token, null);
        Set<JsonNode> expected = Set.of(JSON.valueToTree(detail("device", heater, "write")), JSON.valueToTree(detail("device", fan, "write")));
        Set<JsonNode> listed = new HashSet<>();
        answer.get("authorization_details").forEach(listed::add);
        assertEquals(expected, listed, "a wildcard names each device the owner has, never an entry without identifier");

        // The wildcard never reaches beyond its owner: the owner's own reason is the answer.
        String bobs = newDevice(bob, "Bob's fan");
        assertDenied(check(token, "device", bobs, "write"), "no_access");
        assertDenied(check(token, "device", "no-such-device", "write"), "no_access");

        // A device named in the profile and then given away: the owner no longer has it, so neither has the token.
        self("PUT", path, gina, Map.of("name", "heater", "permissions", List.of(perm("device", heater, "read")))).expect(200);
        assertAllowed(check(token, "device", heater, "read"), "profile_token");
        admin("PUT", "/devices/" + heater + "/owner", masterAdmin, Map.of("owner", "bob")).expect(200);
        assertDenied(check(token, "device", heater, "read"), "no_access");
        JsonNode afterTransfer = introspect(token, null);
        assertTrue(afterTransfer.get("active").asBoolean(), "the profile stays active; it just grants nothing on the device");
        assertEquals(0, afterTransfer.get("authorization_details").size(), afterTransfer.toString());
    }

    @Test
    void aDisabledProfileIsInactiveEverywhereUntilEnabledAgain() {
        String hankId = RealmUsers.create(realm.admin(), "hank");
        String hank = IotApi.userToken("hank");
        String lock = newDevice(hank, "Front lock");
        JsonNode created = self("POST", "/tokens", hank, Map.of("name", "lock app", "enabled", false,
                "permissions", List.of(perm("device", lock, "read", "control")))).expect(201).json();
        assertFalse(created.get("enabled").asBoolean());
        String token = created.get("token").asText();
        String path = "/tokens/" + created.get("id").asText();
        assertInactive(token);
        assertDenied(check(token, "device", lock, "read"), "token_inactive");

        assertTrue(self("PATCH", path, hank, Map.of("enabled", true)).expect(200).json().get("enabled").asBoolean());
        assertTrue(introspect(token, null).get("active").asBoolean());
        assertAllowed(check(token, "device", lock, "control"), "profile_token");
        exchange(token, PROFILE_TOKEN).expect(200);

        assertFalse(self("PATCH", path, hank, Map.of("enabled", false)).expect(200).json().get("enabled").asBoolean());
        assertInactive(token);
        assertDenied(check(token, "device", lock, "control"), "token_inactive");
        exchange(token, PROFILE_TOKEN).expectError(400, "invalid_request");
        assertFalse(self("GET", path, hank, null).expect(200).json().get("enabled").asBoolean());
        Map<String, Object> nullEnabled = new HashMap<>();
        nullEnabled.put("enabled", null);
        self("PATCH", path, hank, nullEnabled).expectError(400, "invalid_request");
        self("PATCH", path, hank, Map.of("enabled", "yes")).expectError(400, "invalid_request");
        assertInactive(token);

        self("PATCH", path, hank, Map.of("enabled", true)).expect(200);
        assertAllowed(check(token, "device", lock, "control"), "profile_token");

        // A disabled owner disables their profiles.
        UserRepresentation user = realm.admin().users().get(hankId).toRepresentation();
        user.setEnabled(false);
        realm.admin().users().get(hankId).update(user);
        assertInactive(token);
        assertDenied(check(token, "device", lock, "control"), "token_inactive");
        user.setEnabled(true);
        realm.admin().users().get(hankId).update(user);
        assertAllowed(check(token, "device", lock, "control"), "profile_token");
    }

    @Test
    void realmPoliciesBoundWhatUsersGrantThemselvesAndHowLongProfilesLive() {
        RealmUsers.create(realm.admin(), "ivy");
        String ivy = IotApi.userToken("ivy");
        String sensor = newDevice(ivy, "Soil sensor");
        try {
            admin("PUT", "/settings", masterAdmin, Map.of("selfGrantTypes", List.of("device"))).expect(200);
            self("POST", "/tokens", ivy, profile("buckets", perm("bucket", "*", "read"))).expectError(400, "invalid_request");
            self("POST", "/tokens", ivy, profile("mixed", perm("device", sensor, "read"), perm("dashboard", "*", "read")))
                    .expectError(400, "invalid_request");
            assertEquals(0, self("GET", "/tokens", ivy, null).expect(200).json().size());
            JsonNode own = self("POST", "/tokens", ivy, profile("sensor", perm("device", sensor, "read"))).expect(201).json();
            self("PATCH", "/tokens/" + own.get("id").asText(), ivy, Map.of("permissions",
                    List.of(perm("device", sensor, "read"), perm("bucket", "*", "read")))).expectError(400, "invalid_request");
            // The policy binds self-service only: an administrator may give the user any non-admin type.
            String granted = admin("POST", "/users/ivy/tokens", masterAdmin, profile("buckets by admin", perm("bucket", "*", "read")))
                    .expect(201).json().get("token").asText();
            assertAllowed(check(granted, "bucket", "raw-data", "read"), "user");
            assertEquals(2, self("GET", "/tokens", ivy, null).expect(200).json().size());

            Map<String, Object> lifetimeOnly = new HashMap<>();
            lifetimeOnly.put("selfGrantTypes", null);
            lifetimeOnly.put("profileTokenMaxLifetimeSeconds", 3600);
            admin("PUT", "/settings", masterAdmin, lifetimeOnly).expect(200);
            long now = System.currentTimeMillis();
            self("POST", "/tokens", ivy, profile("forever", perm("device", sensor, "read"))).expectError(400, "invalid_request");
            self("POST", "/tokens", ivy, Map.of("name", "two hours", "expiresAt", now + 2 * 3600_000L,
                    "permissions", List.of(perm("device", sensor, "read")))).expectError(400, "invalid_request");
            admin("POST", "/users/ivy/tokens", masterAdmin, profile("admin forever", perm("device", sensor, "read")))
                    .expectError(400, "invalid_request");
            assertEquals(2, self("GET", "/tokens", ivy, null).expect(200).json().size());
            long halfAnHour = now + 1800_000L;
            JsonNode bounded = self("POST", "/tokens", ivy, Map.of("name", "half an hour", "expiresAt", halfAnHour,
                    "permissions", List.of(perm("bucket", "*", "read")))).expect(201).json();
            assertEquals(halfAnHour, bounded.get("expiresAt").asLong());
            assertEquals(halfAnHour / 1000, introspect(bounded.get("token").asText(), null).get("exp").asLong());
            // Device tokens are not profiles: no expiry required.
            assertTrue(self("POST", "/devices/" + sensor + "/tokens", ivy, Map.of("name", "firmware")).expect(201)
                    .json().get("expiresAt").isNull());
            assertEquals(3, self("GET", "/tokens", ivy, null).expect(200).json().size());
        } finally {
            Map<String, Object> none = new HashMap<>();
            none.put("selfGrantTypes", null);
            none.put("profileTokenMaxLifetimeSeconds", null);
            admin("PUT", "/settings", adminClient.tokenManager().getAccessTokenString(), none).expect(200);
        }
    }

    @Test
    void introspectionAndExchangeTellTheOwnerAndThePermissions() throws Exception {
        String alice = IotApi.userToken("alice");
        String aliceId = RealmUsers.idOf(realm.admin(), "alice");
        String greenhouse = newDevice(alice, "Greenhouse");
        String shed = newDevice(alice, "Shed");
        long expiresAt = System.currentTimeMillis() + 86_400_000L;
        JsonNode created = self("POST", "/tokens", alice, Map.of("name", "greenhouse app", "expiresAt", expiresAt,
                "permissions", List.of(perm("device", greenhouse, "read", "write"), perm("bucket", "*", "read", "export"),
                        perm("dashboard", "dash-7", "read")))).expect(201).json();
        String token = created.get("token").asText();
        JsonNode details = JSON.valueToTree(List.of(detail("device", greenhouse, "read", "write"),
                detail("bucket_of_owner", aliceId, "read", "export"), detail("dashboard", "dash-7", "read")));

        for (String hint : new String[] {null, "profile_token", "access_token"}) {
            JsonNode answer = introspect(token, hint);
            assertTrue(answer.get("active").asBoolean(), "hint " + hint + ": " + answer);
            assertEquals("profile_token", answer.get("token_type").asText());
            assertEquals(IotApi.url("/realms/iot"), answer.get("iss").asText());
            assertEquals(created.get("id").asText(), answer.get("sub").asText());
            assertEquals(aliceId, answer.get("owner_id").asText());
            assertEquals(created.get("id").asText(), answer.get("jti").asText());
            assertEquals(expiresAt / 1000, answer.get("exp").asLong());
            assertTrue(answer.get("iat").asLong() > 0);
            assertFalse(answer.has("device_id") || answer.has("ground_id"), answer.toString());
            assertFalse(answer.has("scope"), answer.toString());
            assertEquals(details, answer.get("authorization_details"));
        }

        JsonNode exchanged = exchange(token, PROFILE_TOKEN).expect(200).json();
        assertEquals("urn:ietf:params:oauth:token-type:access_token", exchanged.get("issued_token_type").asText());
        assertEquals("Bearer", exchanged.get("token_type").asText());
        assertEquals(300, exchanged.get("expires_in").asInt());
        String jwt = exchanged.get("access_token").asText();
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(new URL(IotApi.url("/realms/iot/protocol/openid-connect/certs"))).build();
        DefaultJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();
        verifier.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        JWTClaimsSet claims = verifier.process(jwt, null);
        assertEquals(IotApi.url("/realms/iot"), claims.getIssuer());
        assertEquals(created.get("id").asText(), claims.getSubject());
        assertEquals(aliceId, claims.getStringClaim("owner_id"));
        assertEquals(List.of("iot-api"), claims.getAudience());
        assertEquals("iot-api", claims.getStringClaim("azp"));
        assertEquals(null, claims.getClaim("scope"));
        assertEquals(details, JSON.valueToTree(claims.getListClaim("authorization_details")));
        assertEquals(300_000, claims.getExpirationTime().getTime() - claims.getIssueTime().getTime());
        assertTrue(claims.getExpirationTime().getTime() <= expiresAt);
        assertTrue(claims.getClaim("device_id") == null);
        assertAllowed(check(token, "device", greenhouse, "write"), "profile_token");
        assertDenied(check(token, "device", shed, "read"), "not_in_token");

        exchange(token, "urn:keycloak-iot:token-type:device-token").expectError(400, "invalid_request");
        exchangeAs("iot-backend", "iot-backend-secret", token, PROFILE_TOKEN).expectError(400, "unauthorized_client");
    }

    @Test
    void anExchangedProfileJwtCarriesTheProfilesLimitsNotItsOwnersWholeAuthority() {
        RealmUsers.create(realm.admin(), "kim");
        String kim = IotApi.userToken("kim");
        String named = newDevice(kim, "Named camera");
        String other = newDevice(kim, "Other camera");
        String token = self("POST", "/tokens", kim, profile("camera reader", perm("device", named, "read"))).expect(201).json()
                .get("token").asText();
        String jwt = exchange(token, PROFILE_TOKEN).expect(200).json().get("access_token").asText();

        // The check API must not take it for the owner's own access token.
        JsonNode otherDevice = check(jwt, "device", other, "control");
        assertFalse(otherDevice.get("allowed").asBoolean(), "a device the profile does not name: " + otherDevice);
        JsonNode otherAction = check(jwt, "device", named, "delete");
        assertFalse(otherAction.get("allowed").asBoolean(), "an action the profile does not name: " + otherAction);
        // Nor the self-service API: it would let the holder delete devices or mint a broader, lasting profile.
        self("POST", "/tokens", jwt, profile("broader", perm("device", "*", "control"))).expectError(401, "invalid_token");
        self("DELETE", "/devices/" + other, jwt, null).expectError(401, "invalid_token");
        self("GET", "/devices/" + other, kim, null).expect(200);
        assertEquals(1, self("GET", "/tokens", kim, null).expect(200).json().size());
    }

    @Test
    void anAdministratorManagesProfilesOfAServiceAccount() {
        String serviceAccount = "service-account-iot-backend";
        String saId = RealmUsers.idOf(realm.admin(), serviceAccount);
        JsonNode created = admin("POST", "/users/" + serviceAccount + "/tokens", masterAdmin,
                profile("backend reports", perm("bucket", "*", "read", "write"), perm("dashboard", "ops", "read"))).expect(201).json();
        String token = created.get("token").asText();
        String id = created.get("id").asText();
        assertTrue(token.startsWith("iotp_" + id + "_"), token);
        assertNotEquals(saId, created.get("createdBy").asText(), "created by the administrator");

        JsonNode answer = introspect(token, null);
        assertEquals(id, answer.get("sub").asText());
        assertEquals(saId, answer.get("owner_id").asText());
        assertEquals(JSON.valueToTree(List.of(detail("bucket_of_owner", saId, "read", "write"), detail("dashboard", "ops", "read"))),
                answer.get("authorization_details"));
        // Types the pack does not keep: the resource server checks that the owner owns them.
        assertAllowed(check(token, "bucket", "nightly", "write"), "user");
        assertAllowed(check(token, "dashboard", "ops", "read"), "user");
        assertDenied(check(token, "bucket", "nightly", "export"), "not_in_token");
        assertDenied(check(token, "dashboard", "sales", "read"), "not_in_token");

        // Listed by user id and by username, never in anyone else's list.
        JsonNode byId = admin("GET", "/users/" + saId + "/tokens", masterAdmin, null).expect(200).json();
        assertEquals(1, byId.size());
        assertEquals(id, byId.get(0).get("id").asText());
        assertEquals(byId, admin("GET", "/users/" + serviceAccount + "/tokens", masterAdmin, null).expect(200).json());
        assertEquals("backend reports", admin("GET", "/users/" + saId + "/tokens/" + id, masterAdmin, null).expect(200).json().get("name").asText());
        String alice = IotApi.userToken("alice");
        self("GET", "/tokens/" + id, alice, null).expectError(404, "not_found");
        admin("GET", "/users/" + serviceAccount + "/tokens", alice, null).expect(403);
        admin("GET", "/users/nobody-such/tokens", masterAdmin, null).expectError(404, "not_found");

        // A device of the service account's own.
        String probe = admin("POST", "/devices", masterAdmin, Map.of("name", "Backend probe", "type", "probe", "owner", serviceAccount))
                .expect(201).json().get("id").asText();
        admin("PATCH", "/users/" + saId + "/tokens/" + id, masterAdmin, Map.of("permissions",
                List.of(perm("bucket", "*", "read"), perm("device", probe, "read")))).expect(200);
        assertAllowed(check(token, "device", probe, "read"), "profile_token");
        assertDenied(check(token, "bucket", "nightly", "write"), "not_in_token");

        // Admin-only types only for an administrator owner, and only while they are one.
        admin("POST", "/users/" + serviceAccount + "/tokens", masterAdmin, profile("fleet ops", perm("fleet", "*", "import")))
                .expectError(400, "invalid_request");
        assertEquals(1, admin("GET", "/users/" + saId + "/tokens", masterAdmin, null).expect(200).json().size());
        ClientRepresentation management = realm.admin().clients().findByClientId("realm-management").get(0);
        List<RoleRepresentation> manageRealm = List.of(realm.admin().clients().get(management.getId()).roles().get("manage-realm").toRepresentation());
        realm.admin().users().get(saId).roles().clientLevel(management.getId()).add(manageRealm);
        String fleet = admin("POST", "/users/" + serviceAccount + "/tokens", masterAdmin, profile("fleet ops", perm("fleet", "*", "import")))
                .expect(201).json().get("token").asText();
        assertAllowed(check(fleet, "fleet", "main", "import"), "profile_token");
        assertDenied(check(fleet, "fleet", "main", "transfer"), "not_in_token");
        realm.admin().users().get(saId).roles().clientLevel(management.getId()).remove(manageRealm);
        assertDenied(check(fleet, "fleet", "main", "import"), "admin_only");

        // The administrator disables and revokes.
        admin("PATCH", "/users/" + saId + "/tokens/" + id, masterAdmin, Map.of("enabled", false)).expect(200);
        assertInactive(token);
        admin("DELETE", "/users/" + serviceAccount + "/tokens/" + id, masterAdmin, null).expect(204);
        admin("GET", "/users/" + saId + "/tokens/" + id, masterAdmin, null).expectError(404, "not_found");
        assertEquals(1, admin("GET", "/users/" + saId + "/tokens", masterAdmin, null).expect(200).json().size());
    }

    @Test
    void deleteRevokesAtOnceOneProfileOrAll() {
        String jackId = RealmUsers.create(realm.admin(), "jack");
        String jack = IotApi.userToken("jack");
        String gate = newDevice(jack, "Gate");
        List<JsonNode> tokens = new ArrayList<>();
        for (String name : List.of("one", "two", "three", "four")) {
            tokens.add(self("POST", "/tokens", jack, profile(name, perm("device", gate, "read"))).expect(201).json());
        }
        String first = tokens.get(0).get("token").asText();
        String firstPath = "/tokens/" + tokens.get(0).get("id").asText();
        assertAllowed(check(first, "device", gate, "read"), "profile_token");
        self("DELETE", firstPath, jack, null).expect(204);
        assertInactive(first);
        assertDenied(check(first, "device", gate, "read"), "token_inactive");
        exchange(first, PROFILE_TOKEN).expectError(400, "invalid_request");
        self("GET", firstPath, jack, null).expectError(404, "not_found");
        self("DELETE", firstPath, jack, null).expectError(404, "not_found");
        assertAllowed(check(tokens.get(1).get("token").asText(), "device", gate, "read"), "profile_token");

        admin("DELETE", "/users/jack/tokens/" + tokens.get(1).get("id").asText(), masterAdmin, null).expect(204);
        assertInactive(tokens.get(1).get("token").asText());

        assertEquals(2, self("GET", "/tokens", jack, null).expect(200).json().size());
        self("DELETE", "/tokens/" + tokens.get(2).get("id").asText(), jack, null).expect(204);
        assertInactive(tokens.get(2).get("token").asText());
        String last = tokens.get(3).get("token").asText();
        assertTrue(introspect(last, null).get("active").asBoolean());
        assertEquals(1, self("DELETE", "/tokens", jack, null).expect(200).json().get("revoked").asInt());
        assertInactive(last);
        assertEquals(0, self("GET", "/tokens", jack, null).expect(200).json().size());

        // Removing the owner removes their profiles.
        String again = self("POST", "/tokens", jack, profile("again", perm("device", gate, "read"))).expect(201).json().get("token").asText();
        assertTrue(introspect(again, null).get("active").asBoolean());
        realm.admin().users().get(jackId).remove();
        assertInactive(again);
        assertDenied(check(again, "device", gate, "read"), "token_inactive");
    }

    static Map<String, Object> perm(String type, String resource, String... actions) {
        Map<String, Object> permission = new LinkedHashMap<>();
        permission.put("type", type);
        permission.put("resource", resource);
        permission.put("actions", Arrays.asList(actions));
        return permission;
    }

    @SafeVarargs
    static Map<String, Object> profile(String name, Map<String, Object>... permissions) {
        return Map.of("name", name, "permissions", Arrays.asList(permissions));
    }

    static Map<String, Object> detail(String type, String identifier, String... actions) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("type", "iot_" + type);
        if (identifier != null) {
            detail.put("identifier", identifier);
        }
        detail.put("actions", Arrays.asList(actions));
        return detail;
    }

    static void assertAllowed(JsonNode decision, String reason) {
        assertTrue(decision.get("allowed").asBoolean(), decision.toString());
        assertEquals(reason, decision.get("reason").asText(), decision.toString());
    }

    static void assertDenied(JsonNode decision, String reason) {
        assertFalse(decision.get("allowed").asBoolean(), decision.toString());
        assertEquals(reason, decision.get("reason").asText(), decision.toString());
    }

    private static void assertInactive(String token) {
        JsonNode answer = introspect(token, null);
        assertEquals("{\"active\":false}", answer.toString(), "inactive and nothing else");
    }

    private static IotApi.Reply exchange(String subjectToken, String type) {
        return exchangeAs("iot-api", "iot-api-secret", subjectToken, type);
    }

    private static IotApi.Reply exchangeAs(String clientId, String secret, String subjectToken, String type) {
        return IotApi.form("/realms/iot/protocol/openid-connect/token", Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", subjectToken, "subject_token_type", type), clientId, secret);
    }
}
