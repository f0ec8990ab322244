package io.keycloakiot.device;

import io.keycloakiot.model.DeviceFilter;
import io.keycloakiot.model.DeviceModel;
import io.keycloakiot.model.DeviceProvider;
import io.keycloakiot.model.ShareModel;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.ApiScope;
import io.keycloakiot.authz.Caller;
import io.keycloakiot.common.Json;
import io.keycloakiot.common.Owners;
import io.keycloakiot.common.Page;
import io.keycloakiot.share.ShareResource;
import io.keycloakiot.model.TokenKind;
import io.keycloakiot.token.TokenResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.ErrorResponseException;

/**
 * {@code /devices}: the same resource serves the self-service API (scope = the signed-in user's devices)
 * and the admin API (scope = the whole realm); the {@link Caller} decides which.
 */
@Tag(name = "Devices")
public class DeviceResource {

    public static final String AUDIT_TYPE = DeviceRegistry.AUDIT_TYPE;

    protected final Caller caller;
    protected final DeviceProvider devices;

    public DeviceResource(Caller caller) {
        this.caller = caller;
        this.devices = caller.session().getProvider(DeviceProvider.class);
    }

    /**
     * A user's list holds their own devices and, unless {@code relation} narrows it to {@code owned} or
     * {@code shared}, the devices shared with them (marked {@code sharedWithMe}); an admin's list is the realm's
     * devices and ignores {@code relation}.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List devices", description = "A user's list holds their own devices and, unless `relation` narrows"
            + " it, the devices shared with them (`sharedWithMe`); an administrator's list is the realm's devices. Oldest first.")
    @APIResponse(responseCode = "200", description = "A page of devices",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DeviceRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public List<DeviceRepresentation> list(@Parameter(ref = "first") @QueryParam("first") String first,
                                           @Parameter(ref = "max") @QueryParam("max") String max,
                                           @Parameter(description = "Part of the name or externalId, ignoring case") @QueryParam("search") String search,
                                           @Parameter(description = "Only devices of this type") @QueryParam("type") String type,
                                           @Parameter(description = "Only devices of this user (id or username; admin API)")
                                           @QueryParam("owner") String owner,
                                           @Parameter(description = "Only devices in this ground (its id)") @QueryParam("ground") String ground,
                                           @Parameter(description = "Only the caller's own, or only those shared with them (self-service)",
                                                   schema = @Schema(type = SchemaType.STRING, enumeration = {"owned", "shared"}))
                                           @QueryParam("relation") String relation) {
        caller.requireRead(ApiScope.DEVICE_READ);
        if (!caller.isAdministrator()) {
            // A user's scope is always themselves (an owner filter is ignored), widened by what is shared with them.
            DeviceFilter filter = new DeviceFilter(caller.userId(), search, type, ground);
            return visible().list(relation(relation), filter, Page.of(first, max));
        }
        // An owner filter only narrows an admin's view.
        String ownerFilter = owner != null ? Owners.resolve(caller.session(), caller.realm(), owner) : null;
        DeviceFilter filter = new DeviceFilter(ownerFilter, search, type, ground);
        return devices.searchDevices(caller.realm(), filter, Page.of(first, max)).stream().map(DeviceRepresentation::of).toList();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a device", description = "A user's device is theirs; an administrator names any owner, or none"
            + " for a fleet device, which gets a one-time claim secret (shown in this answer only). 409: the externalId is taken.")
    @APIResponse(responseCode = "201", description = "The new device; its URL in `Location`",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DeviceWithClaimSecret")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceInput.Body.class))) String body) {
        caller.requireWrite(ApiScope.DEVICE_CREATE);
        DeviceInput input = Json.read(body, DeviceInput.Body.class).creating();
        DeviceRegistry.Registered registered = new DeviceRegistry(caller)
                .register(input, caller.requestedOwner(input.ownerGiven(), input.owner(), null));
        DeviceRepresentation rep = DeviceRepresentation.of(registered.device());
        if (registered.claimSecret() == null) {
            return caller.created(registered.device().getId(), rep);
        }
        return Response.fromResponse(caller.created(registered.device().getId(), rep.withClaimSecret(registered.claimSecret())))
                .cacheControl(TokenResource.noStore()).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a device", description = "A user reads their own devices and, while the share is in force, those"
            + " shared with them.")
    @APIResponse(responseCode = "200", description = "The device",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceRepresentation.class)))
    public DeviceRepresentation get(@Parameter(description = "The device's id") @PathParam("id") String id) {
        caller.requireRead(ApiScope.DEVICE_READ);
        if (caller.isAdministrator()) {
            return DeviceRepresentation.of(require(id));
        }
        // A user reads a device shared with them, as their list shows it, while the share is in force;
        // changing it stays the owner's (PUT and DELETE still answer 404).
        return visible().get(id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a device", description = "Changes the fields given. A user cannot enable a device an"
            + " administrator disabled, nor give it away. 409: the externalId is taken.")
    @APIResponse(responseCode = "200", description = "The device as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public DeviceRepresentation update(@Parameter(description = "The device's id") @PathParam("id") String id,
                                       @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceInput.Body.class))) String body) {
        caller.requireWrite(ApiScope.DEVICE_UPDATE);
        DeviceModel device = require(id);
        DeviceInput input = Json.read(body, DeviceInput.Body.class).updating();
        if (input.externalIdGiven() && input.externalId() != null) {
            DeviceModel holder = devices.getDeviceByExternalId(caller.realm(), input.externalId());
            if (holder != null && !holder.getId().equals(device.getId())) {
                throw DeviceRegistry.duplicateExternalId();
            }
        }
        boolean byAdmin = caller.isAdministrator();
        if (!byAdmin && Boolean.TRUE.equals(input.enabled()) && device.isDisabledByAdmin()) {
            throw ApiError.forbidden("an administrator disabled this device; only an administrator can enable it");
        }
        String newOwner = caller.requestedOwner(input.ownerGiven(), input.owner(), device.getOwnerId());
        if (input.name() != null) {
            device.setName(input.name());
        }
        if (input.type() != null) {
            device.setType(input.type());
        }
        if (input.externalIdGiven()) {
            device.setExternalId(input.externalId());
        }
        if (input.attributesGiven()) {
            device.setAttributes(input.attributesJson());
        }
        if (input.enabled() != null) {
            devices.setEnabled(caller.realm(), device, input.enabled());
        }
        if (byAdmin && input.enabled() != null) {
            device.setDisabledByAdmin(!input.enabled());
        }
        devices.transfer(caller.realm(), device, newOwner);
        devices.flush();
        DeviceRepresentation rep = DeviceRepresentation.of(device);
        caller.audit(AUDIT_TYPE, OperationType.UPDATE, rep, "iot", "devices", device.getId());
        return rep;
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a device", description = "With its tokens, shares and ground memberships.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@Parameter(description = "The device's id") @PathParam("id") String id) {
        caller.requireWrite(ApiScope.DEVICE_DELETE);
        DeviceModel device = require(id);
        devices.removeDevice(caller.realm(), device);
        caller.audit(AUDIT_TYPE, OperationType.DELETE, null, "iot", "devices", id);
        return Response.noContent().build();
    }

    /** {@code /devices/{id}/tokens}: the device's tokens, for whoever reaches the device. */
    @Path("{id}/tokens")
    public TokenResource tokens(@Parameter(description = "The device's id") @PathParam("id") String id) {
        caller.requireRead(ApiScope.DEVICE_TOKENS);
        return new TokenResource(caller, TokenKind.DEVICE, require(id).getId(), "iot/devices/" + id + "/tokens");
    }

    /** {@code /devices/{id}/shares}: who the device is shared with. */
    @Path("{id}/shares")
    public ShareResource shares(@Parameter(description = "The device's id") @PathParam("id") String id) {
        caller.requireRead(ApiScope.SHARE_READ);
        // Realm-wide: a recipient allowed to re-share reaches the shares of a device they do not own.
        return ShareResource.of(caller, ShareModel.DEVICE, devices.getDevice(caller.realm(), id));
    }

    protected DeviceModel require(String id) {
        return caller.require(devices.getDevice(caller.realm(), id), "device");
    }

    private VisibleDevices visible() {
        return new VisibleDevices(caller.session(), caller.realm(), caller.userId());
    }

    /** The {@code relation} query parameter: absent = both; anything but {@code owned} or {@code shared} is a 400. */
    private static DeviceFilter.Relation relation(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (value) {
            case "owned" -> DeviceFilter.Relation.OWNED;
            case "shared" -> DeviceFilter.Relation.SHARED;
            default -> throw ApiError.badRequest("'relation' must be 'owned' or 'shared'");
        };
    }
}
