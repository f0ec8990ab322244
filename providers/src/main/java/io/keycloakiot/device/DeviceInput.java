package io.keycloakiot.device;

import java.util.Map;
import java.util.Set;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Expiry;
import io.keycloakiot.common.JsonInput;
import io.keycloakiot.common.TextRules;

/**
 * A validated device create or update request. On update, a field that is absent stays as it is; an
 * explicit null clears {@code externalId} and {@code attributes} (Keycloak's own PUT semantics).
 */
public record DeviceInput(String name, String type, boolean externalIdGiven, String externalId, boolean attributesGiven,
                   String attributesJson, Boolean enabled, boolean ownerGiven, String owner, Long claimSecretExpiresAt) {

    /**
     * {@code id}, {@code createdTimestamp}, the sharing and claim facts of a listed device are read-only: accepted so a
     * fetched device can be sent back. {@code claimSecretExpiresAt} is read on create only (a fleet device's).
     */
    public static final Set<String> FIELDS = Set.of("name", "type", "externalId", "attributes", "enabled", "owner",
            "claimSecretExpiresAt", "id", "createdTimestamp", "sharedWithMe", "ownerName", "sharedActions",
            "disabledByAdmin", "claimable");

    public static DeviceInput read(JsonInput in, boolean creating) {
        String name = in.optionalText("name");
        String type = in.optionalText("type");
        if (creating && name == null) {
            throw ApiError.badRequest("'name' is required");
        }
        if (creating && type == null) {
            throw ApiError.badRequest("'type' is required");
        }
        if (!creating && (in.isNull("name") || in.isNull("type") || in.isNull("enabled"))) {
            throw ApiError.badRequest("'name', 'type' and 'enabled' cannot be null");
        }
        String externalId = in.optionalText("externalId");
        Map<String, String> attributes = in.optionalStringMap("attributes");
        return new DeviceInput(
                name == null ? null : TextRules.name("name", name, TextRules.NAME_MAX),
                type == null ? null : TextRules.identifier("type", type, TextRules.TYPE_MAX),
                in.has("externalId"),
                externalId == null ? null : TextRules.identifier("externalId", externalId, TextRules.IDENTIFIER_MAX),
                in.has("attributes"),
                DeviceAttributes.write(attributes),
                in.optionalBoolean("enabled"),
                in.has("owner"),
                in.optionalText("owner"),
                creating ? Expiry.parse("claimSecretExpiresAt", in.get("claimSecretExpiresAt")) : null);
    }
}
