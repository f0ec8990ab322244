package io.keycloakiot.settings;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.keycloakiot.authz.Caller;
import io.keycloakiot.permission.RealmSettings;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.ResourceType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.keycloak.events.admin.OperationType;

/** {@code /admin/realms/{realm}/iot/settings}: the pack's realm policies. */
@Tag(name = "Settings")
public class SettingsResource {

    private final Caller caller;

    public SettingsResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read the realm's policies")
    @APIResponse(responseCode = "200", description = "The policies",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RealmSettings.class)))
    public RealmSettings get() {
        caller.requireRead();
        return RealmSettings.of(caller.realm());
    }

    /** Changes the fields given; a field set to null removes that policy. */
    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the realm's policies", description = "Changes the fields given; null removes a policy.")
    @APIResponse(responseCode = "200", description = "The policies as they are now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RealmSettings.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public RealmSettings update(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RealmSettings.Update.class))) String body) {
        caller.requireWrite();
        RealmSettings settings = RealmSettings.of(caller.realm()).updatedBy(body, PermissionCatalogue.of(caller.realm()));
        settings.store(caller.realm());
        caller.audit("IOT_SETTINGS", OperationType.UPDATE, settings, "iot/settings");
        return settings;
    }
}
