package io.keycloakiot.onboarding;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Caller;
import io.keycloakiot.common.JsonInput;
import io.keycloakiot.common.TextRules;
import io.keycloakiot.device.DeviceInput;
import io.keycloakiot.device.DeviceRepresentation;
import io.keycloakiot.device.DeviceResource;
import io.keycloakiot.device.DeviceStore;
import io.keycloakiot.device.IotDeviceEntity;
import io.keycloakiot.token.TokenKind;
import io.keycloakiot.token.TokenResource;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.OAuth2DeviceConfig;

/**
 * {@code POST /realms/{realm}/iot/onboarding}: a device that completed the stock OAuth 2.0 Device Authorization
 * Grant (RFC 8628), approved in a browser by its owner, registers itself (or claims the fleet device
 * pre-provisioned with its {@code externalId}) and receives its device token, in one call. The bearer token
 * must come from a client with the device grant enabled, such as {@code iot-device-onboarding}.
 */
public class OnboardingResource {

    private static final Set<String> FIELDS;

    static {
        Set<String> fields = new HashSet<>(DeviceInput.FIELDS);
        fields.remove("owner");
        fields.add("tokenName");
        FIELDS = Set.copyOf(fields);
    }

    private final Caller caller;
    private final ClientModel client;

    public OnboardingResource(Caller caller, ClientModel client) {
        this.caller = caller;
        this.client = client;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response onboard(String body) {
        if (client == null || !Boolean.parseBoolean(client.getAttribute(OAuth2DeviceConfig.OAUTH2_DEVICE_AUTHORIZATION_GRANT_ENABLED))) {
            throw ApiError.forbidden("onboarding takes an access token from a client with the device authorization grant");
        }
        JsonInput in = JsonInput.parse(body, FIELDS);
        String tokenName = in.optionalText("tokenName");
        tokenName = tokenName == null ? "onboarding" : TextRules.name("tokenName", tokenName, TextRules.NAME_MAX);
        DeviceStore store = new DeviceStore(caller.session(), caller.realm());
        String owner = caller.ownerScope();

        IotDeviceEntity claimed = null;
        String externalId = in.optionalText("externalId");
        if (externalId != null) {
            claimed = store.findByExternalId(TextRules.identifier("externalId", externalId, TextRules.IDENTIFIER_MAX));
        }
        IotDeviceEntity device;
        if (claimed == null) {
            device = DeviceResource.newDevice(DeviceInput.read(in, true), owner);
            store.persist(device);
            caller.audit(DeviceResource.AUDIT_TYPE, OperationType.CREATE, DeviceRepresentation.of(device), "iot", "devices", device.getId());
        } else if (claimed.getOwnerId() == null || claimed.getOwnerId().equals(owner)) {
            // A pre-provisioned fleet device is claimed by the approving user; their own device is re-onboarded.
            device = claimed;
            DeviceInput input = DeviceInput.read(in, false);
            if (input.name() != null) {
                device.setName(input.name());
            }
            if (input.type() != null) {
                device.setType(input.type());
            }
            store.transfer(device, owner);
            caller.audit(DeviceResource.AUDIT_TYPE, OperationType.UPDATE, DeviceRepresentation.of(device), "iot", "devices", device.getId(), "onboarding");
        } else {
            throw DeviceResource.duplicateExternalId();
        }
        TokenResource.Issued issued = new TokenResource(caller, TokenKind.DEVICE, device.getId(),
                "iot/devices/" + device.getId() + "/tokens").issue(tokenName, null, true, null);

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("device", DeviceRepresentation.of(device));
        answer.put("token", issued.representation());
        return Response.fromResponse(caller.created(device.getId(), answer)).cacheControl(TokenResource.noStore()).build();
    }
}
