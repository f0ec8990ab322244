package io.keycloakiot.common;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.util.JsonSerialization;

/**
 * A request body read strictly: the pack parses JSON itself so that malformed JSON, wrong types and
 * unknown fields each get a precise 400 instead of Jackson's coercions or a generic framework error.
 */
public final class JsonInput {

    /**
     * Keycloak's mapper, stricter: a duplicate key is refused (parsers disagree about which value wins) and so is
     * anything after the JSON value.
     */
    private static final ObjectReader STRICT = JsonSerialization.mapper.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private final ObjectNode object;

    private JsonInput(ObjectNode object) {
        this.object = object;
    }

    /** Parses a request body that must be one JSON object. */
    public static JsonInput parse(String body, Set<String> allowedFields) {
        return of(parseTree(body), allowedFields, "the request body");
    }

    /** Wraps one element of a JSON document (e.g. a row of an import) that must be an object. */
    public static JsonInput of(JsonNode node, Set<String> allowedFields, String what) {
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest(what + " must be a JSON object");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                throw ApiError.badRequest("unknown field '" + shorten(name) + "'; allowed: " + String.join(", ", allowedFields));
            }
        }
        return new JsonInput((ObjectNode) node);
    }

    public static JsonNode parseTree(String body) {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("a JSON request body is required");
        }
        if (body.indexOf(REPLACEMENT_CHARACTER) >= 0) {
            // the body was decoded with replacement: its bytes were not UTF-8, so what it says is not known
            throw ApiError.badRequest("the request body is not valid UTF-8");
        }
        try {
            return STRICT.readTree(body);
        } catch (StreamConstraintsException e) {
            throw ApiError.badRequest("the JSON is nested too deeply or has a value that is too long");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ApiError.badRequest(at == null ? "malformed JSON"
                    : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        } catch (IOException e) {
            throw ApiError.badRequest("malformed JSON");
        }
    }

    /** The raw value of a field with a type of its own (e.g. a number or a date string), or null. */
    public JsonNode get(String field) {
        return object.get(field);
    }

    public boolean has(String field) {
        return object.has(field);
    }

    /** True when the field is present with an explicit {@code null}. */
    public boolean isNull(String field) {
        return object.has(field) && object.get(field).isNull();
    }

    public String requiredText(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw ApiError.badRequest("'" + field + "' is required");
        }
        return value;
    }

    /** The field's string value, or null when absent or null; any other JSON type is refused. */
    public String optionalText(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest("'" + field + "' must be a string");
        }
        if (node.textValue().indexOf('\0') >= 0) {
            // No field holds a NUL, and PostgreSQL refuses one in any query parameter.
            throw ApiError.badRequest("'" + field + "' contains a NUL character");
        }
        return node.textValue();
    }

    public Boolean optionalBoolean(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw ApiError.badRequest("'" + field + "' must be true or false");
        }
        return node.booleanValue();
    }

    /** An object whose values are all strings, or null when absent or null. */
    public Map<String, String> optionalStringMap(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiError.badRequest("'" + field + "' must be an object of string values");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw ApiError.badRequest("'" + field + "." + shorten(entry.getKey()) + "' must be a string");
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
