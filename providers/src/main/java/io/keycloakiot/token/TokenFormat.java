package io.keycloakiot.token;

import io.keycloakiot.model.TokenKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * {@code <prefix>_<keyId>_<secret><checksum>}, GitHub-style: the prefix names the kind, the key id is public
 * (listed, usable as an HTTP Basic user name), the secret carries 190 random bits, and a CRC32 checksum lets
 * a mistyped or truncated token be refused without touching the database. Only a SHA-256 of the whole token
 * is stored: with 190 bits of entropy a fast hash is enough, and it needs no key shared between nodes.
 */
public final class TokenFormat {

    static final String KEY_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final int KEY_ID_LENGTH = 16;
    static final int SECRET_LENGTH = 32;
    static final int CHECKSUM_LENGTH = 6;
    /** Anything longer is not a pack token; refused before any other work. */
    static final int MAX_LENGTH = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenFormat() {
    }

    /** A token split into its parts; the secret part includes the checksum. */
    public record Parsed(TokenKind kind, String keyId, String token) {
    }

    /** A new token of the kind: the full string, shown once, and its key id. */
    public static Parsed generate(TokenKind kind) {
        String keyId = random(KEY_ID_ALPHABET, KEY_ID_LENGTH);
        return new Parsed(kind, keyId, withSecret(kind.prefix() + "_" + keyId + "_"));
    }

    /**
     * A one-time secret that names no token (a fleet device's claim secret): {@code <prefix>_<secret><checksum>},
     * as strong as a token's and stored the same way ({@link #hash}); a prefix that is no {@link TokenKind} keeps
     * it out of introspection.
     */
    public static String generateSecret(String prefix) {
        return withSecret(prefix + "_");
    }

    private static String withSecret(String start) {
        String body = start + random(SECRET_ALPHABET, SECRET_LENGTH);
        return body + checksum(body);
    }

    /**
     * Whether the string claims to be a pack token (its prefix, or the Basic form's key id and colon), whatever
     * else is wrong with it: such strings are answered by the pack, everything else by Keycloak.
     */
    public static boolean looksLikePackToken(String token) {
        if (token == null || token.length() < 5) {
            return false;
        }
        if (token.length() > KEY_ID_LENGTH && token.charAt(KEY_ID_LENGTH) == ':') {
            return isKeyId(token.substring(0, KEY_ID_LENGTH));
        }
        return token.charAt(4) == '_' && TokenKind.byPrefix(token.substring(0, 4)) != null;
    }

    /**
     * The parts of a well-formed token with a valid checksum, or null: no database access needed. Also takes
     * the HTTP Basic form {@code <keyId>:<secret>} (user name = key id, password = the part after the second
     * underscore), for devices that can only send Basic credentials.
     */
    public static Parsed parse(String token) {
        if (token != null && token.length() <= MAX_LENGTH && token.indexOf(':') == KEY_ID_LENGTH) {
            return parseBasic(token.substring(0, KEY_ID_LENGTH), token.substring(KEY_ID_LENGTH + 1));
        }
        return parseFull(token);
    }

    /** The kind is not sent in the Basic form: the checksum, which covers the prefix, tells it. */
    private static Parsed parseBasic(String keyId, String secret) {
        for (TokenKind kind : TokenKind.values()) {
            Parsed parsed = parseFull(kind.prefix() + "_" + keyId + "_" + secret);
            if (parsed != null) {
                return parsed;
            }
        }
        return null;
    }

    private static Parsed parseFull(String token) {
        int expected = 4 + 1 + KEY_ID_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH;
        if (token == null || token.length() != expected || !looksLikePackToken(token)
                || token.charAt(5 + KEY_ID_LENGTH) != '_') {
            return null;
        }
        String keyId = token.substring(5, 5 + KEY_ID_LENGTH);
        String secret = token.substring(6 + KEY_ID_LENGTH, 6 + KEY_ID_LENGTH + SECRET_LENGTH);
        String checksum = token.substring(expected - CHECKSUM_LENGTH);
        if (!only(keyId, KEY_ID_ALPHABET) || !only(secret, SECRET_ALPHABET)
                || !checksum.equals(checksum(token.substring(0, expected - CHECKSUM_LENGTH)))) {
            return null;
        }
        return new Parsed(TokenKind.byPrefix(token.substring(0, 4)), keyId, token);
    }

    /** Hex SHA-256 of the whole token: what the database keeps. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of the presented token's hash with the stored one. */
    public static boolean matches(String token, String storedHash) {
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    public static boolean isKeyId(String text) {
        return text != null && text.length() == KEY_ID_LENGTH && only(text, KEY_ID_ALPHABET);
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = SECRET_ALPHABET.charAt((int) (value % SECRET_ALPHABET.length()));
            value /= SECRET_ALPHABET.length();
        }
        return new String(out);
    }

    private static String random(String alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return new String(out);
    }

    private static boolean only(String text, String alphabet) {
        for (int i = 0; i < text.length(); i++) {
            if (alphabet.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
