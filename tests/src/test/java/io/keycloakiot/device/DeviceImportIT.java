package io.keycloakiot.device;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

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
import static io.keycloakiot.support.IotApi.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@KeycloakIntegrationTest(config = IotServerConfig.class)
class DeviceImportIT {

    private static final String IMPORT = "/admin/realms/iot/iot/devices/import";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    String token;

    @BeforeEach
    void setUp() {
        token = adminClient.tokenManager().getAccessTokenString();
    }

    @Test
    void jsonImportCreatesTheValidRowsAndReportsTheInvalidOnes() {
        admin("POST", "/devices", token, Map.of("name", "Existing", "type", "meter", "externalId", "JSON-EXISTING")).expect(201);
        List<Object> rows = List.of(
                Map.of("name", "Meter 1", "type", "meter", "externalId", "JSON-1", "owner", "alice"),
                Map.of("name", "Meter 2", "type", "meter"),
                Map.of("type", "meter"),
                Map.of("name", "Dup in file", "type", "meter", "externalId", "JSON-1"),
                Map.of("name", "Dup in realm", "type", "meter", "externalId", "JSON-EXISTING"),
                Map.of("name", "No such owner", "type", "meter", "owner", "nobody"),
                "not an object",
                Map.of("name", "Bad\u0007bell", "type", "meter"));
        IotApi.Reply reply = admin("POST", "/devices/import", token, rows).expect(200);
        assertTrue(reply.header("Cache-Control").contains("no-store"), "the answer carries claim secrets");
        JsonNode report = reply.json();

        assertEquals(2, report.get("created").asInt());
        assertEquals(6, report.get("failed").asInt());
        JsonNode results = report.get("rows");
        assertEquals(8, results.size());
        assertEquals(List.of("created", "created", "failed", "failed", "failed", "failed", "failed", "failed"),
                statuses(results));
        assertEquals("conflict", results.get(3).get("error").asText());
        assertEquals("conflict", results.get(4).get("error").asText());
        assertTrue(results.get(2).get("error_description").asText().contains("name"));
        assertFalse(results.get(0).hasNonNull("claimSecret"), "a device with an owner has no claim secret");
        assertTrue(results.get(1).get("claimSecret").asText().startsWith("iotc_"), "a fleet device's, shown once");
        assertFalse(results.get(3).hasNonNull("claimSecret"));

        String createdId = results.get(0).get("id").asText();
        JsonNode created = admin("GET", "/devices/" + createdId, token, null).expect(200).json();
        assertEquals("JSON-1", created.get("externalId").asText());
        assertEquals(RealmUsers.idOf(realm.admin(), "alice"), created.get("owner").asText());
        assertEquals(1, admin("GET", "/devices?search=Meter%202", token, null).expect(200).json().size());
        assertEquals(0, admin("GET", "/devices?search=Dup", token, null).expect(200).json().size(),
                "no invalid row was saved");
    }

    @Test
    void csvImportReadsQuotedCellsAndAttributeColumns() {
        long expiry = Instant.now().plus(30, ChronoUnit.DAYS).toEpochMilli();
        String csv = "name,type,externalId,owner,enabled,attributes.site,claimSecretExpiresAt\r\n"
                + "\"Pump, north\",pump,CSV-1,bob,false,\"Plant \"\"A\"\"\"\n"
                + "Pump south,pump,CSV-2,,,," + expiry + "\n"
                + "\n"
                + ",pump,CSV-3,,,\n"
                + "Too many,pump,CSV-4,,,,,extra\n"
                + "Owned expiry,pump,CSV-5,bob,,," + expiry + "\n";
        JsonNode report = call("POST", IMPORT, token, csv, "text/csv").expect(200).json();
        assertEquals(2, report.get("created").asInt(), report.toString());
        assertEquals(List.of("created", "created", "failed", "failed", "failed"), statuses(report.get("rows")));
        assertTrue(report.at("/rows/1/claimSecret").asText().startsWith("iotc_"));
        assertEquals("invalid_request", report.at("/rows/4/error").asText(), "only a fleet device takes a claim expiry");

        JsonNode north = admin("GET", "/devices?search=CSV-1", token, null).expect(200).json().get(0);
        assertEquals("Pump, north", north.get("name").asText());
        assertEquals(false, north.get("enabled").asBoolean());
        assertEquals("Plant \"A\"", north.at("/attributes/site").asText());
        assertEquals(RealmUsers.idOf(realm.admin(), "bob"), north.get("owner").asText());
        JsonNode south = admin("GET", "/devices?search=CSV-2", token, null).expect(200).json().get(0);
        assertTrue(south.get("owner").isNull());
        assertTrue(south.get("enabled").asBoolean());
        assertTrue(south.get("claimable").asBoolean());
        assertEquals(expiry, south.get("claimSecretExpiresAt").asLong());
        assertFalse(south.has("claimSecret"), "the secret is shown in the import's answer only");
        assertTrue(north.get("disabledByAdmin").asBoolean(), "an admin imported it disabled");
    }

    @Test
    void malformedImportsAreRefusedWhole() {
        call("POST", IMPORT, token, "name,colour\nx,red\n", "text/csv").expectError(400, "invalid_request");
        call("POST", IMPORT, token, "name,type\n\"open quote,x\n", "text/csv").expectError(400, "invalid_request");
        call("POST", IMPORT, token, "[{\"name\": ", "application/json").expectError(400, "invalid_request");
        call("POST", IMPORT, token, "{\"rows\": []}", "application/json").expectError(400, "invalid_request");
        call("POST", IMPORT, token, "name,type\nx,y\n", "application/xml").expectError(415, "unsupported_media_type");
        assertEquals(0, admin("GET", "/devices?search=x", token, null).expect(200).json().size());
    }

    @Test
    void importAcceptsADevicesEnvelope() {
        JsonNode report = admin("POST", "/devices/import", token,
                Map.of("devices", List.of(Map.of("name", "Env 1", "type", "meter")))).expect(200).json();
        assertEquals(1, report.get("created").asInt());
    }

    @Test
    void importIsNotPartOfTheSelfServiceApi() {
        String alice = IotApi.userToken("alice");
        IotApi.self("POST", "/devices/import", alice, List.of(Map.of("name", "x", "type", "y"))).expect(404);
    }

    private static List<String> statuses(JsonNode rows) {
        return StreamSupport.stream(rows.spliterator(), false).map(r -> r.get("status").asText()).toList();
    }
}
