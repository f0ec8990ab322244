package io.keycloakiot.token;

import io.keycloakiot.model.TokenKind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Everything that is not a well-formed token with a valid checksum is refused here, before any database access. */
class TokenFormatTest {

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void generatedTokensParseBackToTheirKindAndKeyId(TokenKind kind) {
        TokenFormat.Parsed token = TokenFormat.generate(kind);
        assertTrue(token.token().startsWith(kind.prefix() + "_" + token.keyId() + "_"));
        TokenFormat.Parsed parsed = TokenFormat.parse(token.token());
        assertEquals(kind, parsed.kind());
        assertEquals(token.keyId(), parsed.keyId());
        assertTrue(TokenFormat.looksLikePackToken(token.token()));
    }

    @Test
    void everyMalformedVariantIsRefusedWithoutALookup() {
        String token = TokenFormat.generate(TokenKind.DEVICE).token();
        char last = token.charAt(token.length() - 1);
        String[] malformed = {
                null, "", "iotd_", token.substring(0, token.length() - 1), token + "A",
                token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'),
                "iotx" + token.substring(4), token.replace('_', '-'), token.toUpperCase(),
                "iotd_" + "a".repeat(10_000), "iotd_ÄÖÜäöüßéèêëabcdefgh_" + token.substring(22),
                token.substring(0, 10) + "\u0000" + token.substring(11), "eyJhbGciOiJSUzI1NiJ9.e30.sig",
        };
        for (String candidate : malformed) {
            assertNull(TokenFormat.parse(candidate), () -> "accepted: " + candidate);
        }
    }

    @Test
    void theChecksumCatchesEverySingleCharacterTypo() {
        String token = TokenFormat.generate(TokenKind.GROUND).token();
        for (int i = 22; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'x' ? 'y' : 'x';
            String typo = token.substring(0, i) + replacement + token.substring(i + 1);
            assertNull(TokenFormat.parse(typo), "typo at " + i);
        }
    }

    @Test
    void theBasicFormCarriesKeyIdAndSecretAndFindsTheKind() {
        TokenFormat.Parsed token = TokenFormat.generate(TokenKind.GROUND);
        String secret = token.token().substring(token.token().lastIndexOf('_') + 1);
        TokenFormat.Parsed parsed = TokenFormat.parse(token.keyId() + ":" + secret);
        assertEquals(TokenKind.GROUND, parsed.kind());
        assertEquals(token.token(), parsed.token());
        assertNull(TokenFormat.parse(token.keyId() + ":" + secret.substring(1) + "x"));
    }

    @Test
    void hashesAreStableAndComparedWholly() {
        String token = TokenFormat.generate(TokenKind.DEVICE).token();
        String other = TokenFormat.generate(TokenKind.DEVICE).token();
        assertEquals(64, TokenFormat.hash(token).length());
        assertTrue(TokenFormat.matches(token, TokenFormat.hash(token)));
        assertFalse(TokenFormat.matches(other, TokenFormat.hash(token)));
        assertNotEquals(TokenFormat.hash(token), TokenFormat.hash(other));
    }
}
