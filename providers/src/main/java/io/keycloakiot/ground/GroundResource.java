package io.keycloakiot.ground;

import io.keycloakiot.model.DeviceModel;
import io.keycloakiot.model.GroundModel;
import java.util.List;
import java.util.Objects;

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
import io.keycloakiot.device.DeviceRepresentation;
import io.keycloakiot.model.DeviceFilter;
import io.keycloakiot.model.DeviceProvider;
import io.keycloakiot.model.GroundProvider;
import io.keycloakiot.model.ShareModel;
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

/**
 * {@code /grounds}: named groups of devices, for the self-service API (the user's own grounds) and the
 * admin API (every ground of the realm). A device joins only a ground of its own owner.
 */
@Tag(name = "Grounds")
public class GroundResource {

    public static final String AUDIT_TYPE = "IOT_GROUND";

    private final Caller caller;
    private final GroundProvider grounds;
    private final DeviceProvider devices;

    public GroundResource(Caller caller) {
        this.caller = caller;
        this.grounds = caller.session().getProvider(GroundProvider.class);
        this.devices = caller.session().getProvider(DeviceProvider.class);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List grounds", description = "A user's own grounds; an administrator's list is the realm's grounds.")
    @APIResponse(responseCode = "200", description = "A page of grounds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = GroundRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public List<GroundRepresentation> list(@Parameter(ref = "first") @QueryParam("first") String first,
                                           @Parameter(ref = "max") @QueryParam("max") String max,
                                           @Parameter(description = "Part of the name, ignoring case") @QueryParam("search") String search,
                                           @Parameter(description = "Only grounds of this user (id or username; admin API)")
                                           @QueryParam("owner") String owner,
                                           @Parameter(description = "Only grounds this device (its id) is in") @QueryParam("device") String device) {
        caller.requireRead(ApiScope.GROUND_READ);
        String ownerFilter = !caller.isAdministrator() ? caller.userId()
                : owner == null ? null : Owners.resolve(caller.session(), caller.realm(), owner);
        return grounds.searchGrounds(caller.realm(), ownerFilter, search, device, Page.of(first, max)).stream().map(GroundRepresentation::of).toList();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a ground", description = "A user's ground is theirs; an administrator names any owner, or none.")
    @APIResponse(responseCode = "201", description = "The new ground; its URL in `Location`",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroundRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroundInput.Body.class))) String body) {
        caller.requireWrite(ApiScope.GROUND_CREATE);
        GroundInput input = Json.read(body, GroundInput.Body.class).creating();
        GroundModel ground = grounds.addGround(caller.realm(), caller.requestedOwner(input.ownerGiven(), input.owner(), null),
                input.name(), input.description());
        GroundRepresentation rep = GroundRepresentation.of(ground);
        caller.audit(AUDIT_TYPE, OperationType.CREATE, rep, "iot", "grounds", ground.getId());
        return caller.created(ground.getId(), rep);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a ground")
    @APIResponse(responseCode = "200", description = "The ground",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroundRepresentation.class)))
    public GroundRepresentation get(@Parameter(description = "The ground's id") @PathParam("id") String id) {
        caller.requireRead(ApiScope.GROUND_READ);
        return GroundRepresentation.of(require(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a ground", description = "Changes the fields given; only an administrator changes the owner.")
    @APIResponse(responseCode = "200", description = "The ground as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroundRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public GroundRepresentation update(@Parameter(description = "The ground's id") @PathParam("id") String id,
                                       @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroundInput.Body.class))) String body) {
        caller.requireWrite(ApiScope.GROUND_UPDATE);
        GroundModel ground = require(id);
        GroundInput input = Json.read(body, GroundInput.Body.class).updating();
        String newOwner = caller.requestedOwner(input.ownerGiven(), input.owner(), ground.getOwnerId());
        if (input.name() != null) {
            ground.setName(input.name());
        }
        if (input.descriptionGiven()) {
            ground.setDescription(input.description());
        }
        grounds.transfer(caller.realm(), ground, newOwner);
        GroundRepresentation rep = GroundRepresentation.of(ground);
        caller.audit(AUDIT_TYPE, OperationType.UPDATE, rep, "iot", "grounds", id);
        return rep;
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a ground", description = "Its devices stay; its tokens and shares end.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@Parameter(description = "The ground's id") @PathParam("id") String id) {
        caller.requireWrite(ApiScope.GROUND_DELETE);
        grounds.removeGround(caller.realm(), require(id));
        caller.audit(AUDIT_TYPE, OperationType.DELETE, null, "iot", "grounds", id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/devices")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List a ground's devices")
    @APIResponse(responseCode = "200", description = "A page of the ground's devices",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DeviceRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public List<DeviceRepresentation> devices(@Parameter(description = "The ground's id") @PathParam("id") String id,
                                              @Parameter(ref = "first") @QueryParam("first") String first,
                                              @Parameter(ref = "max") @QueryParam("max") String max) {
        caller.requireRead(ApiScope.GROUND_READ);
        GroundModel ground = require(id);
        return devices.searchDevices(caller.realm(), DeviceFilter.ofGround(ground.getId()), Page.of(first, max)).stream().map(DeviceRepresentation::of).toList();
    }

    /** Idempotent: putting a member in again answers 204 too. */
    @PUT
    @Path("{id}/devices/{deviceId}")
    @Operation(summary = "Put a device in a ground", description = "Idempotent. 409: the device has another owner than the ground.")
    @APIResponse(responseCode = "204", description = "The device is in the ground")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response addDevice(@Parameter(description = "The ground's id") @PathParam("id") String id,
                              @Parameter(description = "The device's id") @PathParam("deviceId") String deviceId) {
        caller.requireWrite(ApiScope.GROUND_DEVICES);
        GroundModel ground = require(id);
        DeviceModel device = requireDevice(deviceId);
        if (!Objects.equals(ground.getOwnerId(), device.getOwnerId())) {
            throw ApiError.conflict("a device can only join a ground of the same owner");
        }
        if (grounds.addMember(ground, device)) {
            caller.audit(AUDIT_TYPE, OperationType.CREATE, null, "iot", "grounds", id, "devices", deviceId);
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/devices/{deviceId}")
    @Operation(summary = "Take a device out of a ground", description = "404 also when the device is not in the ground.")
    @APIResponse(responseCode = "204", description = "The device is out of the ground")
    public Response removeDevice(@Parameter(description = "The ground's id") @PathParam("id") String id,
                                 @Parameter(description = "The device's id") @PathParam("deviceId") String deviceId) {
        caller.requireWrite(ApiScope.GROUND_DEVICES);
        GroundModel ground = require(id);
        DeviceModel device = requireDevice(deviceId);
        if (!grounds.removeMember(ground, device)) {
            throw ApiError.notFound("device in this ground");
        }
        caller.audit(AUDIT_TYPE, OperationType.DELETE, null, "iot", "grounds", id, "devices", deviceId);
        return Response.noContent().build();
    }

    /** {@code /grounds/{id}/tokens}: ground tokens reach every device in the ground at the moment of use. */
    @Path("{id}/tokens")
    public TokenResource tokens(@Parameter(description = "The ground's id") @PathParam("id") String id) {
        caller.requireRead(ApiScope.GROUND_TOKENS);
        return new TokenResource(caller, TokenKind.GROUND, require(id).getId(), "iot/grounds/" + id + "/tokens");
    }

    /** {@code /grounds/{id}/shares}: a ground share reaches every device in the ground, now and later. */
    @Path("{id}/shares")
    public ShareResource shares(@Parameter(description = "The ground's id") @PathParam("id") String id) {
        caller.requireRead(ApiScope.SHARE_READ);
        // Realm-wide: a recipient allowed to re-share reaches the shares of a ground they do not own.
        return ShareResource.of(caller, ShareModel.GROUND, grounds.getGround(caller.realm(), id));
    }

    private GroundModel require(String id) {
        return caller.require(grounds.getGround(caller.realm(), id), "ground");
    }

    private DeviceModel requireDevice(String id) {
        return caller.require(devices.getDevice(caller.realm(), id), "device");
    }
}
