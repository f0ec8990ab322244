package io.keycloakiot.device;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.authz.Caller;
import io.keycloakiot.model.DeviceModel;
import io.keycloakiot.model.DeviceProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.services.ErrorResponseException;

/**
 * The one way a device comes into being: {@code POST /devices}, onboarding and the admin's bulk import all create
 * through {@link #create}, so the three cannot drift apart.
 */
public final class DeviceRegistry {

    public static final String AUDIT_TYPE = "IOT_DEVICE";

    private final Caller caller;
    private final DeviceProvider devices;

    public DeviceRegistry(Caller caller) {
        this.caller = caller;
        this.devices = caller.session().getProvider(DeviceProvider.class);
    }

    /** A new device and, for a fleet device, its claim secret, to be shown once. */
    public record Registered(DeviceModel device, String claimSecret) {
    }

    /**
     * Registers one device: 409 when another device of the realm has its externalId, and recorded in the audit trail.
     * One an administrator creates disabled is disabled by an administrator.
     */
    public Registered register(DeviceInput input, String ownerId) {
        requireClaimSecretFits(ownerId, input.claimSecretExpiresAt());
        if (input.externalId() != null && devices.getDeviceByExternalId(caller.realm(), input.externalId()) != null) {
            throw duplicateExternalId();
        }
        Registered registered = create(input, ownerId);
        devices.flush();
        caller.audit(AUDIT_TYPE, OperationType.CREATE, DeviceRepresentation.of(registered.device()), "iot", "devices",
                registered.device().getId());
        return registered;
    }

    /**
     * Creates a device whose input and owner were checked ({@link #requireClaimSecretFits}); the caller flushes, and
     * audits (an import records one summary).
     */
    Registered create(DeviceInput input, String ownerId) {
        DeviceModel device = devices.addDevice(caller.realm(), ownerId, input.name(), input.type());
        device.setExternalId(input.externalId());
        device.setAttributes(input.attributesJson());
        boolean enabled = input.enabled() == null || input.enabled();
        devices.setEnabled(caller.realm(), device, enabled);
        device.setDisabledByAdmin(caller.isAdministrator() && !enabled);
        return new Registered(device, ownerId == null ? ClaimSecret.issue(device, input.claimSecretExpiresAt()) : null);
    }

    /** A claim secret's expiry applies to a fleet device (no owner) only. */
    static void requireClaimSecretFits(String ownerId, Long claimSecretExpiresAt) {
        if (ownerId != null && claimSecretExpiresAt != null) {
            throw ApiError.badRequest("'claimSecretExpiresAt' applies to a fleet device (no owner) only");
        }
    }

    public static ErrorResponseException duplicateExternalId() {
        return ApiError.conflict(DeviceProvider.DUPLICATE_EXTERNAL_ID);
    }
}
