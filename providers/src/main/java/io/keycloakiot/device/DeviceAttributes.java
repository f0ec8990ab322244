package io.keycloakiot.device;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Json;
import io.keycloakiot.common.TextRules;
import org.keycloak.util.JsonSerialization;

/** A device's free-form attributes, stored as one JSON column. */
final class DeviceAttributes {

    static final int MAX_COUNT = 50;
    static final int KEY_MAX = 64;
    static final int VALUE_MAX = 1024;
    static final int STORED_MAX = 4000;

    private DeviceAttributes() {
    }

    /** Validates and serialises; null or empty means no attributes. */
    static String write(Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        if (attributes.size() > MAX_COUNT) {
            throw ApiError.invalidField("attributes", "may hold at most " + MAX_COUNT + " attributes");
        }
        Map<String, String> clean = new TreeMap<>();
        attributes.forEach((key, value) -> clean.put(
                TextRules.identifier("attributes keys", key, KEY_MAX),
                TextRules.description(Json.member("attributes", key), value, VALUE_MAX)));
        try {
            String json = JsonSerialization.writeValueAsString(clean);
            if (json.length() > STORED_MAX) {
                throw ApiError.invalidField("attributes", "are too large: at most " + STORED_MAX + " characters of JSON");
            }
            return json;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> read(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JsonSerialization.readValue(json, new TypeReference<TreeMap<String, String>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("stored device attributes are not JSON", e);
        }
    }
}
