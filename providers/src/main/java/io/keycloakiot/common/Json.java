package io.keycloakiot.common;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.keycloak.services.ErrorResponseException;

/**
 * The pack's one reader of request bodies: JSON bound strictly to records. Unknown fields, anything after the value,
 * duplicate keys (parsers disagree about which one wins) and every coercion between JSON types (a number for a
 * string, {@code "true"} for a boolean, {@code ""} for null, a float for a whole number) are refused, and so is a NUL
 * in any string (PostgreSQL refuses one in any text parameter). Every failure, of the JSON or of a record's own rules
 * ({@link ApiError#invalidField}), is one 400 whose description names the field by its JSON path, such as
 * {@code $.checks[2].resource.id is required}.
 */
public final class Json {

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';
    /** A path segment shown as {@code .name}; any other is shown quoted, {@code ["..."]}. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int SHOWN_MAX = 64;

    private static final ObjectReader READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                    DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfigDefaults(config -> {
                config.setAcceptBlankAsEmpty(false);
                for (CoercionInputShape shape : CoercionInputShape.values()) {
                    config.setCoercion(shape, CoercionAction.Fail);
                }
            })
            // a null inside a list or an object of values: no field takes one
            .defaultSetterInfo(JsonSetter.Value.construct(Nulls.DEFAULT, Nulls.FAIL))
            .addModule(new SimpleModule("strict-strings")
                    .addDeserializer(String.class, new NulFreeString())
                    .addKeyDeserializer(String.class, new NulFreeKey()))
            .build()
            .reader();

    private Json() {
    }

    /** The request body bound to {@code type}; a 400 on anything it cannot be read as unambiguously. */
    public static <T> T read(String body, Class<T> type) {
        check(body);
        try {
            return present(READER.forType(type).readValue(body));
        } catch (IOException e) {
            throw refusal(e);
        }
    }

    /** The request body as a tree, read as strictly, for a document whose parts are bound one at a time. */
    public static JsonNode tree(String body) {
        check(body);
        try {
            return present(READER.readTree(body));
        } catch (IOException e) {
            throw refusal(e);
        }
    }

    /** One part of a document (a row of an import) bound to {@code type}; paths in errors start at the part. */
    public static <T> T bind(JsonNode node, Class<T> type) {
        try {
            return present(READER.treeToValue(node, type));
        } catch (IOException e) {
            throw refusal(e);
        }
    }

    /**
     * The relative path of a member of an object field, e.g. {@code attributes.color}, or {@code attributes["a b"]}
     * for a key that is not a plain name; the key is shortened and escaped, so it is safe to show.
     */
    public static String member(String field, String key) {
        return field + segment(key);
    }

    /** The description of a field's problem: the field's JSON path below {@code at} (a path), then the problem. */
    static String describe(String at, String field, String problem) {
        String path = field == null || field.isEmpty() ? at : field.startsWith("[") ? at + field : at + "." + field;
        return path + " " + problem;
    }

    private static void check(String body) {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("a JSON request body is required");
        }
        if (body.indexOf(REPLACEMENT_CHARACTER) >= 0) {
            // the body was decoded with replacement: its bytes were not UTF-8, so what it says is not known
            throw ApiError.badRequest("the request body is not valid UTF-8");
        }
    }

    private static <T> T present(T value) {
        if (value == null || value instanceof JsonNode node && node.isNull()) {
            throw ApiError.badRequest("$ must be a JSON object, not null");
        }
        return value;
    }

    /** The one mapping of Jackson's exceptions to the pack's 400. */
    private static ErrorResponseException refusal(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException) {
                return ApiError.badRequest("the JSON is nested too deeply or has a value that is too long");
            }
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof ApiError.InvalidField invalid) {
            // a record's own rule, thrown by its constructor: its field is relative to the record's path
            return ApiError.badRequest(describe(path((JsonMappingException) e), invalid.field(), invalid.problem()));
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof ErrorResponseException refusal) {
            return refusal;
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof InputCoercionException) {
            return ApiError.badRequest(path(mapping) + " is out of range");
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof StreamReadException parse) {
            return malformed(parse);
        }
        if (e instanceof StreamReadException parse) {
            return malformed(parse);
        }
        if (e instanceof Refused refused) {
            return ApiError.badRequest(path(refused) + " " + refused.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            TreeSet<String> allowed = new TreeSet<>();
            unknown.getKnownPropertyIds().forEach(id -> allowed.add(id.toString()));
            return ApiError.badRequest("unknown field " + path(unknown) + "; allowed: " + String.join(", ", allowed));
        }
        if (e instanceof InvalidNullException invalidNull) {
            return ApiError.badRequest(path(invalidNull) + " must not be null");
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getOriginalMessage().startsWith("Trailing token")) {
            return ApiError.badRequest("the request body has more after its JSON value");
        }
        if (e instanceof MismatchedInputException mismatch) {
            return ApiError.badRequest(path(mismatch) + " " + expected(mismatch.getTargetType()));
        }
        if (e instanceof JsonMappingException mapping) {
            return ApiError.badRequest(path(mapping) + " is not valid");
        }
        return ApiError.badRequest("malformed JSON");
    }

    private static ErrorResponseException malformed(StreamReadException e) {
        if (e.getOriginalMessage().startsWith("Duplicate field") && e.getProcessor() != null) {
            return ApiError.badRequest("duplicate field " + path(e.getProcessor().getParsingContext()));
        }
        JsonLocation at = e.getLocation();
        return ApiError.badRequest(at == null ? "malformed JSON"
                : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be a whole number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be a JSON object";
        }
        return "has the wrong type";
    }

    /** The JSON path of the exception's place, from {@code $}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : e.getPath()) {
            path.append(reference.getFieldName() != null ? segment(reference.getFieldName())
                    : "[" + reference.getIndex() + "]");
        }
        return path.toString();
    }

    /** The JSON path of the parser's current field. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            path.insert(0, at.inArray() ? "[" + at.getCurrentIndex() + "]" : segment(String.valueOf(at.getCurrentName())));
        }
        return path.insert(0, "$").toString();
    }

    /** One step of a path; a name from the client is shortened and escaped, so a description cannot carry tricks. */
    private static String segment(String name) {
        return name.length() <= SHOWN_MAX && PLAIN_NAME.matcher(name).matches() ? "." + name : "[" + quoted(name) + "]";
    }

    /**
     * A name from the client as a description may show it: in double quotes, shortened, with quotes, backslashes
     * and every character outside printable ASCII escaped (no control, bidi or zero-width character gets through).
     */
    public static String quoted(String name) {
        StringBuilder quoted = new StringBuilder("\"");
        String shown = name.length() <= SHOWN_MAX ? name : name.substring(0, SHOWN_MAX);
        for (char c : shown.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7F) {
                quoted.append(c);
            } else {
                quoted.append(String.format("\\u%04X", (int) c));
            }
        }
        return quoted.append(name.length() > SHOWN_MAX ? "...\"" : "\"").toString();
    }

    /** A refusal of a value that is well-formed JSON of the right type; its message is the problem. */
    static JsonMappingException refused(JsonParser parser, String problem) {
        return new Refused(parser, problem);
    }

    private static final class Refused extends MismatchedInputException {

        private Refused(JsonParser parser, String problem) {
            super(parser, problem, (JavaType) null);
        }
    }

    /** Every string of a body: no field holds a NUL, and PostgreSQL refuses one in any query parameter. */
    private static final class NulFreeString extends StdScalarDeserializer<String> {

        private NulFreeString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw refused(parser, "contains a NUL character");
            }
            return value;
        }
    }

    private static final class NulFreeKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (key.indexOf('\0') >= 0) {
                throw refused(context.getParser(), "has a key with a NUL character");
            }
            return key;
        }
    }
}
