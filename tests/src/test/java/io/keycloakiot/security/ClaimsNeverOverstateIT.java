package io.keycloakiot.security;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What introspection, exchanged JWTs and the protocol mapper tell a resource server never
 * says more than the token may do now. An RFC 9396 entry without {@code identifier} reads as "every resource of
 * the type" to any consumer, so a wildcard permission reaches it as the resources its owner reaches, each with the
 * owner's actions, bounded, and marked when the list was cut.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class ClaimsNeverOverstateIT {

    private static final String TRUNCATED = "authorization_details_truncated";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    @Test
    void aProfileWithEveryDeviceNamesOnlyTheDevicesItsOwnerReachesWithTheOwnersActions() throws Exception {
        RealmUsers.create(realm.admin(), "cora");
        String cora = IotApi.userToken("cora");
        String bob = IotApi.userToken("bob");
        String kettle = newDevice(cora, "Kettle");
        String oven = newDevice(cora, "Oven");
        String bobsLamp = newDevice(bob, "Bob's lamp");
        String bobsSafe = newDevice(bob, "Bob's safe");
        String share = self("POST", "/devices/" + bobsLamp + "/shares", bob,
                Map.of("email", "cora@example.com", "actions", List.of("read"))).expect(201).json().get("id").asText();
        self("POST", "/shares/" + share + "/accept", cora, null).expect(200);
        String token = self("POST", "/tokens", cora, Map.of("name", "every device", "permissions",
                List.of(Map.of("type", "device", "resource", "*", "actions", List.of("read", "control"))))).expect(201).json()
                .get("token").asText();

        Map<String, List<String>> expected = new TreeMap<>(Map.of(kettle, List.of("read", "control"),
                oven, List.of("read", "control"), bobsLamp, List.of("read")));
        JsonNode answer = introspect(token, null);
        assertEquals(expected, devices(answer.get("authorization_details")), answer.toString());
        assertFalse(answer.has(TRUNCATED), answer.toString());
        assertFalse(answer.toString().contains(bobsSafe), "a device the owner does not reach is never named");

        DefaultJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();
        verifier.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys()));
        String jwt = IotApi.form("/realms/iot/protocol/openid-connect/token", Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", token,
                "subject_token_type", "urn:keycloak-iot:token-type:profile-token"), "iot-api", "iot-api-secret")
                .expect(200).json().get("access_token").asText();
        Object details = verifier.process(jwt, null).getClaim("authorization_details");
        assertEquals(expected, devices(JSON.valueToTree(details)), "the exchanged JWT names the same devices");

        // The list follows the owner's reach at the moment of use: the share ends, its device leaves the claims.
        self("DELETE", "/devices/" + bobsLamp + "/shares/" + share, bob, null).expect(204);
        expected.remove(bobsLamp);
        assertEquals(expected, devices(introspect(token, null).get("authorization_details")));
    }

    @Test
    void aWildcardListIsBoundedAndSaysWhenItWasCut() {
        String owner = RealmUsers.create(realm.admin(), "dana");
        String dana = IotApi.userToken("dana");
        String masterAdmin = adminClient.tokenManager().getAccessTokenString();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            rows.add(Map.of("name", "Meter " + i, "type", "meter", "owner", owner));
        }
        assertEquals(1001, admin("POST", "/devices/import", masterAdmin, rows).expect(200).json().get("created").asInt());
        String token = self("POST", "/tokens", dana, Map.of("name", "all meters", "permissions",
                List.of(Map.of("type", "device", "resource", "*", "actions", List.of("read"))))).expect(201).json()
                .get("token").asText();

        JsonNode answer = introspect(token, null);
        assertEquals(1000, devices(answer.get("authorization_details")).size(), "at most 1,000 devices are named");
        assertEquals("true", answer.path(TRUNCATED).toString(), "the cut is said, so the resource server asks the check API");
    }

    @Test
    void aGroundTokensMemberListIsExactBoundedAndSaysWhenItWasCut() throws Exception {
        String owner = RealmUsers.create(realm.admin(), "emil");
        String emil = IotApi.userToken("emil");
        String masterAdmin = adminClient.tokenManager().getAccessTokenString();
        String ground = self("POST", "/grounds", emil, Map.of("name", "Farm")).expect(201).json().get("id").asText();
        String token = self("POST", "/grounds/" + ground + "/tokens", emil, Map.of("name", "farm", "permissions", List.of(
                Map.of("type", "ground", "resource", "*", "actions", List.of("read")),
                Map.of("type", "device", "resource", "*", "actions", List.of("read", "control"))))).expect(201).json()
                .get("token").asText();
        String outside = newDevice(emil, "Not in the farm");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            rows.add(Map.of("name", "Probe " + i, "type", "probe", "owner", owner));
        }
        JsonNode report = admin("POST", "/devices/import", masterAdmin, rows).expect(200).json();
        List<String> members = new ArrayList<>();
        report.get("rows").forEach(row -> members.add(row.get("id").asText()));
        self("PUT", "/grounds/" + ground + "/devices/" + members.get(0), emil, null).expect(204);

        JsonNode small = introspect(token, null);
        assertEquals(Map.of(members.get(0), List.of("read", "control")), devices(small.get("authorization_details")), small.toString());
        assertFalse(small.has(TRUNCATED), small.toString());
        assertFalse(small.toString().contains(outside));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<?> put : pool.invokeAll(members.subList(1, members.size()).stream().map(member -> (Callable<Object>) () ->
                    self("PUT", "/grounds/" + ground + "/devices/" + member, emil, null).expect(204)).toList())) {
                put.get();
            }
        } finally {
            pool.shutdown();
        }
        JsonNode big = introspect(token, null);
        Map<String, List<String>> listed = devices(big.get("authorization_details"));
        assertEquals(1000, big.get("authorization_details").size(), "at most 1,000 entries in all: the ground and 999 devices");
        assertEquals(999, listed.size());
        assertTrue(members.containsAll(listed.keySet()));
        assertEquals("true", big.path(TRUNCATED).toString(), big.toString());
    }

    @Test
    void onATypeThePackDoesNotKeepAProfileLeavesOwnershipToTheResourceServer() {
        String owner = RealmUsers.create(realm.admin(), "fay");
        String fay = IotApi.userToken("fay");
        String token = self("POST", "/tokens", fay, Map.of("name", "buckets", "permissions", List.of(
                Map.of("type", "bucket", "resource", "*", "actions", List.of("read")),
                Map.of("type", "endpoint", "resource", "ep-1", "actions", List.of("call"))))).expect(201).json()
                .get("token").asText();

        JsonNode bucket = check(token, "bucket", "anyone's-bucket", "read");
        assertTrue(bucket.get("allowed").asBoolean(), bucket.toString());
        assertEquals("user", bucket.get("reason").asText(), "the resource server must check who owns the bucket");
        assertEquals("user", check(token, "endpoint", "ep-1", "call").get("reason").asText());
        assertEquals("not_in_token", check(token, "endpoint", "ep-2", "call").get("reason").asText());

        JsonNode answer = introspect(token, null);
        for (JsonNode detail : answer.get("authorization_details")) {
            assertFalse(detail.get("type").asText().equals("iot_bucket") && !detail.has("identifier"),
                    "an RFC 9396 consumer would read this as every bucket: " + answer);
        }
        assertTrue(answer.get("authorization_details").toString().contains(owner), "the bucket grant names its owner: " + answer);
    }

    @Test
    void theProtocolMapperSaysWhenItCutItsList() {
        RealmUsers.create(realm.admin(), "gus");
        String gus = IotApi.userToken("gus");
        for (int i = 0; i < 3; i++) {
            newDevice(gus, "Sensor " + i);
        }
        ClientResource cli = realm.admin().clients().get(realm.admin().clients().findByClientId("iot-cli").get(0).getId());
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("iot authorization details");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("iot-authorization-details");
        Map<String, String> config = new HashMap<>(Map.of("access.token.claim", "true", "introspection.token.claim", "true",
                "max.entries", "2"));
        mapper.setConfig(config);
        String mapperId;
        try (Response response = cli.getProtocolMappers().createMapper(mapper)) {
            assertEquals(201, response.getStatus());
            mapperId = response.getLocation().getPath().substring(response.getLocation().getPath().lastIndexOf('/') + 1);
        }
        try {
            JsonNode claims = payload(IotApi.userToken("gus"));
            assertEquals(2, claims.get("authorization_details").size(), claims.toString());
            claims.get("authorization_details").forEach(detail -> assertTrue(detail.has("identifier"), detail.toString()));
            assertEquals("true", claims.path(TRUNCATED).toString(), claims.toString());

            config.put("max.entries", "50");
            mapper.setId(mapperId);
            cli.getProtocolMappers().update(mapperId, mapper);
            JsonNode all = payload(IotApi.userToken("gus"));
            assertEquals(3, all.get("authorization_details").size(), all.toString());
            assertFalse(all.has(TRUNCATED), all.toString());
        } finally {
            cli.getProtocolMappers().delete(mapperId);
        }
    }

    /** The device entries as id → actions, asserting that every entry names its resource. */
    private static Map<String, List<String>> devices(JsonNode details) {
        Map<String, List<String>> devices = new TreeMap<>();
        for (JsonNode detail : details) {
            assertTrue(detail.hasNonNull("identifier"), "an entry without identifier means every resource: " + detail);
            if (detail.get("type").asText().equals("iot_device")) {
                List<String> actions = new ArrayList<>();
                detail.get("actions").forEach(action -> actions.add(action.asText()));
                devices.put(detail.get("identifier").asText(), actions);
            }
        }
        return devices;
    }

    private static JWKSource<SecurityContext> keys() throws Exception {
        return JWKSourceBuilder.create(new URL(IotApi.url("/realms/iot/protocol/openid-connect/certs"))).build();
    }

    private static JsonNode payload(String jwt) {
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
