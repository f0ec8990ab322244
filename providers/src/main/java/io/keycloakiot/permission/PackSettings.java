package io.keycloakiot.permission;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.JsonInput;
import org.keycloak.models.RealmModel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The realm's policies for access-token profiles, kept in realm attributes (so a realm import sets them and
 * Keycloak's realm cache keeps every node current).
 *
 * @param profileTokenMaxLifetimeSeconds profile tokens must expire within this many seconds of their creation;
 *                                       null = they may live until revoked
 * @param selfGrantTypes                 the resource types users may put in their own profile tokens; null = every
 *                                       type that is not admin-only
 * @param invitationLinkLifetimeSeconds  how long the link of an invitation mail can be used (a share's own expiry
 *                                       ends it sooner)
 * @param invitationsPendingMax          how many invitations one owner may have pending at a time
 * @param invitationsPerHour             how many invitation mails one user may cause within an hour
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Settings", description = "The realm's policies for access-token profiles and invitations. Null"
        + " `profileTokenMaxLifetimeSeconds`: profiles may live until revoked; null `selfGrantTypes`: users may grant"
        + " themselves every type that is not admin-only.")
public record PackSettings(@Schema(required = true, nullable = true) Long profileTokenMaxLifetimeSeconds,
                           @Schema(required = true, nullable = true) List<String> selfGrantTypes,
                           @Schema(required = true) long invitationLinkLifetimeSeconds,
                           @Schema(required = true) long invitationsPendingMax,
                           @Schema(required = true) long invitationsPerHour) {

    public static final String MAX_LIFETIME_ATTRIBUTE = "iot.profile-token.max-lifetime-seconds";
    public static final String SELF_GRANT_ATTRIBUTE = "iot.profile-token.self-grant-types";
    public static final String LINK_LIFETIME_ATTRIBUTE = "iot.invitation.link-lifetime-seconds";
    public static final String PENDING_MAX_ATTRIBUTE = "iot.invitation.pending-max";
    public static final String PER_HOUR_ATTRIBUTE = "iot.invitation.per-hour";
    static final long DEFAULT_LINK_LIFETIME_SECONDS = 7 * 86400;
    static final long DEFAULT_PENDING_MAX = 50;
    static final long DEFAULT_PER_HOUR = 20;
    static final Set<String> FIELDS = Set.of("profileTokenMaxLifetimeSeconds", "selfGrantTypes",
            "invitationLinkLifetimeSeconds", "invitationsPendingMax", "invitationsPerHour");

    public static PackSettings of(RealmModel realm) {
        String types = realm.getAttribute(SELF_GRANT_ATTRIBUTE);
        // An unreadable imported value means the strictest sensible policy rather than none.
        Long maxLifetime = number(realm, MAX_LIFETIME_ATTRIBUTE, null, 0L);
        List<String> selfGrant = types == null ? null
                : Arrays.stream(types.split(",")).map(String::strip).filter(type -> !type.isEmpty()).toList();
        return new PackSettings(maxLifetime, selfGrant,
                number(realm, LINK_LIFETIME_ATTRIBUTE, DEFAULT_LINK_LIFETIME_SECONDS, 60L),
                number(realm, PENDING_MAX_ATTRIBUTE, DEFAULT_PENDING_MAX, 0L),
                number(realm, PER_HOUR_ATTRIBUTE, DEFAULT_PER_HOUR, 0L));
    }

    private static Long number(RealmModel realm, String attribute, Long absent, Long unreadable) {
        String value = realm.getAttribute(attribute);
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return unreadable;
        }
    }

    /** May a user grant this type to their own profile token? */
    public boolean selfGrantable(ResourceType type) {
        return !type.adminOnly() && (selfGrantTypes == null || selfGrantTypes.contains(type.type()));
    }

    /** Reads a settings update; fields absent keep their value, null clears the policy. */
    public PackSettings updatedBy(String body, PermissionCatalogue catalogue) {
        JsonInput in = JsonInput.parse(body, FIELDS);
        Long lifetime = profileTokenMaxLifetimeSeconds;
        if (in.has("profileTokenMaxLifetimeSeconds")) {
            lifetime = in.get("profileTokenMaxLifetimeSeconds").isNull() ? null
                    : number(in, "profileTokenMaxLifetimeSeconds", profileTokenMaxLifetimeSeconds, 60, 100L * 366 * 86400,
                    "null or whole seconds from 60 to 100 years");
        }
        List<String> types = selfGrantTypes;
        if (in.has("selfGrantTypes")) {
            JsonNode node = in.get("selfGrantTypes");
            if (node.isNull()) {
                types = null;
            } else if (node.isArray()) {
                types = new ArrayList<>();
                for (JsonNode type : node) {
                    if (!type.isTextual() || catalogue.type(type.textValue()) == null) {
                        throw ApiError.badRequest("'selfGrantTypes' must list types of the catalogue");
                    }
                    types.add(type.textValue());
                }
                types = List.copyOf(types);
            } else {
                throw ApiError.badRequest("'selfGrantTypes' must be null or a list of resource types");
            }
        }
        return new PackSettings(lifetime, types,
                number(in, "invitationLinkLifetimeSeconds", invitationLinkLifetimeSeconds, 60, 366L * 86400,
                        "whole seconds from 60 to one year"),
                number(in, "invitationsPendingMax", invitationsPendingMax, 0, 100_000, "a whole number from 0 to 100000"),
                number(in, "invitationsPerHour", invitationsPerHour, 0, 100_000, "a whole number from 0 to 100000"));
    }

    /** A bounded whole number of a settings update, or the current value when the field is absent. */
    private static long number(JsonInput in, String field, Long current, long min, long max, String expected) {
        if (!in.has(field)) {
            return current;
        }
        JsonNode node = in.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw ApiError.badRequest("'" + field + "' must be " + expected);
        }
        return node.longValue();
    }

    public void store(RealmModel realm) {
        if (profileTokenMaxLifetimeSeconds == null) {
            realm.removeAttribute(MAX_LIFETIME_ATTRIBUTE);
        } else {
            realm.setAttribute(MAX_LIFETIME_ATTRIBUTE, profileTokenMaxLifetimeSeconds.toString());
        }
        if (selfGrantTypes == null) {
            realm.removeAttribute(SELF_GRANT_ATTRIBUTE);
        } else {
            realm.setAttribute(SELF_GRANT_ATTRIBUTE, String.join(",", selfGrantTypes));
        }
        realm.setAttribute(LINK_LIFETIME_ATTRIBUTE, Long.toString(invitationLinkLifetimeSeconds));
        realm.setAttribute(PENDING_MAX_ATTRIBUTE, Long.toString(invitationsPendingMax));
        realm.setAttribute(PER_HOUR_ATTRIBUTE, Long.toString(invitationsPerHour));
    }
}
