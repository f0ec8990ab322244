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
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * {@code /grounds}: named groups of devices, for the self-service API (the user's own grounds) and the
 * admin API (every ground of the realm). A device joins only a ground of its own owner.
 */
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
    public List<GroundRepresentation> list(@QueryParam("first") String first, @QueryParam("max") String max,
                                           @QueryParam("search") String search, @QueryParam("owner") String owner,
                                           @QueryParam("device") String device) {
        caller.requireRead(ApiScope.GROUND_READ);
        String ownerFilter = !caller.isAdministrator() ? caller.userId()
                : owner == null ? null : Owners.resolve(caller.session(), caller.realm(), owner);
        return grounds.searchGrounds(caller.realm(), ownerFilter, search, device, Page.of(first, max)).stream().map(GroundRepresentation::of).toList();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
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
    public GroundRepresentation get(@PathParam("id") String id) {
        caller.requireRead(ApiScope.GROUND_READ);
        return GroundRepresentation.of(require(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public GroundRepresentation update(@PathParam("id") String id, String body) {
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
    public Response delete(@PathParam("id") String id) {
        caller.requireWrite(ApiScope.GROUND_DELETE);
        grounds.removeGround(caller.realm(), require(id));
        caller.audit(AUDIT_TYPE, OperationType.DELETE, null, "iot", "grounds", id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/devices")
    @Produces(MediaType.APPLICATION_JSON)
    public List<DeviceRepresentation> devices(@PathParam("id") String id, @QueryParam("first") String first,
                                              @QueryParam("max") String max) {
        caller.requireRead(ApiScope.GROUND_READ);
        GroundModel ground = require(id);
        return devices.searchDevices(caller.realm(), DeviceFilter.ofGround(ground.getId()), Page.of(first, max)).stream().map(DeviceRepresentation::of).toList();
    }

    /** Idempotent: putting a member in again answers 204 too. */
    @PUT
    @Path("{id}/devices/{deviceId}")
    public Response addDevice(@PathParam("id") String id, @PathParam("deviceId") String deviceId) {
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
    public Response removeDevice(@PathParam("id") String id, @PathParam("deviceId") String deviceId) {
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
    public TokenResource tokens(@PathParam("id") String id) {
        caller.requireRead(ApiScope.GROUND_TOKENS);
        return new TokenResource(caller, TokenKind.GROUND, require(id).getId(), "iot/grounds/" + id + "/tokens");
    }

    /** {@code /grounds/{id}/shares}: a ground share reaches every device in the ground, now and later. */
    @Path("{id}/shares")
    public ShareResource shares(@PathParam("id") String id) {
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
