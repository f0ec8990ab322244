package io.keycloakiot.device;

import io.keycloakiot.common.Json;
import org.junit.jupiter.api.Test;
import org.keycloak.services.ErrorResponseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A device body: create and update rules, PUT semantics, and the read-only fields a fetched device carries. */
class DeviceInputTest {

    @Test
    void aNewDeviceNeedsANameAndAType() {
        assertEquals("$.name is required", refusal("{\"type\":\"sensor\"}", true));
        assertEquals("$.name is required", refusal("{\"name\":null,\"type\":\"sensor\"}", true));
        assertEquals("$.type is required", refusal("{\"name\":\"Probe\"}", true));
        DeviceInput input = create("{\"name\":\" Probe \",\"type\":\"sensor\",\"attributes\":{\"site\":\"north\"}}");
        assertEquals("Probe", input.name());
        assertEquals("{\"site\":\"north\"}", input.attributesJson());
    }

    @Test
    void anUpdateLeavesWhatIsAbsentAndClearsWhatIsNull() {
        DeviceInput absent = update("{\"name\":\"Renamed\"}");
        assertFalse(absent.externalIdGiven());
        assertFalse(absent.attributesGiven());
        assertFalse(absent.ownerGiven());
        assertNull(absent.enabled());
        DeviceInput cleared = update("{\"externalId\":null,\"attributes\":null,\"owner\":null}");
        assertTrue(cleared.externalIdGiven());
        assertNull(cleared.externalId());
        assertTrue(cleared.attributesGiven());
        assertNull(cleared.attributesJson());
        assertTrue(cleared.ownerGiven());
        assertNull(cleared.owner());
    }

    @Test
    void anUpdateCannotClearTheNameTypeOrEnabled() {
        assertEquals("$.name cannot be null", refusal("{\"name\":null}", false));
        assertEquals("$.type cannot be null", refusal("{\"type\":null}", false));
        assertEquals("$.enabled cannot be null", refusal("{\"enabled\":null}", false));
    }

    @Test
    void aFetchedDeviceCanBeSentBack() {
        DeviceInput input = update("{\"id\":\"d1\",\"externalId\":\"SN-1\",\"name\":\"Probe\",\"type\":\"sensor\",\"owner\":\"u1\","
                + "\"attributes\":{},\"enabled\":true,\"disabledByAdmin\":false,\"createdTimestamp\":1,\"sharedWithMe\":false,"
                + "\"ownerName\":null,\"sharedActions\":null,\"claimable\":false,\"claimSecretExpiresAt\":1}");
        assertEquals("SN-1", input.externalId());
        assertNull(input.claimSecretExpiresAt(), "a claim expiry counts on create only");
        assertEquals("$.claimSecretExpiresAt must be in the future and before the year 10000",
                refusal("{\"name\":\"Probe\",\"type\":\"sensor\",\"claimSecretExpiresAt\":1}", true));
    }

    @Test
    void eachFieldIsNamedByItsPath() {
        assertEquals("unknown field $.colour; allowed: attributes, claimSecretExpiresAt, enabled, externalId, name, owner, type",
                refusal("{\"name\":\"x\",\"type\":\"y\",\"colour\":\"red\"}", true));
        assertEquals("$.attributes.a must be a string", refusal("{\"name\":\"x\",\"type\":\"y\",\"attributes\":{\"a\":1}}", true));
        assertTrue(refusal("{\"name\":\"x\",\"type\":\"y\",\"attributes\":{\"a b\":\"1\"}}", true)
                .startsWith("$.attributes keys must be 1..64 characters"));
        assertEquals("$.attributes.a contains a control or invisible character (U+0007)",
                refusal("{\"name\":\"x\",\"type\":\"y\",\"attributes\":{\"a\":\"b\\u0007\"}}", true));
        assertEquals("$.enabled must be true or false", refusal("{\"name\":\"x\",\"type\":\"y\",\"enabled\":\"yes\"}", true));
        assertTrue(refusal("{\"name\":\"x\",\"type\":\"y\",\"externalId\":\"a,b\"}", true).startsWith("$.externalId must be 1..255"));
    }

    @Test
    void anOwnerTransferNeedsTheOwnerFieldWhichMayBeNull() {
        assertNull(Json.read("{\"owner\":null}", OwnerTransfer.class).owner().value());
        ErrorResponseException e = assertThrows(ErrorResponseException.class, () -> Json.read("{}", OwnerTransfer.class));
        assertEquals("$.owner is required (a user id or username, or null for the realm fleet)", e.getErrorDescription());
    }

    private static DeviceInput create(String body) {
        return Json.read(body, DeviceInput.Body.class).creating();
    }

    private static DeviceInput update(String body) {
        return Json.read(body, DeviceInput.Body.class).updating();
    }

    private static String refusal(String body, boolean creating) {
        return assertThrows(ErrorResponseException.class, () -> {
            if (creating) {
                create(body);
            } else {
                update(body);
            }
        }).getErrorDescription();
    }
}
