package io.keycloakiot.device;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Expiry;
import io.keycloakiot.common.Given;
import io.keycloakiot.common.TextRules;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A validated device create or update request. On update, a field that is absent stays as it is; an
 * explicit null clears {@code externalId} and {@code attributes} (Keycloak's own PUT semantics).
 */
public record DeviceInput(String name, String type, boolean externalIdGiven, String externalId, boolean attributesGiven,
                   String attributesJson, Boolean enabled, boolean ownerGiven, String owner, Long claimSecretExpiresAt) {

    /**
     * {@code id}, {@code createdTimestamp}, the sharing and claim facts of a listed device are read-only: accepted
     * (with any value) and ignored, so a fetched device can be sent back.
     */
    @JsonIgnoreProperties({"id", "createdTimestamp", "sharedWithMe", "ownerName", "sharedActions", "disabledByAdmin",
            "claimable"})
    public interface ReadOnlyFields {
    }

    /** The body of a device create or update; {@code claimSecretExpiresAt} counts on create only (a fleet device's). */
    @Schema(name = "DeviceInput", description = "A device create (`name` and `type` required) or update (a field left out"
            + " stays as it is; `externalId`, `attributes` and `owner` given as null are cleared). A device's read-only fields"
            + " (`id`, `createdTimestamp`, `sharedWithMe`, ...) are taken and ignored, so a device read can be sent back.")
    public record Body(@Schema(implementation = String.class) Given<String> name,
                       @Schema(implementation = String.class) Given<String> type,
                       @Schema(implementation = String.class, nullable = true,
                               description = "unique in the realm, ignoring case") Given<String> externalId,
                       @Schema(implementation = Map.class, additionalProperties = String.class, nullable = true)
                       Given<Map<String, String>> attributes,
                       @Schema(implementation = Boolean.class) Given<Boolean> enabled,
                       @Schema(implementation = String.class, nullable = true, description = "A user id or username, or null for"
                               + " the realm's fleet: the admin API's; a user may only name themselves") Given<String> owner,
                       @Schema(ref = "Expiry", description = "a fleet device's claim secret expiry, on create")
                       @JsonDeserialize(using = Expiry.Reader.class) Long claimSecretExpiresAt) implements ReadOnlyFields {

        public DeviceInput creating() {
            return of(name, type, externalId, attributes, enabled, owner, claimSecretExpiresAt, true);
        }

        public DeviceInput updating() {
            return of(name, type, externalId, attributes, enabled, owner, null, false);
        }
    }

    /** The request's rules: a new device needs a name and a type; an update cannot clear them or {@code enabled}. */
    public static DeviceInput of(Given<String> name, Given<String> type, Given<String> externalId,
                                 Given<Map<String, String>> attributes, Given<Boolean> enabled, Given<String> owner,
                                 Long claimSecretExpiresAt, boolean creating) {
        if (creating && name.value() == null) {
            throw ApiError.invalidField("name", "is required");
        }
        if (creating && type.value() == null) {
            throw ApiError.invalidField("type", "is required");
        }
        if (!creating) {
            cannotBeNull("name", name);
            cannotBeNull("type", type);
            cannotBeNull("enabled", enabled);
        }
        return new DeviceInput(
                name.value() == null ? null : TextRules.name("name", name.value(), TextRules.NAME_MAX),
                type.value() == null ? null : TextRules.identifier("type", type.value(), TextRules.TYPE_MAX),
                externalId.present(),
                externalId.value() == null ? null : TextRules.identifier("externalId", externalId.value(), TextRules.IDENTIFIER_MAX),
                attributes.present(),
                DeviceAttributes.write(attributes.value()),
                enabled.value(),
                owner.present(),
                owner.value(),
                Expiry.future("claimSecretExpiresAt", claimSecretExpiresAt));
    }

    private static void cannotBeNull(String field, Given<?> given) {
        if (given.isNull()) {
            throw ApiError.invalidField(field, "cannot be null");
        }
    }
}
