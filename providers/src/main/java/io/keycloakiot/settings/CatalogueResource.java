package io.keycloakiot.settings;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.ApiScope;
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

/**
 * {@code .../catalogue}: the realm's permission catalogue and profile-token policies. Everyone signed in reads
 * them (a permission editor needs them); only the admin API ({@code editable}) changes them.
 */
@Tag(name = "Catalogue")
public class CatalogueResource {

    public static final String AUDIT_TYPE = "IOT_CATALOGUE";

    private final Caller caller;
    private final boolean editable;

    public CatalogueResource(Caller caller, boolean editable) {
        this.caller = caller;
        this.editable = editable;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read the permission catalogue", description = "With the realm's profile-token policies.")
    @APIResponse(responseCode = "200", description = "The catalogue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Catalogue")))
    public Map<String, Object> get() {
        caller.requireRead(ApiScope.CATALOGUE_READ);
        return representation(PermissionCatalogue.of(caller.realm()));
    }

    /** Replaces the whole catalogue: {@code {"types": [...]}}. */
    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the catalogue", description = "`{\"types\": [...]}`; the pack's own types stay. Admin API only.")
    @APIResponse(responseCode = "200", description = "The catalogue as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Catalogue")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Map<String, Object> replace(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PermissionCatalogue.Body.class))) String body) {
        requireEditor();
        return stored(PermissionCatalogue.parse(body), OperationType.UPDATE, "iot/catalogue");
    }

    /** Adds or replaces one type. */
    @PUT
    @Path("types/{type}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add or replace a resource type", description = "Admin API only.")
    @APIResponse(responseCode = "200", description = "The catalogue as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Catalogue")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Map<String, Object> putType(@Parameter(description = "The type's name") @PathParam("type") String type,
                                       @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PermissionCatalogue.TypeBody.class))) String body) {
        requireEditor();
        ResourceType parsed = PermissionCatalogue.parseType(body, type);
        return stored(PermissionCatalogue.of(caller.realm()).with(parsed), OperationType.UPDATE, "iot/catalogue/types/" + type);
    }

    /** Removes a type; permissions that name it stop granting anything. */
    @DELETE
    @Path("types/{type}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remove a resource type", description = "Permissions that name it stop granting anything; the pack's own"
            + " types cannot be removed (400). Admin API only.")
    @APIResponse(responseCode = "200", description = "The catalogue as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Catalogue")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Map<String, Object> deleteType(@Parameter(description = "The type's name") @PathParam("type") String type) {
        requireEditor();
        PermissionCatalogue catalogue = PermissionCatalogue.of(caller.realm());
        if (catalogue.type(type) == null) {
            throw ApiError.notFound("resource type");
        }
        return stored(catalogue.without(type), OperationType.DELETE, "iot/catalogue/types/" + type);
    }

    private Map<String, Object> stored(PermissionCatalogue catalogue, OperationType operation, String path) {
        catalogue.store(caller.realm());
        Map<String, Object> rep = representation(catalogue);
        caller.audit(AUDIT_TYPE, operation, rep, path);
        return rep;
    }

    private void requireEditor() {
        if (!editable) {
            throw ApiError.forbidden("the catalogue is changed through the admin API");
        }
        caller.requireWrite();
    }

    private Map<String, Object> representation(PermissionCatalogue catalogue) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("types", catalogue.types());
        rep.put("settings", RealmSettings.of(caller.realm()));
        return rep;
    }
}
