package io.keycloakiot.support;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user signs in to an app through Keycloak's own login page (authorization code + PKCE S256, RFC 7636), as a
 * browser would, and the app redeems the code: how real apps get their users' access tokens.
 */
public final class CodeFlow {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CodeFlow() {
    }

    /**
     * The app's access token for the user.
     *
     * @param secret  the app's client secret, or null for a public client
     * @param consent whether the app asks for consent, which the user then gives
     */
    public static JsonNode tokens(String clientId, String secret, String redirectUri, String scope, String username,
                                  boolean consent) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Browser browser = new Browser();
        Browser.Page login = browser.open(IotApi.url("/realms/" + IotApi.REALM + "/protocol/openid-connect/auth") + "?client_id="
                + encode(clientId) + "&response_type=code&scope=" + encode(scope) + "&state=s&redirect_uri=" + encode(redirectUri)
                + "&code_challenge_method=S256&code_challenge=" + challenge(verifier));
        Map<String, String> credentials = Map.of("username", username, "password", RealmUsers.password(username));
        URI back = consent ? browser.submitForRedirect(browser.submit(login, credentials), Map.of("accept", "Yes"))
                : browser.submitForRedirect(login, credentials);
        assertTrue(back.toString().startsWith(redirectUri) && back.getQuery().contains("code="), back.toString());
        String code = back.getQuery().replaceAll(".*(?:^|&)code=([^&]+).*", "$1");
        Map<String, String> fields = new HashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri, "code_verifier", verifier));
        if (secret == null) {
            fields.put("client_id", clientId);
        }
        return IotApi.form("/realms/" + IotApi.REALM + "/protocol/openid-connect/token", fields, secret == null ? null : clientId, secret)
                .expect(200).json();
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
