package io.keycloakiot.token;

import java.util.List;

import io.keycloakiot.common.Json;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.PermissionList;
import org.junit.jupiter.api.Test;
import org.keycloak.services.ErrorResponseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenBodyTest {

    @Test
    void aPatchChangesWhatIsGivenAndCannotClearTheNameOrEnabled() {
        TokenUpdate patch = Json.read("{\"enabled\":false}", TokenUpdate.class).changing();
        assertNull(patch.name().value());
        assertFalse(patch.permissions().present());
        assertEquals("$.name cannot be null", refusal(() -> Json.read("{\"name\":null}", TokenUpdate.class).changing()));
        assertEquals("$.enabled cannot be null", refusal(() -> Json.read("{\"enabled\":null}", TokenUpdate.class).changing()));
        assertEquals("$.name is required", refusal(() -> Json.read("{\"enabled\":true}", TokenUpdate.class).replacing()));
    }

    @Test
    void aPermissionIsNamedByItsPath() {
        assertEquals("$.permissions[1].resource is required", refusal(() -> Json.read("{\"name\":\"t\",\"permissions\":["
                + "{\"type\":\"device\",\"resource\":\"*\",\"actions\":[\"read\"]},{\"type\":\"device\",\"actions\":[\"read\"]}]}",
                TokenCreate.class)));
        assertEquals("$.permissions[0].actions must be a non-empty list of actions", refusal(() -> Json.read(
                "{\"name\":\"t\",\"permissions\":[{\"type\":\"device\",\"resource\":\"*\",\"actions\":[]}]}", TokenCreate.class)));
        TokenCreate create = Json.read("{\"name\":\"t\",\"permissions\":[{\"type\":\"device\",\"resource\":\"*\",\"actions\":[\"fly\"]}]}",
                TokenCreate.class);
        assertEquals("$.permissions[0].actions[0] is not an action of 'device'; allowed: read, write, control, list, create,"
                        + " update, delete, manage_tokens, read_stats, read_locations",
                refusal(() -> PermissionList.read(create.permissions(), PermissionCatalogue.DEFAULT)));
        assertEquals(List.of("read"), PermissionList.read(Json.read("{\"name\":\"t\",\"permissions\":[{\"type\":\"device\","
                + "\"resource\":\"d1\",\"actions\":[\"read\",\"read\"]}]}", TokenCreate.class).permissions(),
                PermissionCatalogue.DEFAULT).get(0).actions());
    }

    private static String refusal(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(ErrorResponseException.class, call).getErrorDescription();
    }
}
