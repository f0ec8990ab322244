package io.keycloakiot.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import io.keycloakiot.support.TestServer;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.introspect;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One user cannot degrade everyone's validation. Renaming or revoking a token invalidates that token's
 * cached validation only, not the realm's: another token keeps being answered from the node's cache, which the
 * pack's counter of database reads on Keycloak's {@code /metrics} shows.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class TargetedInvalidationIT {

    private static final String DATABASE_READS = "keycloak_iot_token_validation_database_reads_total";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @Test
    void aLoopOfRenamesAndRevocationsOfOneTokenKeepsAnotherTokensValidationCached() {
        RealmUsers.create(realm.admin(), "mallory");
        String mallory = IotApi.userToken("mallory");
        String alice = IotApi.userToken("alice");
        String victim = self("POST", "/devices/" + IotApi.newDevice(alice, "Alice's meter") + "/tokens", alice,
                Map.of("name", "meter")).expect(201).json().get("token").asText();
        String malloryDevice = IotApi.newDevice(mallory, "Mallory's box");
        String own = self("POST", "/devices/" + malloryDevice + "/tokens", mallory, Map.of("name", "box")).expect(201).json()
                .get("id").asText();
        assertTrue(introspect(victim, "device_token").get("active").asBoolean());

        long before = databaseReads();
        for (int i = 0; i < 20; i++) {
            self("PATCH", "/devices/" + malloryDevice + "/tokens/" + own, mallory, Map.of("name", "box " + i)).expect(200);
            self("PATCH", "/devices/" + malloryDevice + "/tokens/" + own, mallory, Map.of("enabled", i % 2 == 0)).expect(200);
            String burnt = self("POST", "/devices/" + malloryDevice + "/tokens", mallory, Map.of("name", "burnt " + i)).expect(201)
                    .json().get("id").asText();
            self("DELETE", "/devices/" + malloryDevice + "/tokens/" + burnt, mallory, null).expect(204);
            assertTrue(introspect(victim, "device_token").get("active").asBoolean());
        }
        assertEquals(before, databaseReads(), "alice's token was read from the database again after mallory's changes");
    }

    @Test
    void aRenameLeavesTheRenamedTokenCachedAndAnyRealChangeIsSeenAtOnce() {
        String alice = IotApi.userToken("alice");
        String device = IotApi.newDevice(alice, "Alice's pump");
        var created = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "pump")).expect(201).json();
        String token = created.get("token").asText();
        String path = "/devices/" + device + "/tokens/" + created.get("id").asText();
        String other = self("POST", "/devices/" + IotApi.newDevice(alice, "Alice's valve") + "/tokens", alice,
                Map.of("name", "valve")).expect(201).json().get("token").asText();
        assertTrue(introspect(token, "device_token").get("active").asBoolean());
        assertTrue(introspect(other, "device_token").get("active").asBoolean());

        long before = databaseReads();
        self("PATCH", path, alice, Map.of("name", "pump (renamed)")).expect(200);
        assertTrue(introspect(token, "device_token").get("active").asBoolean());
        assertEquals(before, databaseReads(), "a rename changes no validation answer and needs no reload");

        // A change that alters the answer is seen at once: disabling the token, or its device.
        self("PATCH", path, alice, Map.of("enabled", false)).expect(200);
        assertFalse(introspect(token, "device_token").get("active").asBoolean());
        self("PATCH", path, alice, Map.of("enabled", true)).expect(200);
        assertTrue(introspect(token, "device_token").get("active").asBoolean());
        self("PUT", "/devices/" + device, alice, Map.of("enabled", false)).expect(200);
        assertFalse(introspect(token, "device_token").get("active").asBoolean());
        long afterDeviceChange = databaseReads();
        assertTrue(introspect(other, "device_token").get("active").asBoolean());
        assertEquals(afterDeviceChange, databaseReads(), "disabling one device keeps another device's token cached");
        self("PUT", "/devices/" + device, alice, Map.of("enabled", true)).expect(200);
        assertTrue(introspect(token, "device_token").get("active").asBoolean());
        self("DELETE", path, alice, null).expect(204);
        assertFalse(introspect(token, "device_token").get("active").asBoolean());
        assertTrue(introspect(other, "device_token").get("active").asBoolean());
    }

    /** The node's count of validations read from the database (Keycloak's Prometheus {@code /metrics}). */
    private static long databaseReads() {
        try {
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(TestServer.metricsUrl())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), "Keycloak's /metrics");
            return metrics.body().lines().filter(line -> line.startsWith(DATABASE_READS)).findFirst()
                    .map(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .orElseThrow(() -> new AssertionError(DATABASE_READS + " is not in /metrics"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
