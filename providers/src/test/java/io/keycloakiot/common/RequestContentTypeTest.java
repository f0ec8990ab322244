package io.keycloakiot.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.services.ErrorResponseException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which declared request content types the pack reads. */
class RequestContentTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", "Application/JSON", "text/csv",
            "text/csv;charset=utf-8"})
    void jsonAndCsvAreRead(String declared) {
        assertDoesNotThrow(() -> RequestContentType.check(declared, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain",
            "application/xml", "*/*", "application/*", "json", "", "application/jsonx", "text/csv/x"})
    void anythingElseIsA415(String declared) {
        ErrorResponseException refused = assertThrows(ErrorResponseException.class, () -> RequestContentType.check(declared, true));
        assertEquals(415, refused.getResponse().getStatus());
    }

    @Test
    void noContentTypeIsFineWithoutABody() {
        assertDoesNotThrow(() -> RequestContentType.check(null, false));
    }

    /** Found by the fuzz harness: a JSON body sent without a Content-Type was read as JSON. */
    @Test
    void aBodyWithoutAContentTypeIsA415() {
        ErrorResponseException refused = assertThrows(ErrorResponseException.class, () -> RequestContentType.check(null, true));
        assertEquals(415, refused.getResponse().getStatus());
    }
}
