package io.keycloakiot.permission;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Json;
import io.keycloakiot.common.TextRules;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * The resource types and actions permissions may name in one realm. It lives in the realm attribute
 * {@value #REALM_ATTRIBUTE} (settable from a realm import, cached and invalidated cluster-wide by Keycloak's
 * realm cache); a realm without it uses {@link #DEFAULT}. {@code device} and {@code ground} are the pack's
 * own entities and cannot be removed; every other type belongs to the platform's resource servers.
 */
public final class PermissionCatalogue {

    public static final String REALM_ATTRIBUTE = "iot.permission-catalogue";
    public static final String DEVICE = "device";
    public static final String GROUND = "ground";

    static final int MAX_TYPES = 64;
    public static final int MAX_ACTIONS = 32;
    /** The longest type or action name. */
    public static final int NAME_MAX = 32;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0," + (NAME_MAX - 1) + "}");

    public static final PermissionCatalogue DEFAULT = new PermissionCatalogue(List.of(
            new ResourceType(DEVICE, "Devices: data, commands, settings and their tokens",
                    List.of("read", "write", "control", "list", "create", "update", "delete", "manage_tokens",
                            "read_stats", "read_locations"),
                    List.of("read", "write", "control", "read_stats", "read_locations"), false),
            new ResourceType(GROUND, "Grounds: named groups of devices",
                    List.of("read", "list", "create", "update", "delete", "manage_devices", "manage_tokens"),
                    List.of("read"), false),
            new ResourceType("bucket", "Data buckets",
                    List.of("read", "write", "export", "clear", "list", "create", "delete", "update", "read_config"),
                    List.of(), false),
            new ResourceType("endpoint", "Outgoing endpoints (webhooks, e-mail, integrations)",
                    List.of("call", "list", "create", "read_config", "update", "delete"), List.of(), false),
            new ResourceType("dashboard", "Dashboards",
                    List.of("read", "list", "create", "update", "delete"), List.of(), false),
            new ResourceType("token", "Access tokens",
                    List.of("read", "list", "create", "update", "delete"), List.of(), false),
            new ResourceType("share", "Device and ground shares",
                    List.of("read", "list", "create", "delete"), List.of(), false),
            new ResourceType("fleet", "Fleet administration: import, transfer, revoke (realm administrators only)",
                    List.of("read", "import", "transfer", "revoke_tokens"), List.of(), true)));

    /** Parsed catalogues by realm, kept while the realm attribute is unchanged. */
    private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

    private record Parsed(String source, PermissionCatalogue catalogue) {
    }

    private final Map<String, ResourceType> types;

    private PermissionCatalogue(List<ResourceType> types) {
        Map<String, ResourceType> byName = new LinkedHashMap<>();
        types.forEach(type -> byName.put(type.type(), type));
        this.types = byName;
    }

    /** The realm's catalogue. */
    public static PermissionCatalogue of(RealmModel realm) {
        String source = realm.getAttribute(REALM_ATTRIBUTE);
        if (source == null || source.isBlank()) {
            return DEFAULT;
        }
        Parsed parsed = PARSED.get(realm.getId());
        if (parsed == null || !parsed.source().equals(source)) {
            // Validated when stored through the admin API; a broken imported value must not lock the realm out.
            PermissionCatalogue catalogue;
            try {
                catalogue = parse(source);
            } catch (RuntimeException e) {
                catalogue = DEFAULT;
            }
            parsed = new Parsed(source, catalogue);
            PARSED.put(realm.getId(), parsed);
        }
        return parsed.catalogue();
    }

    /**
     * The body of a whole catalogue, {@code {"types": [...]}} or the bare list; each type is checked as it is bound,
     * the list as a whole here.
     */
    @Schema(name = "CatalogueInput", description = "The whole catalogue (the bare list of types is taken too)")
    public record Body(@Schema(required = true) List<TypeBody> types) {

        /** The bare list of types. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Body of(List<TypeBody> types) {
            return new Body(types);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Body {
            if (types == null || types.isEmpty() || types.size() > MAX_TYPES) {
                throw ApiError.invalidField("types", "must be a list of 1.." + MAX_TYPES + " resource types");
            }
        }
    }

    /**
     * The body of one resource type. {@code type} may be left out where the path names it; {@code deviceActions}
     * left out = none.
     */
    @Schema(name = "ResourceTypeInput", description = "Names are 1 to 32 of a-z 0-9 _, starting with a letter")
    public record TypeBody(@Schema(description = "may be left out where the path names it") String type,
                           String description,
                           @Schema(required = true) List<String> actions,
                           @Schema(description = "none when left out") List<String> deviceActions,
                           Boolean adminOnly) {

        public TypeBody {
            if (type != null) {
                checkName("type", type);
            }
            description = description == null ? "" : TextRules.description("description", description, TextRules.NAME_MAX);
            actions = names(actions, "actions", 1);
            deviceActions = deviceActions == null ? List.of() : names(deviceActions, "deviceActions", 0);
            if (!actions.containsAll(deviceActions)) {
                throw ApiError.invalidField("deviceActions", "must be among the type's 'actions'");
            }
        }
    }

    /** Validates a whole catalogue (see {@link Body}); 400 on the first problem. */
    public static PermissionCatalogue parse(String json) {
        Body body = Json.read(json, Body.class);
        List<ResourceType> types = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < body.types().size(); i++) {
            ResourceType type = type(body.types().get(i), null, "types[" + i + "].type");
            if (!seen.add(type.type())) {
                throw ApiError.invalidField("types[" + i + "].type", "repeats the resource type '" + type.type() + "'");
            }
            types.add(type);
        }
        return checkBuiltIns(new PermissionCatalogue(types));
    }

    /** The pack's own types must stay, with their action 'read'; 400 otherwise. */
    private static PermissionCatalogue checkBuiltIns(PermissionCatalogue catalogue) {
        for (String builtIn : List.of(DEVICE, GROUND)) {
            if (catalogue.type(builtIn) == null) {
                throw ApiError.badRequest("the catalogue must keep the type '" + builtIn + "'");
            }
        }
        if (!catalogue.type(DEVICE).hasAction("read") || !catalogue.type(GROUND).hasAction("read")) {
            throw ApiError.badRequest("the types 'device' and 'ground' must keep the action 'read'");
        }
        return catalogue;
    }

    /** One resource type (see {@link TypeBody}); {@code pathType} is the type named by the URL, which the body's must match. */
    public static ResourceType parseType(String json, String pathType) {
        return type(Json.read(json, TypeBody.class), pathType, "type");
    }

    private static ResourceType type(TypeBody body, String pathType, String field) {
        String name = body.type() != null ? body.type() : pathType;
        if (name == null) {
            throw ApiError.invalidField(field, "is required");
        }
        if (pathType != null) {
            checkName(field, pathType);
            if (!pathType.equals(name)) {
                throw ApiError.invalidField(field, "must match the type in the path");
            }
        }
        return new ResourceType(name, body.description(), body.actions(), body.deviceActions(),
                Boolean.TRUE.equals(body.adminOnly()));
    }

    private static List<String> names(List<String> names, String field, int min) {
        if (names == null || names.size() < min || names.size() > MAX_ACTIONS) {
            throw ApiError.invalidField(field, "must be a list of " + min + ".." + MAX_ACTIONS + " action names");
        }
        for (int i = 0; i < names.size(); i++) {
            checkName(field + "[" + i + "]", names.get(i));
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    private static void checkName(String field, String value) {
        if (!NAME.matcher(value).matches()) {
            throw ApiError.invalidField(field, "must be 1.." + NAME_MAX + " characters of a-z, 0-9 and _, starting with a letter");
        }
    }

    /** The type, or null if the catalogue has no such type. */
    public ResourceType type(String name) {
        return types.get(name);
    }

    public List<ResourceType> types() {
        return List.copyOf(types.values());
    }

    /** A copy with one type added or replaced. */
    public PermissionCatalogue with(ResourceType type) {
        Map<String, ResourceType> copy = new LinkedHashMap<>(types);
        copy.put(type.type(), type);
        if (copy.size() > MAX_TYPES) {
            throw ApiError.badRequest("a catalogue holds at most " + MAX_TYPES + " types");
        }
        return checkBuiltIns(new PermissionCatalogue(List.copyOf(copy.values())));
    }

    /** A copy without the type; the pack's own types cannot be removed. */
    public PermissionCatalogue without(String name) {
        if (name.equals(DEVICE) || name.equals(GROUND)) {
            throw ApiError.badRequest("the type '" + name + "' belongs to the pack and cannot be removed");
        }
        Map<String, ResourceType> copy = new LinkedHashMap<>(types);
        copy.remove(name);
        return new PermissionCatalogue(List.copyOf(copy.values()));
    }

    /** Stores the catalogue in the realm (and so in realm exports). */
    public void store(RealmModel realm) {
        try {
            realm.setAttribute(REALM_ATTRIBUTE, JsonSerialization.writeValueAsString(Map.of("types", types())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
