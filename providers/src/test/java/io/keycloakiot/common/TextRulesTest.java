package io.keycloakiot.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.services.ErrorResponseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextRulesTest {

    @Test
    void namesAreNormalisedAndTrimmed() {
        assertEquals("Caf\u00E9", TextRules.name("name", "  Cafe\u0301\t", 255));
        assertEquals("x".repeat(255), TextRules.name("name", "x".repeat(255), 255));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "a\u0000b", "a\nb", "a\u202Eb", "a\u200Bb", "a\uFEFFb", "a\uE000b", "a\u2028b", "a\uD800b"})
    void invisibleOrEmptyNamesAreRefused(String name) {
        assertThrows(ErrorResponseException.class, () -> TextRules.name("name", name, 255));
    }

    @Test
    void emailsAreLowerCasedAndTrimmed() {
        assertEquals("dave@example.com", TextRules.email("email", " Dave@Example.COM ", 254));
    }

    /** Found by the fuzz harness: each of these was invited as if it were a plain address. */
    @ParameterizedTest
    @ValueSource(strings = {"dav\uFEFFe@example.com", "dav\u2060e@example.com", "dav\u2028e@example.com", "dav\u0085e@example.com",
            "dave@exa\u202Emple.com", "dave", "dave@", "@example.com"})
    void invisibleOrMalformedEmailsAreRefused(String email) {
        assertThrows(ErrorResponseException.class, () -> TextRules.email("email", email, 254));
    }

    @Test
    void lengthIsCountedInUtf16Units() {
        TextRules.name("name", "\uD83C\uDF21".repeat(2), 4);
        assertThrows(ErrorResponseException.class, () -> TextRules.name("name", "\uD83C\uDF21".repeat(3), 4));
    }

    @Test
    void descriptionsKeepLineBreaks() {
        assertEquals("a\nb\tc", TextRules.description("description", "a\nb\tc", 100));
        assertEquals("", TextRules.description("description", "  ", 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SN-0001", "AA:BB:CC:DD:EE:FF", "urn:dev/1+2@site", "thermostat", "a_b.c"})
    void identifiersAcceptSerialsAndUrns(String id) {
        assertEquals(id, TextRules.identifier("externalId", id, 255));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-leading", "with space", "a,b", "quote\"", "ümlaut", "a\nb"})
    void identifiersRefuseEverythingElse(String id) {
        assertThrows(ErrorResponseException.class, () -> TextRules.identifier("externalId", id, 255));
    }
}
