package io.keycloakiot.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.call;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A body that a lenient parser would half-read is refused whole: JSON with trailing bytes or a key given twice, CSV
 * whose quotes do not open and close whole fields. Each answers 400 {"error", "error_description"} and saves nothing.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class StrictParsingIT {

    private static final String IMPORT = "/admin/realms/" + IotApi.REALM + "/iot/devices/import";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    String alice;
    String adminToken;

    @BeforeEach
    void signIn() {
        alice = IotApi.userToken("alice");
        adminToken = adminClient.tokenManager().getAccessTokenString();
    }

    @Test
    void jsonWithTrailingGarbageIsRefusedAndNothingIsSaved() {
        assertRefusedForAlice("{\"name\":\"Strict trailing\",\"type\":\"t\"} x", "Strict trailing");
    }

    @Test
    void jsonWithADuplicateKeyIsRefusedAndNothingIsSaved() {
        assertRefusedForAlice("{\"name\":\"Strict first\",\"name\":\"Strict second\",\"type\":\"t\"}", "Strict first", "Strict second");
    }

    @Test
    void csvWithTextAfterAClosingQuoteIsRefusedWholeAndNothingIsSaved() {
        assertImportRefused("name,type\nStrict before,sensor\n\"Strict ab\"cd,sensor\n", "Strict before", "Strict ab");
    }

    @Test
    void csvWithAnUnclosedQuoteIsRefusedWholeAndNothingIsSaved() {
        assertImportRefused("name,type\nStrict before,sensor\n\"Strict open,sensor\n", "Strict before", "Strict open");
    }

    private void assertRefusedForAlice(String body, String... names) {
        int before = alicesDevices().size();
        self("POST", "/devices", alice, body).expectError(400, "invalid_request");
        JsonNode after = alicesDevices();
        assertEquals(before, after.size(), "alice's devices after " + body);
        assertNoneNamed(after, names);
    }

    /** A valid row ahead of the bad one shows the import is refused whole, not row by row. */
    private void assertImportRefused(String csv, String... names) {
        int before = realmDevices().size();
        call("POST", IMPORT, adminToken, csv, "text/csv").expectError(400, "invalid_request");
        JsonNode after = realmDevices();
        assertEquals(before, after.size(), "the realm's devices after " + csv);
        assertNoneNamed(after, names);
    }

    private JsonNode alicesDevices() {
        return self("GET", "/devices?max=1000", alice, null).expect(200).json();
    }

    private JsonNode realmDevices() {
        return admin("GET", "/devices?max=1000", adminToken, null).expect(200).json();
    }

    private static void assertNoneNamed(JsonNode devices, String... names) {
        for (JsonNode device : devices) {
            for (String name : names) {
                assertFalse(device.path("name").asText().startsWith(name), "saved: " + device);
            }
        }
    }
}
