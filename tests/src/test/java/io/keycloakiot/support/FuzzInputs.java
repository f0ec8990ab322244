package io.keycloakiot.support;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Seeded generators of bad input for the fuzz harness. Every body they make from a valid one is invalid by
 * construction (a strict prefix, a wrong type, a duplicate key, trailing bytes, a forbidden character, a wrong
 * content type...), so any 2xx to it is a finding; each comes with a line that says what it is, for the report.
 */
public final class FuzzInputs {

    /** A request body: its bytes, its content type (null = no header) and what was done to it. */
    public record Body(byte[] bytes, String contentType, String what) {

        static Body json(String text, String what) {
            return new Body(text.getBytes(StandardCharsets.UTF_8), "application/json", what);
        }

        public String shown() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return what + " [" + contentType + "] " + (text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + ")" : text);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Characters no name, identifier or address may carry: bidi controls, zero-width, NUL and other controls,
     * private use, a non-character (not line breaks and tabs: descriptions may have them, names strip them).
     */
    private static final String[] TRICKS = {"\u202E", "\u202D", "\u2066", "\u2069", "\u200F", "\u061C", "\u200B", "\u200C",
            "\u200D", "\u2060", "\uFEFF", "\u0000", "\u0001", "\u001B", "\u007F", "\u0085", "\u2028", "\uE000", "\uFFFF"};

    /** Unpaired surrogates as JSON escapes (they cannot be sent as UTF-8 text). */
    private static final String[] SURROGATE_ESCAPES = {"\\uD800", "\\uDFFF", "\\uDBFF\\u0041", "\\uDC00\\uD800"};

    /** Byte sequences that are not UTF-8: overlong forms, a raw surrogate, stray continuation and invalid bytes. */
    private static final byte[][] BAD_UTF8 = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80},
            {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xC1, (byte) 0x81}};

    private static final String[] WRONG_TYPES = {"text/plain", "application/xml", "text/html", "application/octet-stream",
            "multipart/form-data; boundary=x", "application/json-patch+json", "application/x-www-form-urlencoded", "*/*", null};

    private static final String[] TRAILING = {" x", "}", "{}", "[]", ",", " null", " 1", "]", "\"", " //", "/*", " {\"name\": \"x\"}"};

    private FuzzInputs() {
    }

    /** A bad body made from a valid one (a JSON object or array). */
    public static Body badBody(Random r, JsonNode valid) {
        String text = IotApi.toJson(valid);
        return switch (r.nextInt(11)) {
            case 0 -> Body.json(text.substring(0, r.nextInt(text.length())), "a strict prefix of a valid body");
            case 1 -> nested(r);
            case 2 -> duplicateKey(r, valid);
            case 3 -> Body.json(text + TRAILING[r.nextInt(TRAILING.length)], "a valid body with trailing garbage");
            case 4 -> wrongType(r, valid);
            case 5 -> hugeNumber(r, valid);
            case 6 -> unicodeTrick(r, valid);
            case 7 -> badUtf8(r, valid);
            case 8 -> wrongContentType(r, text);
            case 9 -> badForm(r);
            default -> garbage(r);
        };
    }

    /** Deeply nested arrays or objects, in a field or at the top, up to well past Jackson's nesting limit. */
    static Body nested(Random r) {
        int depth = 1 + r.nextInt(r.nextBoolean() ? 50 : 3000);
        boolean objects = r.nextBoolean();
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        String core = open.repeat(depth) + "1" + close.repeat(depth);
        if (r.nextBoolean()) {
            core = open.repeat(depth) + "1";
        }
        return Body.json(r.nextBoolean() ? core : "{\"name\":" + core + "}", "nested " + depth + " deep");
    }

    /** The first key of an object again, with another value: parsers disagree about which one wins. */
    static Body duplicateKey(Random r, JsonNode valid) {
        JsonNode object = valid.isArray() && !valid.isEmpty() ? valid.get(0) : valid;
        if (!object.isObject() || object.isEmpty()) {
            return garbage(r);
        }
        String text = IotApi.toJson(valid);
        String key = object.fieldNames().next();
        int at = text.indexOf('{') + 1;
        String value = IotApi.toJson(object.get(key));
        String twice = r.nextBoolean() ? "\"" + key + "\":" + value + "," : "\"" + key + "\":\"other\",";
        return Body.json(text.substring(0, at) + twice + text.substring(at), "duplicate key '" + key + "'");
    }

    /** One field's value replaced by a value of another JSON type. */
    static Body wrongType(Random r, JsonNode valid) {
        JsonNode copy = valid.deepCopy();
        Slot slot = pick(r, copy);
        if (slot == null) {
            return garbage(r);
        }
        JsonNode old = slot.get();
        if (old.isNull()) {
            // an optional field's null: a value of any type may be valid there
            return garbage(r);
        }
        List<JsonNode> others = new ArrayList<>();
        if (!old.isTextual()) others.add(NODES.textNode("1"));
        if (!old.isNumber()) others.add(NODES.numberNode(r.nextInt(3) - 1));
        if (!old.isBoolean()) others.add(NODES.booleanNode(r.nextBoolean()));
        if (!old.isArray()) others.add(NODES.arrayNode().add("read"));
        if (!old.isObject()) others.add(NODES.objectNode().put("x", "y"));
        slot.set(others.get(r.nextInt(others.size())));
        return Body.json(IotApi.toJson(copy), "wrong type at " + slot.path);
    }

    /** A number too long or too large for any field (as a number, never a valid string or list). */
    static Body hugeNumber(Random r, JsonNode valid) {
        String huge = switch (r.nextInt(4)) {
            case 0 -> "1" + "0".repeat(20 + r.nextInt(2000));
            case 1 -> "1e" + (309 + r.nextInt(999_999_999));
            case 2 -> "-0." + "0".repeat(r.nextInt(1500)) + "1";
            default -> "9223372036854775808";
        };
        JsonNode copy = valid.deepCopy();
        Slot slot = pick(r, copy);
        if (slot == null || slot.get().isNumber()) {
            return Body.json(r.nextBoolean() ? huge : "{\"name\":" + huge + "}", "a huge number");
        }
        String marker = "\"__huge__\"";
        slot.set(NODES.textNode("__huge__"));
        return Body.json(IotApi.toJson(copy).replace(marker, huge), "a huge number at " + slot.path);
    }

    /** A forbidden character (bidi, zero-width, control, unpaired surrogate) inside one string value. */
    static Body unicodeTrick(Random r, JsonNode valid) {
        JsonNode copy = valid.deepCopy();
        Slot slot = pickString(r, copy);
        if (slot == null) {
            return garbage(r);
        }
        String value = slot.get().textValue();
        if (value.length() < 2) {
            return garbage(r);
        }
        // inside the value: names are trimmed, and a separator at an edge would just be trimmed away
        int at = 1 + r.nextInt(value.length() - 1);
        if (r.nextInt(4) == 0) {
            String escape = SURROGATE_ESCAPES[r.nextInt(SURROGATE_ESCAPES.length)];
            slot.set(NODES.textNode(value.substring(0, at) + "__trick__" + value.substring(at)));
            return Body.json(IotApi.toJson(copy).replace("__trick__", escape), "unpaired surrogate at " + slot.path);
        }
        String trick = TRICKS[r.nextInt(TRICKS.length)];
        slot.set(NODES.textNode(value.substring(0, at) + trick + value.substring(at)));
        return Body.json(IotApi.toJson(copy), String.format("U+%04X at %s", (int) trick.charAt(0), slot.path));
    }

    /** Bytes that are not UTF-8 inside one string value. */
    static Body badUtf8(Random r, JsonNode valid) {
        JsonNode copy = valid.deepCopy();
        Slot slot = pickString(r, copy);
        if (slot == null) {
            return garbage(r);
        }
        slot.set(NODES.textNode(slot.get().textValue() + "__bytes__"));
        String[] parts = IotApi.toJson(copy).split("__bytes__", 2);
        byte[] bad = BAD_UTF8[r.nextInt(BAD_UTF8.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        return new Body(out.toByteArray(), "application/json", "bytes that are not UTF-8 at " + slot.path);
    }

    /** A valid JSON body declared as something else (or as nothing). */
    static Body wrongContentType(Random r, String validText) {
        String type = WRONG_TYPES[r.nextInt(WRONG_TYPES.length)];
        return new Body(validText.getBytes(StandardCharsets.UTF_8), type, "a valid body as " + type);
    }

    /** Whether a form body decodes (every percent escape well formed). */
    public static boolean decodesAsForm(String form) {
        try {
            URLDecoder.decode(form, StandardCharsets.UTF_8);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A form body, often with a bad percent escape (which some decoders throw on). */
    static Body badForm(Random r) {
        String[] forms = {"name=%zz&type=sensor", "name=%", "a=%E0%A4%A", "%%%", "name=x&%G0=1", "owner=%u0041", "name=%C0%AF"};
        return new Body(forms[r.nextInt(forms.length)].getBytes(StandardCharsets.US_ASCII),
                "application/x-www-form-urlencoded", "a form body");
    }

    /** Random bytes, sometimes printable, sometimes not JSON at all. */
    static Body garbage(Random r) {
        byte[] bytes = new byte[r.nextInt(64)];
        r.nextBytes(bytes);
        if (r.nextBoolean()) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (32 + Math.floorMod(bytes[i], 95));
            }
        }
        // never a JSON value by accident: a raw control character inside a string is invalid JSON
        byte[] out = new byte[bytes.length + 3];
        out[0] = '{';
        out[1] = '"';
        out[2] = 1;
        System.arraycopy(bytes, 0, out, 3, bytes.length);
        return new Body(out, "application/json", "garbage");
    }

    /** A path parameter that names nothing: unknown, malformed, over-long, encoded tricks. */
    public static String badId(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> java.util.UUID.randomUUID().toString();
            case 1 -> "x".repeat(37 + r.nextInt(5000));
            case 2 -> "%27%20or%201%3D1--";
            case 3 -> "..%2F..%2Fadmin";
            case 4 -> "%00";
            case 5 -> encode(TRICKS[r.nextInt(TRICKS.length)] + "abc");
            case 6 -> "%E2%80%AE" + "a".repeat(r.nextInt(40));
            case 7 -> "%C0%AF";
            case 8 -> "%7Bid%7D";
            // "~" is in no id and no catalogue type name: random text alone can spell a valid new type ("tf"), which
            // the catalogue's PUT /types/{type} would then create
            default -> encode("~" + randomText(r, r.nextInt(80)));
        };
    }

    /** A bad value of a query parameter. */
    public static String badQueryValue(Random r) {
        String[] values = {"-1", "1e3", "99999999999999999999", "%00", "abc", "0x10", "+1", "1.5", "%E2%80%AE", "", "%C0%AF",
                "x".repeat(5000), "1%20OR%201=1", "NaN", "-0", "%FF"};
        return r.nextInt(5) == 0 ? encode(randomText(r, 1 + r.nextInt(100))) : values[r.nextInt(values.length)];
    }

    /** A near miss of a real token, or a well-formed forgery, or garbage: nothing of it may be active. */
    public static String badToken(Random r, List<String> real) {
        String token = real.get(r.nextInt(real.size()));
        return switch (r.nextInt(9)) {
            case 0 -> flip(r, token);
            case 1 -> token.substring(0, r.nextInt(token.length()));
            case 2 -> token + randomText(r, 1 + r.nextInt(5));
            case 3 -> forged(r, token);
            case 4 -> token.length() > 22 ? token.substring(5, 21) + ":" + randomText(r, 38) : token + ":";
            case 5 -> token.toUpperCase();
            case 6 -> swapPrefix(r, token);
            case 7 -> TRICKS[r.nextInt(TRICKS.length)] + token;
            default -> randomText(r, r.nextInt(r.nextBoolean() ? 80 : 9000));
        };
    }

    /** A token with the real prefix and key id, another secret and a correct checksum: passes the format check. */
    static String forged(Random r, String token) {
        int secretStart = token.lastIndexOf('_') + 1;
        if (secretStart <= 0 || token.length() < secretStart + 38) {
            return flip(r, token);
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            secret.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        String body = token.substring(0, secretStart) + secret;
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] checksum = new char[6];
        for (int i = 5; i >= 0; i--) {
            checksum[i] = alphabet.charAt((int) (value % alphabet.length()));
            value /= alphabet.length();
        }
        return body + new String(checksum);
    }

    private static String flip(Random r, String token) {
        int at = r.nextInt(token.length());
        char c = token.charAt(at);
        char other = c == 'a' ? 'b' : c == '_' ? '-' : (char) (c ^ 1);
        return token.substring(0, at) + other + token.substring(at + 1);
    }

    private static String swapPrefix(Random r, String token) {
        String[] prefixes = {"iotd", "iotg", "iotp", "iotx", "IOTD"};
        String prefix = prefixes[r.nextInt(prefixes.length)];
        String swapped = token.length() > 4 ? prefix + token.substring(4) : prefix;
        return swapped.equals(token) ? flip(r, token) : swapped;
    }

    private static String randomText(Random r, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = r.nextInt(10);
            text.appendCodePoint(kind < 7 ? 32 + r.nextInt(95) : kind < 9 ? 0xA0 + r.nextInt(0x2FFF) : 1 + r.nextInt(31));
        }
        return text.toString();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A place in a JSON tree: its parent and key or index. */
    private record Slot(ContainerNode<?> parent, String key, int index, String path) {

        JsonNode get() {
            return parent instanceof ObjectNode o ? o.get(key) : ((ArrayNode) parent).get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                o.set(key, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static Slot pick(Random r, JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "$", slots);
        return slots.isEmpty() ? null : slots.get(r.nextInt(slots.size()));
    }

    private static Slot pickString(Random r, JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "$", slots);
        slots.removeIf(s -> !s.get().isTextual());
        return slots.isEmpty() ? null : slots.get(r.nextInt(slots.size()));
    }

    private static void collect(JsonNode node, String path, List<Slot> out) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.add(new Slot(object, field.getKey(), -1, path + "." + field.getKey()));
                collect(field.getValue(), path + "." + field.getKey(), out);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                out.add(new Slot(array, null, i, path + "[" + i + "]"));
                collect(array.get(i), path + "[" + i + "]", out);
            }
        }
    }
}
