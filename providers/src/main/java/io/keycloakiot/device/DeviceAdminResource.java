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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.keycloak.events.admin.OperationType;

/** The admin's {@code /devices}: everything of {@link DeviceResource} over the whole realm, plus fleet operations. */
@Tag(name = "Devices")
public class DeviceAdminResource extends DeviceResource {

    public DeviceAdminResource(Caller caller) {
        super(caller);
    }

    /** Moves a device to another user, or to the realm's fleet with {@code {"owner": null}}. */
    @PUT
    @Path("{id}/owner")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a device to another owner", description = "To a user (id or username), or to the realm's fleet"
            + " with `{\"owner\": null}`. The device leaves its former owner's grounds, shares and tokens.")
    @APIResponse(responseCode = "200", description = "The device as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public DeviceRepresentation transfer(@Parameter(description = "The device's id") @PathParam("id") String id,
                                         @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OwnerTransfer.class))) String body) {
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
    @Operation(summary = "Import devices in bulk", description = "A JSON array of device creations (or `{\"devices\": [...]}`),"
            + " or CSV with a header line (columns name, type, externalId, owner, enabled, claimSecretExpiresAt,"
            + " attributes.<key>). Each row is checked on its own: the valid ones are created, the others reported."
            + " 409: an externalId appears twice in the import.")
    @APIResponse(responseCode = "200", description = "What became of each row; created fleet devices carry their claim secrets",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceImporter.Report.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", description = "More rows than one import takes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Error")))
    public Response importDevices(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                  @RequestBody(content = {
                                          @Content(mediaType = MediaType.APPLICATION_JSON,
                                                  schema = @Schema(type = SchemaType.ARRAY, implementation = DeviceInput.Body.class)),
                                          @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
                                  String body) {
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
    @Operation(summary = "Give a fleet device a new claim secret", description = "The one before stops working and a lock-out"
            + " after failed claims ends. Optional body `{\"claimSecretExpiresAt\": ...}`. 409: the device has an owner.")
    @APIResponse(responseCode = "200", description = "The device with its new claim secret, shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DeviceWithClaimSecret")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response issueClaimSecret(@Parameter(description = "The device's id") @PathParam("id") String id,
                                     @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimSecretRequest.class))) String body) {
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
