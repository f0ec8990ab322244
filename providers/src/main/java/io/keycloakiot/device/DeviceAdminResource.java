package io.keycloakiot.device;

import io.keycloakiot.model.DeviceModel;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.authz.Caller;
import io.keycloakiot.common.Json;
import io.keycloakiot.common.Owners;
import io.keycloakiot.token.TokenResource;
import org.keycloak.events.admin.OperationType;

/** The admin's {@code /devices}: everything of {@link DeviceResource} over the whole realm, plus fleet operations. */
public class DeviceAdminResource extends DeviceResource {

    public DeviceAdminResource(Caller caller) {
        super(caller);
    }

    /** Moves a device to another user, or to the realm's fleet with {@code {"owner": null}}. */
    @PUT
    @Path("{id}/owner")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public DeviceRepresentation transfer(@PathParam("id") String id, String body) {
        caller.requireWrite();
        DeviceModel device = require(id);
        OwnerTransfer in = Json.read(body, OwnerTransfer.class);
        devices.transfer(caller.realm(), device, Owners.resolve(caller.session(), caller.realm(), in.owner().value()));
        DeviceRepresentation rep = DeviceRepresentation.of(device);
        caller.audit(AUDIT_TYPE, OperationType.UPDATE, rep, "iot", "devices", id, "owner");
        return rep;
    }

    @POST
    @Path("import")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importDevices(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        caller.requireWrite();
        DeviceImporter.Report report = new DeviceImporter(caller)
                .importRows(DeviceImporter.rows(contentType, body));
        caller.audit(AUDIT_TYPE, OperationType.CREATE, new ImportSummary(report.created(), report.failed()),
                "iot", "devices", "import");
        // The fleet rows carry their claim secrets.
        return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).cacheControl(TokenResource.noStore()).build();
    }

    /**
     * Gives a fleet device a new one-time claim secret, shown in this answer only; the one before stops working, and
     * a lock-out after failed claims ends. Body (optional): {@code {"claimSecretExpiresAt": ...}}.
     */
    @POST
    @Path("{id}/claim-secret")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issueClaimSecret(@PathParam("id") String id, String body) {
        caller.requireWrite();
        DeviceModel device = require(id);
        Long expiresAt = body == null || body.isBlank() ? null
                : Json.read(body, ClaimSecretRequest.class).claimSecretExpiresAt();
        devices.lockForClaim(device);
        if (device.getOwnerId() != null) {
            throw ApiError.conflict("only a fleet device (no owner) is claimed with a claim secret");
        }
        String secret = ClaimSecret.issue(device, expiresAt);
        DeviceRepresentation rep = DeviceRepresentation.of(device);
        caller.audit(AUDIT_TYPE, OperationType.UPDATE, rep, "iot", "devices", id, "claim-secret");
        return Response.ok(rep.withClaimSecret(secret), MediaType.APPLICATION_JSON_TYPE).cacheControl(TokenResource.noStore()).build();
    }

    /** What the audit trail keeps of an import: the counts, not every row. */
    record ImportSummary(int created, int failed) {
    }
}
