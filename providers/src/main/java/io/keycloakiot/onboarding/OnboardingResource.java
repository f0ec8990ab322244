package io.keycloakiot.onboarding;

import io.keycloakiot.model.DeviceModel;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.authz.Caller;
import io.keycloakiot.common.Json;
import io.keycloakiot.common.TextRules;
import io.keycloakiot.device.ClaimSecret;
import io.keycloakiot.device.DeviceInput;
import io.keycloakiot.device.DeviceRepresentation;
import io.keycloakiot.device.DeviceRegistry;
import io.keycloakiot.model.DeviceProvider;
import io.keycloakiot.model.TokenKind;
import io.keycloakiot.token.TokenResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;

/**
 * {@code POST /realms/{realm}/iot/onboarding}: a device that completed the stock OAuth 2.0 Device Authorization
 * Grant (RFC 8628), approved in a browser by its owner, registers itself and receives its device token, in one call.
 * It claims the fleet device pre-provisioned with its {@code externalId} only with that device's one-time
 * {@code claimSecret} (proof of possession); its owner's own device is re-onboarded without one. The bearer token
 * must come from a client with the device grant enabled, such as {@code iot-device-onboarding}.
 */
@Tag(name = "Onboarding")
public class OnboardingResource {

    static final String CLAIM_REFUSED = "the fleet device with this externalId is claimed only with its claim secret;"
            + " it is missing, wrong, used or expired";

    private final Caller caller;

    /** The caller has been shown to hold a token of a device-grant client issued for creating devices. */
    public OnboardingResource(Caller caller) {
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a device and issue its token", description = "With the access token the device got through"
            + " the OAuth 2.0 Device Authorization Grant (a client with the grant enabled). `{name, type, externalId?,"
            + " attributes?, enabled?, tokenName?, claimSecret?}`: a fleet device with this `externalId` is claimed only with"
            + " its claim secret (403 otherwise); the owner's own device is onboarded again. 409: another user's device has"
            + " the externalId; 429: too many failed claims of the device, see `Retry-After`.")
    @APIResponse(responseCode = "201", description = "The device and its new device token, shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Onboarded")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "429", description = "Too many failed claims of this device",
            headers = @Header(name = "Retry-After", description = "Seconds until a claim is taken again",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Error")))
    public Response onboard(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OnboardingRequest.class))) String body) {
        OnboardingRequest in = Json.read(body, OnboardingRequest.class);
        String tokenName = in.tokenName();
        String claimSecret = in.claimSecret();
        DeviceProvider devices = caller.session().getProvider(DeviceProvider.class);
        String owner = caller.userId();

        DeviceModel found = null;
        String externalId = in.externalId().value();
        if (externalId != null) {
            found = devices.getDeviceByExternalId(caller.realm(), TextRules.identifier("externalId", externalId, TextRules.IDENTIFIER_MAX));
        } else if (claimSecret != null) {
            throw ApiError.invalidField("claimSecret", "goes with the 'externalId' of the fleet device it claims");
        }
        DeviceInput input = in.device(found == null);
        DeviceModel device;
        if (found == null) {
            if (claimSecret != null) {
                // Meant to claim: a fresh device in place of the expected one would hide the mistake.
                throw ApiError.forbidden(CLAIM_REFUSED);
            }
            device = new DeviceRegistry(caller).register(input, owner).device();
        } else if (owner.equals(found.getOwnerId())) {
            device = found;
            rename(device, input);
            caller.audit(DeviceRegistry.AUDIT_TYPE, OperationType.UPDATE, DeviceRepresentation.of(device), "iot", "devices", device.getId(), "onboarding");
        } else if (found.getOwnerId() != null) {
            throw DeviceRegistry.duplicateExternalId();
        } else {
            devices.lockForClaim(found);
            Response refusal = refusedClaim(found, claimSecret);
            if (refusal != null) {
                return refusal;
            }
            device = found;
            rename(device, input);
            // The claim uses the secret up (the transfer clears it); an administrator's disabling stays.
            devices.transfer(caller.realm(), device, owner);
            caller.audit(DeviceRegistry.AUDIT_TYPE, OperationType.UPDATE, DeviceRepresentation.of(device), "iot", "devices", device.getId(), "onboarding");
        }
        TokenResource.Issued issued = new TokenResource(caller, TokenKind.DEVICE, device.getId(),
                "iot/devices/" + device.getId() + "/tokens").issue(tokenName, null, true, null);

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("device", DeviceRepresentation.of(device));
        answer.put("token", issued.representation());
        return Response.fromResponse(caller.created(device.getId(), answer)).cacheControl(TokenResource.noStore()).build();
    }

    private static void rename(DeviceModel device, DeviceInput input) {
        if (input.name() != null) {
            device.setName(input.name());
        }
        if (input.type() != null) {
            device.setType(input.type());
        }
    }

    /**
     * Null when the secret claims the (locked) fleet device; otherwise the refusal, counted and audited. It is
     * returned, not thrown, so that the count and the event commit; nothing else has changed at this point.
     */
    private Response refusedClaim(DeviceModel device, String claimSecret) {
        long now = Time.currentTimeMillis();
        String[] path = {"iot", "devices", device.getId(), "onboarding"};
        if (ClaimSecret.lockedOut(device, now)) {
            caller.auditError(DeviceRegistry.AUDIT_TYPE, OperationType.ACTION, DeviceRepresentation.of(device), "claim_locked", path);
            long retryAfter = Math.max(1, (device.getClaimFailedAt() + ClaimSecret.LOCKOUT_MILLIS - now + 999) / 1000);
            return Response.fromResponse(ApiError.committedRefusal(Response.Status.TOO_MANY_REQUESTS, "too_many_requests",
                    "too many failed claims of this device; try again later")).header("Retry-After", retryAfter).build();
        }
        if (ClaimSecret.matches(device, claimSecret, now)) {
            return null;
        }
        ClaimSecret.recordFailure(device, now);
        caller.auditError(DeviceRegistry.AUDIT_TYPE, OperationType.ACTION, DeviceRepresentation.of(device), "claim_refused", path);
        return ApiError.committedRefusal(Response.Status.FORBIDDEN, "forbidden", CLAIM_REFUSED);
    }
}
