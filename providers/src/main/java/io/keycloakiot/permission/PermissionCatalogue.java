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

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.JsonInput;
import io.keycloakiot.common.TextRules;
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
    private static final Set<String> TYPE_FIELDS = Set.of("type", "description", "actions", "deviceActions", "adminOnly");

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
                catalogue = parse(JsonInput.parseTree(source));
            } catch (RuntimeException e) {
                catalogue = DEFAULT;
            }
            parsed = new Parsed(source, catalogue);
            PARSED.put(realm.getId(), parsed);
        }
        return parsed.catalogue();
    }

    /** Validates a whole catalogue ({@code {"types": [...]}} or the bare list); 400 on the first problem. */
    public static PermissionCatalogue parse(JsonNode node) {
        JsonNode list = node != null && node.isObject() ? JsonInput.of(node, Set.of("types"), "the catalogue").get("types") : node;
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_TYPES) {
            throw ApiError.badRequest("'types' must be a list of 1.." + MAX_TYPES + " resource types");
        }
        List<ResourceType> types = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode element : list) {
            ResourceType type = parseType(element, null);
            if (!seen.add(type.type())) {
                throw ApiError.badRequest("resource type '" + type.type() + "' is listed twice");
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

    /**
     * One resource type; {@code pathType}, when given, is the type named by the URL and must match the body's.
     */
    public static ResourceType parseType(JsonNode node, String pathType) {
        JsonInput in = JsonInput.of(node, TYPE_FIELDS, "a resource type");
        String name = pathType != null && !in.has("type") ? pathType : in.requiredText("type");
        checkName("type", name);
        if (pathType != null && !pathType.equals(name)) {
            throw ApiError.badRequest("'type' must match the type in the path");
        }
        String description = in.optionalText("description");
        List<String> actions = names(in.get("actions"), "actions", name, 1);
        List<String> deviceActions = in.get("deviceActions") == null ? List.of() : names(in.get("deviceActions"), "deviceActions", name, 0);
        if (!actions.containsAll(deviceActions)) {
            throw ApiError.badRequest("'deviceActions' of '" + name + "' must be among its 'actions'");
        }
        Boolean adminOnly = in.optionalBoolean("adminOnly");
        return new ResourceType(name, description == null ? "" : TextRules.description("description", description, TextRules.NAME_MAX),
                actions, deviceActions, adminOnly != null && adminOnly);
    }

    private static List<String> names(JsonNode node, String field, String type, int min) {
        if (node == null || !node.isArray() || node.size() < min || node.size() > MAX_ACTIONS) {
            throw ApiError.badRequest("'" + field + "' of '" + type + "' must be a list of " + min + ".." + MAX_ACTIONS + " action names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw ApiError.badRequest("'" + field + "' of '" + type + "' must contain strings");
            }
            checkName(field, element.textValue());
            names.add(element.textValue());
        }
        return List.copyOf(names);
    }

    private static void checkName(String field, String value) {
        if (!NAME.matcher(value).matches()) {
            throw ApiError.badRequest("'" + field + "' names must be 1.." + NAME_MAX + " characters of a-z, 0-9 and _, starting with a letter");
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
