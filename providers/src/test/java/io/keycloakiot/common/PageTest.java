package io.keycloakiot.common;

import org.junit.jupiter.api.Test;
import org.keycloak.services.ErrorResponseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageTest {

    @Test
    void defaultsAndBounds() {
        assertEquals(new Page(0, Page.DEFAULT_MAX), Page.of(null, null));
        assertEquals(new Page(20, 1000), Page.of("20", "1000"));
        assertThrows(ErrorResponseException.class, () -> Page.of("0", "1001"));
        assertThrows(ErrorResponseException.class, () -> Page.of("-1", "10"));
        assertThrows(ErrorResponseException.class, () -> Page.of("x", "10"));
    }
}
