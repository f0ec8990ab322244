package io.keycloakiot.onboarding;

import java.util.Map;

import io.keycloakiot.common.Given;
import io.keycloakiot.common.TextRules;
import io.keycloakiot.device.DeviceInput;

/**
 * The body of an onboarding: the device's own fields (no owner, who is the caller, and no claim expiry), the name
 * of its token ({@code onboarding} when left out) and the claim secret of the fleet device it claims.
 */
record OnboardingRequest(Given<String> name, Given<String> type, Given<String> externalId,
                         Given<Map<String, String>> attributes, Given<Boolean> enabled, String tokenName,
                         String claimSecret) implements DeviceInput.ReadOnlyFields {

    OnboardingRequest {
        tokenName = tokenName == null ? "onboarding" : TextRules.name("tokenName", tokenName, TextRules.NAME_MAX);
    }

    /** The device's fields, as a new device's or, for a device found by its externalId, as an update's. */
    DeviceInput device(boolean creating) {
        return DeviceInput.of(name, type, externalId, attributes, enabled, Given.absent(), null, creating);
    }
}
