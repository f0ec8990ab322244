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

/**
 * The realm's policies for access-token profiles, kept in realm attributes (so a realm import sets them and
 * Keycloak's realm cache keeps every node current).
 *
 * @param profileTokenMaxLifetimeSeconds profile tokens must expire within this many seconds of their creation;
 *                                       null = they may live until revoked
 * @param selfGrantTypes                 the resource types users may put in their own profile tokens; null = every
 *                                       type that is not admin-only
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PackSettings(Long profileTokenMaxLifetimeSeconds, List<String> selfGrantTypes) {

    public static final String MAX_LIFETIME_ATTRIBUTE = "iot.profile-token.max-lifetime-seconds";
    public static final String SELF_GRANT_ATTRIBUTE = "iot.profile-token.self-grant-types";
    static final Set<String> FIELDS = Set.of("profileTokenMaxLifetimeSeconds", "selfGrantTypes");

    public static PackSettings of(RealmModel realm) {
        String lifetime = realm.getAttribute(MAX_LIFETIME_ATTRIBUTE);
        String types = realm.getAttribute(SELF_GRANT_ATTRIBUTE);
        Long maxLifetime = null;
        if (lifetime != null && !lifetime.isBlank()) {
            try {
                maxLifetime = Long.parseLong(lifetime.strip());
            } catch (NumberFormatException e) {
                // An unreadable imported value means the strictest sensible policy rather than none.
                maxLifetime = 0L;
            }
        }
        List<String> selfGrant = types == null ? null
                : Arrays.stream(types.split(",")).map(String::strip).filter(type -> !type.isEmpty()).toList();
        return new PackSettings(maxLifetime, selfGrant);
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
            JsonNode node = in.get("profileTokenMaxLifetimeSeconds");
            if (node.isNull()) {
                lifetime = null;
            } else if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 60
                    && node.longValue() <= 100L * 366 * 86400) {
                lifetime = node.longValue();
            } else {
                throw ApiError.badRequest("'profileTokenMaxLifetimeSeconds' must be null or whole seconds from 60 to 100 years");
            }
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
        return new PackSettings(lifetime, types);
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
    }
}
