package io.keycloakiot.permission;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.services.ErrorResponseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue's and the settings' bodies. */
class CatalogueBodyTest {

    private static final String BUILT_INS = "{\"type\":\"device\",\"actions\":[\"read\"]},{\"type\":\"ground\",\"actions\":[\"read\"]}";

    @Test
    void aCatalogueIsAnObjectWithTypesOrTheBareList() {
        assertEquals(2, PermissionCatalogue.parse("{\"types\":[" + BUILT_INS + "]}").types().size());
        assertEquals(2, PermissionCatalogue.parse("[" + BUILT_INS + "]").types().size());
        assertEquals("unknown field $.settings; allowed: types",
                refusal(() -> PermissionCatalogue.parse("{\"types\":[" + BUILT_INS + "],\"settings\":{}}")));
        assertEquals("$.types must be a list of 1..64 resource types", refusal(() -> PermissionCatalogue.parse("{\"types\":[]}")));
    }

    @Test
    void aTypesFieldIsNamedByItsPath() {
        assertTrue(refusal(() -> PermissionCatalogue.parse("{\"types\":[" + BUILT_INS + ",{\"type\":\"bucket\",\"actions\":[\"Read\"]}]}"))
                .startsWith("$.types[2].actions[0] must be 1..32 characters of a-z"));
        assertEquals("$[1].actions must be a list of 1..32 action names",
                refusal(() -> PermissionCatalogue.parse("[" + BUILT_INS.replace(",{\"type\":\"ground\",\"actions\":[\"read\"]}", "")
                        + ",{\"type\":\"ground\"}]")));
        assertEquals("$.types[2].type repeats the resource type 'device'",
                refusal(() -> PermissionCatalogue.parse("{\"types\":[" + BUILT_INS + ",{\"type\":\"device\",\"actions\":[\"read\"]}]}")));
        assertEquals("$.deviceActions must be among the type's 'actions'",
                refusal(() -> PermissionCatalogue.parseType("{\"actions\":[\"read\"],\"deviceActions\":[\"write\"]}", "bucket")));
    }

    @Test
    void aTypeTakesItsNameFromThePath() {
        ResourceType type = PermissionCatalogue.parseType("{\"description\":\"Buckets\",\"actions\":[\"read\",\"read\"]}", "bucket");
        assertEquals(new ResourceType("bucket", "Buckets", List.of("read"), List.of(), false), type);
        assertEquals("$.type must match the type in the path",
                refusal(() -> PermissionCatalogue.parseType("{\"type\":\"other\",\"actions\":[\"read\"]}", "bucket")));
    }

    @Test
    void settingsChangeWhatIsGivenAndClearOnlyWhatMayBeCleared() {
        RealmSettings current = new RealmSettings(3600L, List.of("device"), 86400, 50, 20);
        RealmSettings updated = current.updatedBy("{\"profileTokenMaxLifetimeSeconds\":null,\"invitationsPerHour\":5}",
                PermissionCatalogue.DEFAULT);
        assertEquals(new RealmSettings(null, List.of("device"), 86400, 50, 5), updated);
        assertEquals("$.invitationsPerHour must be a whole number from 0 to 100000",
                refusal(() -> current.updatedBy("{\"invitationsPerHour\":null}", PermissionCatalogue.DEFAULT)));
        assertEquals("$.invitationsPerHour must be a whole number",
                refusal(() -> current.updatedBy("{\"invitationsPerHour\":\"5\"}", PermissionCatalogue.DEFAULT)));
        assertEquals("$.selfGrantTypes[1] is not a resource type of the catalogue",
                refusal(() -> current.updatedBy("{\"selfGrantTypes\":[\"device\",\"nope\"]}", PermissionCatalogue.DEFAULT)));
    }

    private static String refusal(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(ErrorResponseException.class, call).getErrorDescription();
    }
}
