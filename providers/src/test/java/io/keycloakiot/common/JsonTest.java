package io.keycloakiot.common;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.common.util.Time;
import org.keycloak.services.ErrorResponseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strict binding of request bodies: every refusal is a 400 that names the field by its JSON path. */
class JsonTest {

    record Sample(String name, Boolean enabled, Long count, List<String> tags, Map<String, String> attributes) {
    }

    record Counted(int size) {
    }

    /** A read-only field sent back: accepted with any value, and still read within the parser's limits. */
    @JsonIgnoreProperties({"id"})
    record Ignoring(String name) {
    }

    record Resource(String type, String id) {

        Resource {
            if (id == null) {
                throw ApiError.invalidField("id", "is required");
            }
        }
    }

    record Check(Resource resource, String action) {
    }

    record Batch(String token, List<Check> checks) {
    }

    record Update(Given<String> note, Given<Map<String, String>> attributes) {
    }

    record Expiring(@JsonDeserialize(using = Expiry.Reader.class) Long expiresAt) {
    }

    @Test
    void aStrictBodyBinds() {
        Sample sample = Json.read(" {\"name\":\"A\",\"enabled\":true,\"count\":12,\"tags\":[\"x\"],"
                + "\"attributes\":{\"k\":\"v\"}}\n", Sample.class);
        assertEquals(new Sample("A", true, 12L, List.of("x"), Map.of("k", "v")), sample);
        assertEquals(new Counted(3), Json.read("{\"size\":3}", Counted.class));
    }

    @Test
    void anUnknownFieldIsNamedWithWhatIsAllowed() {
        assertRefused("{\"name\":\"A\",\"colour\":\"red\"}", Sample.class,
                "unknown field $.colour; allowed: attributes, count, enabled, name, tags");
        assertRefused("{\"token\":\"t\",\"checks\":[{\"resource\":{\"type\":\"d\",\"id\":\"1\",\"idx\":2},\"action\":\"r\"}]}",
                Batch.class, "unknown field $.checks[0].resource.idx; allowed: id, type");
    }

    @Test
    void anythingAfterTheValueIsRefused() {
        assertRefused("{\"name\":\"A\"} {\"name\":\"B\"}", Sample.class, "the request body has more after its JSON value");
        assertRefused("{\"name\":\"A\"} []", Sample.class, "the request body has more after its JSON value");
        assertRefused("{\"name\":\"A\"}}", Sample.class, "malformed JSON at line 1, column 13");
        assertRefused("{\"name\":\"A\"} x", Sample.class, "malformed JSON at line 1, column 14");
    }

    @Test
    void aDuplicateKeyIsRefusedWhereverItIs() {
        assertRefused("{\"name\":\"A\",\"name\":\"B\"}", Sample.class, "duplicate field $.name");
        assertRefused("{\"token\":\"t\",\"checks\":[{\"action\":\"r\"},{\"action\":\"r\",\"action\":\"w\"}]}", Batch.class,
                "duplicate field $.checks[1].action");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"name\":1}|$.name must be a string",
            "{\"name\":1.5}|$.name must be a string",
            "{\"name\":true}|$.name must be a string",
            "{\"name\":{}}|$.name must be a string",
            "{\"name\":[\"A\"]}|$.name must be a string",
            "{\"enabled\":\"true\"}|$.enabled must be true or false",
            "{\"enabled\":1}|$.enabled must be true or false",
            "{\"enabled\":\"\"}|$.enabled must be true or false",
            "{\"count\":\"12\"}|$.count must be a whole number",
            "{\"count\":1.0}|$.count must be a whole number",
            "{\"count\":1e3}|$.count must be a whole number",
            "{\"count\":true}|$.count must be a whole number",
            "{\"count\":\"\"}|$.count must be a whole number",
            "{\"count\":9223372036854775808}|$.count is out of range",
            "{\"tags\":\"x\"}|$.tags must be a list",
            "{\"tags\":{}}|$.tags must be a list",
            "{\"tags\":[1]}|$.tags[0] must be a string",
            "{\"tags\":[\"a\",null]}|$.tags[1] must not be null",
            "{\"attributes\":[]}|$.attributes must be a JSON object",
            "{\"attributes\":\"\"}|$.attributes must be a JSON object",
            "{\"attributes\":{\"color\":1}}|$.attributes.color must be a string",
            "{\"attributes\":{\"color\":null}}|$.attributes.color must not be null",
    })
    void noValueIsCoercedIntoAnotherType(String body, String description) {
        assertRefused(body, Sample.class, description);
    }

    @Test
    void aPrimitiveTakesNoNullAndNoValueOutOfItsRange() {
        assertRefused("{\"size\":null}", Counted.class, "$.size must be a whole number");
        assertRefused("{}", Counted.class, "$.size must be a whole number");
        assertRefused("{\"size\":2147483648}", Counted.class, "$.size is out of range");
    }

    @Test
    void aRecordsOwnRuleIsNamedByItsFullPath() {
        assertRefused("{\"token\":\"t\",\"checks\":[{\"resource\":{\"type\":\"d\",\"id\":\"1\"}},{\"resource\":{\"type\":\"d\",\"id\":\"2\"}},"
                + "{\"resource\":{\"type\":\"d\"}}]}", Batch.class, "$.checks[2].resource.id is required");
        assertRefused("{\"token\":\"t\",\"checks\":[null]}", Batch.class, "$.checks[0] must not be null");
        assertRefused("{\"token\":\"t\",\"checks\":[[]]}", Batch.class, "$.checks[0] must be a JSON object");
        assertEquals("$.name must not be blank", assertThrows(ErrorResponseException.class,
                () -> TextRules.name("name", " ", 10)).getErrorDescription(), "the same rule outside a body starts at $");
    }

    @Test
    void aNameFromTheClientIsShortenedAndEscapedInAPath() {
        assertRefused("{\"attributes\":{\"a b\\u202E\\\"\":1}}", Sample.class, "$.attributes[\"a b\\u202E\\\"\"] must be a string");
        String longKey = "k".repeat(500);
        assertRefused("{\"" + longKey + "\":1}", Sample.class,
                "unknown field $[\"" + "k".repeat(64) + "...\"]; allowed: attributes, count, enabled, name, tags");
        assertEquals("attributes.color", Json.member("attributes", "color"));
        assertEquals("attributes[\"\\u0000x\"]", Json.member("attributes", "\0x"));
    }

    @Test
    void aNulInAnyStringOrKeyIsRefused() {
        assertRefused("{\"name\":\"A\\u0000\"}", Sample.class, "$.name contains a NUL character");
        assertRefused("{\"tags\":[\"a\",\"\\u0000\"]}", Sample.class, "$.tags[1] contains a NUL character");
        assertRefused("{\"attributes\":{\"k\\u0000\":\"v\"}}", Sample.class, "$.attributes has a key with a NUL character");
    }

    @Test
    void aReadOnlyFieldIsIgnoredWhateverItHolds() {
        assertEquals(new Ignoring("A"), Json.read("{\"id\":{\"x\":[1,null]},\"name\":\"A\"}", Ignoring.class));
    }

    @Test
    void whatIsNotAJsonObjectIsRefused() {
        assertRefused("", Sample.class, "a JSON request body is required");
        assertRefused("  \n", Sample.class, "a JSON request body is required");
        assertRefused(null, Sample.class, "a JSON request body is required");
        assertRefused("null", Sample.class, "$ must be a JSON object, not null");
        assertRefused("[{\"name\":\"A\"}]", Sample.class, "$ must be a JSON object");
        assertRefused("\"device\"", Sample.class, "$ must be a JSON object");
        assertRefused("{\"name\": ", Sample.class, "malformed JSON at line 1, column 10");
        assertRefused("{\"name\":\"A\uFFFD\"}", Sample.class, "the request body is not valid UTF-8");
    }

    @Test
    void nestingOrANumberBeyondTheParsersLimitsIsABadRequest() {
        String tooDeep = "the JSON is nested too deeply or has a value that is too long";
        assertRefused("[".repeat(1500) + "]".repeat(1500), null, tooDeep);
        assertRefused("{\"tags\":" + "[".repeat(1500), null, tooDeep);
        assertRefused("{\"id\":" + "{\"a\":".repeat(1500) + "1" + "}".repeat(1501), Ignoring.class, tooDeep);
        assertRefused("{\"count\":1" + "0".repeat(1200) + "}", Sample.class, tooDeep);
    }

    @Test
    void givenTellsAbsentFromNullFromAValue() {
        Update absent = Json.read("{}", Update.class);
        assertFalse(absent.note().present());
        assertFalse(absent.attributes().present());
        Update cleared = Json.read("{\"note\":null,\"attributes\":null}", Update.class);
        assertTrue(cleared.note().isNull());
        assertTrue(cleared.attributes().isNull());
        Update set = Json.read("{\"note\":\"n\",\"attributes\":{\"k\":\"v\"}}", Update.class);
        assertEquals("n", set.note().value());
        assertEquals(Map.of("k", "v"), set.attributes().value());
        assertRefused("{\"note\":1}", Update.class, "$.note must be a string");
        assertRefused("{\"attributes\":{\"k\":true}}", Update.class, "$.attributes.k must be a string");
    }

    @Test
    void anExpiryIsEpochMillisecondsOrAnInstant() {
        assertEquals(1_900_000_000_000L, Json.read("{\"expiresAt\":1900000000000}", Expiring.class).expiresAt());
        assertEquals(1_896_134_400_000L, Json.read("{\"expiresAt\":\"2030-02-01T00:00:00Z\"}", Expiring.class).expiresAt());
        assertNull(Json.read("{\"expiresAt\":null}", Expiring.class).expiresAt());
        assertRefused("{\"expiresAt\":\"tomorrow\"}", Expiring.class,
                "$.expiresAt must be epoch milliseconds or an ISO-8601 instant such as 2030-01-31T00:00:00Z");
        assertRefused("{\"expiresAt\":1.5}", Expiring.class, "$.expiresAt must be epoch milliseconds or an ISO-8601 instant");
        assertRefused("{\"expiresAt\":true}", Expiring.class, "$.expiresAt must be epoch milliseconds or an ISO-8601 instant");
        assertRefused("{\"expiresAt\":99999999999999999999}", Expiring.class,
                "$.expiresAt must be epoch milliseconds or an ISO-8601 instant");
        ErrorResponseException past = assertThrows(ErrorResponseException.class,
                () -> Expiry.future("expiresAt", Time.currentTimeMillis() - 1));
        assertEquals("$.expiresAt must be in the future and before the year 10000", past.getErrorDescription());
    }

    @Test
    void aPartOfADocumentIsBoundWithPathsFromThePart() {
        Sample row = Json.bind(Json.tree("[{\"name\":\"A\"}]").get(0), Sample.class);
        assertEquals("A", row.name());
        ErrorResponseException e = assertThrows(ErrorResponseException.class,
                () -> Json.bind(Json.tree("[{\"name\":\"A\",\"enabled\":\"no\"}]").get(0), Sample.class));
        assertEquals("$.enabled must be true or false", e.getErrorDescription());
        assertRefused("[1] [2]", null, "the request body has more after its JSON value");
        assertRefused("{\"a\":1,\"a\":2}", null, "duplicate field $.a");
    }

    /** {@code type} null: the body read as a tree. */
    private static void assertRefused(String body, Class<?> type, String description) {
        ErrorResponseException e = assertThrows(ErrorResponseException.class,
                () -> {
                    if (type == null) {
                        Json.tree(body);
                    } else {
                        Json.read(body, type);
                    }
                });
        assertEquals(400, e.getResponse().getStatus());
        assertEquals("invalid_request", e.getError());
        assertEquals(description, e.getErrorDescription());
    }
}
