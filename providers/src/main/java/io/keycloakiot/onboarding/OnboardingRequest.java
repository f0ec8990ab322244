package io.keycloakiot.onboarding;

import java.util.Map;

import io.keycloakiot.common.Given;
import io.keycloakiot.common.TextRules;
import io.keycloakiot.device.DeviceInput;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of an onboarding: the device's own fields (no owner, who is the caller, and no claim expiry), the name
 * of its token ({@code onboarding} when left out) and the claim secret of the fleet device it claims.
 */
@Schema(name = "OnboardingRequest", description = "A new device's `name` and `type` are required; a device found by its"
        + " `externalId` keeps what is left out.")
record OnboardingRequest(@Schema(implementation = String.class) Given<String> name,
                         @Schema(implementation = String.class) Given<String> type,
                         @Schema(implementation = String.class, nullable = true) Given<String> externalId,
                         @Schema(implementation = Map.class, additionalProperties = String.class, nullable = true)
                         Given<Map<String, String>> attributes,
                         @Schema(implementation = Boolean.class) Given<Boolean> enabled,
                         @Schema(description = "the device token's name, `onboarding` when left out") String tokenName,
                         @Schema(description = "the one-time claim secret of the fleet device with this externalId") String claimSecret)
        implements DeviceInput.ReadOnlyFields {

    OnboardingRequest {
        tokenName = tokenName == null ? "onboarding" : TextRules.name("tokenName", tokenName, TextRules.NAME_MAX);
    }

    /** The device's fields, as a new device's or, for a device found by its externalId, as an update's. */
    DeviceInput device(boolean creating) {
        return DeviceInput.of(name, type, externalId, attributes, enabled, Given.absent(), null, creating);
    }
}
