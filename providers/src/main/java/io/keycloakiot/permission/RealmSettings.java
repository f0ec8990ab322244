package io.keycloakiot.permission;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Given;
import io.keycloakiot.common.Json;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
 * @param invitationsPendingMax          how many invitations one inviting user (an owner or a re-sharer) may have pending at a time
 * @param invitationsPerHour             how many invitation mails one user may cause within an hour
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Settings", description = "The realm's policies for access-token profiles and invitations. Null"
        + " `profileTokenMaxLifetimeSeconds`: profiles may live until revoked; null `selfGrantTypes`: users may grant"
        + " themselves every type that is not admin-only.")
public record RealmSettings(@Schema(required = true, nullable = true) Long profileTokenMaxLifetimeSeconds,
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

    public static RealmSettings of(RealmModel realm) {
        String types = realm.getAttribute(SELF_GRANT_ATTRIBUTE);
        // An unreadable imported value means the strictest sensible policy rather than none.
        Long maxLifetime = number(realm, MAX_LIFETIME_ATTRIBUTE, null, 0L);
        List<String> selfGrant = types == null ? null
                : Arrays.stream(types.split(",")).map(String::strip).filter(type -> !type.isEmpty()).toList();
        return new RealmSettings(maxLifetime, selfGrant,
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

    /**
     * The body of a settings update: a field absent keeps its value; null clears {@code profileTokenMaxLifetimeSeconds}
     * and {@code selfGrantTypes} (the other policies cannot be cleared).
     */
    @Schema(name = "SettingsUpdate", description = "A field left out keeps its value")
    public record Update(@Schema(implementation = Long.class, nullable = true, minimum = "60",
                          description = "null: profiles may live until revoked") Given<Long> profileTokenMaxLifetimeSeconds,
                  @Schema(type = SchemaType.ARRAY, implementation = String.class, nullable = true,
                          description = "types of the catalogue; null: every type that is not admin-only") Given<List<String>> selfGrantTypes,
                  @Schema(implementation = Long.class, minimum = "60", maximum = "31622400") Given<Long> invitationLinkLifetimeSeconds,
                  @Schema(implementation = Long.class, minimum = "0", maximum = "100000") Given<Long> invitationsPendingMax,
                  @Schema(implementation = Long.class, minimum = "0", maximum = "100000") Given<Long> invitationsPerHour) {

        public Update {
            if (profileTokenMaxLifetimeSeconds.value() != null) {
                bounded("profileTokenMaxLifetimeSeconds", profileTokenMaxLifetimeSeconds, 60, 100L * 366 * 86400,
                        "null or whole seconds from 60 to 100 years");
            }
            bounded("invitationLinkLifetimeSeconds", invitationLinkLifetimeSeconds, 60, 366L * 86400, "whole seconds from 60 to one year");
            bounded("invitationsPendingMax", invitationsPendingMax, 0, 100_000, "a whole number from 0 to 100000");
            bounded("invitationsPerHour", invitationsPerHour, 0, 100_000, "a whole number from 0 to 100000");
        }

        private static void bounded(String field, Given<Long> given, long min, long max, String expected) {
            if (given.present() && (given.value() == null || given.value() < min || given.value() > max)) {
                throw ApiError.invalidField(field, "must be " + expected);
            }
        }
    }

    /** Reads a settings update (see {@link Update}); the types users may grant themselves must be in the catalogue. */
    public RealmSettings updatedBy(String body, PermissionCatalogue catalogue) {
        Update in = Json.read(body, Update.class);
        List<String> types = selfGrantTypes;
        if (in.selfGrantTypes().present()) {
            types = in.selfGrantTypes().value() == null ? null : List.copyOf(in.selfGrantTypes().value());
            for (int i = 0; types != null && i < types.size(); i++) {
                if (catalogue.type(types.get(i)) == null) {
                    throw ApiError.invalidField("selfGrantTypes[" + i + "]", "is not a resource type of the catalogue");
                }
            }
        }
        return new RealmSettings(
                in.profileTokenMaxLifetimeSeconds().present() ? in.profileTokenMaxLifetimeSeconds().value() : profileTokenMaxLifetimeSeconds,
                types,
                orCurrent(in.invitationLinkLifetimeSeconds(), invitationLinkLifetimeSeconds),
                orCurrent(in.invitationsPendingMax(), invitationsPendingMax),
                orCurrent(in.invitationsPerHour(), invitationsPerHour));
    }

    private static long orCurrent(Given<Long> given, long current) {
        return given.present() ? given.value() : current;
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
