package io.keycloakiot.common;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.services.ErrorResponseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Cases the fuzz harness (BadInputFuzzIT) found: each is a 400, never a 500 and never a silent choice. */
class JsonInputTest {

    private static final Set<String> FIELDS = Set.of("name", "type");

    @Test
    void nestingBeyondTheParsersLimitIsABadRequest() {
        assertBadRequest("[".repeat(1500) + "]".repeat(1500));
        assertBadRequest("{\"name\":" + "[".repeat(1500));
    }

    @Test
    void aNumberTooLongForTheParserIsABadRequest() {
        assertBadRequest("{\"name\":1" + "0".repeat(1200) + "}");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertBadRequest("{\"name\":\"A\",\"name\":\"B\",\"type\":\"sensor\"}");
    }

    @Test
    void anythingAfterTheObjectIsRefused() {
        assertBadRequest("{\"name\":\"A\",\"type\":\"sensor\"} {\"name\":\"B\"}");
        assertBadRequest("{\"name\":\"A\",\"type\":\"sensor\"}}");
    }

    @Test
    void aBodyThatWasNotUtf8IsRefused() {
        assertBadRequest("{\"name\":\"A\uFFFD\",\"type\":\"sensor\"}");
    }

    @Test
    void aStrictBodyStillParses() {
        assertEquals("A", JsonInput.parse(" {\"name\":\"A\",\"type\":\"sensor\"}\n", FIELDS).requiredText("name"));
    }

    private static void assertBadRequest(String body) {
        ErrorResponseException e = assertThrows(ErrorResponseException.class, () -> JsonInput.parse(body, FIELDS));
        assertEquals(400, e.getResponse().getStatus());
    }
}
