package io.keycloakiot.settings;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.keycloakiot.authz.Caller;
import io.keycloakiot.permission.PackSettings;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.ResourceType;
import org.keycloak.events.admin.OperationType;

/** {@code /admin/realms/{realm}/iot/settings}: the pack's realm policies. */
public class SettingsResource {

    private final Caller caller;

    public SettingsResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PackSettings get() {
        caller.requireRead();
        return PackSettings.of(caller.realm());
    }

    /** Changes the fields given; a field set to null removes that policy. */
    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public PackSettings update(String body) {
        caller.requireWrite();
        PackSettings settings = PackSettings.of(caller.realm()).updatedBy(body, PermissionCatalogue.of(caller.realm()));
        settings.store(caller.realm());
        caller.audit("IOT_SETTINGS", OperationType.UPDATE, settings, "iot/settings");
        return settings;
    }
}
