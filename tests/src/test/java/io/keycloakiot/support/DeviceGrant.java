package io.keycloakiot.support;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import static io.keycloakiot.support.IotApi.form;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stock OAuth 2.0 Device Authorization Grant (RFC 8628) of the demo's {@code iot-device-onboarding} client. */
public final class DeviceGrant {

    private static final String DEVICE_ENDPOINT = "/realms/" + IotApi.REALM + "/protocol/openid-connect/auth/device";
    private static final String TOKEN_ENDPOINT = "/realms/" + IotApi.REALM + "/protocol/openid-connect/token";

    private DeviceGrant() {
    }

    /**
     * Runs RFC 8628 as a device and its owner would: the device asks, the user (password = username) approves in a
     * browser, the device polls; returns the device's access token.
     */
    public static String approvedBy(String username) {
        JsonNode authorization = form(DEVICE_ENDPOINT, Map.of("client_id", "iot-device-onboarding")).expect(200).json();
        String deviceCode = authorization.get("device_code").asText();
        // The device polls once, after the approval: an earlier poll would have to honour the polling interval.
        Browser browser = new Browser();
        Browser.Page page = browser.open(authorization.get("verification_uri_complete").asText());
        page = browser.submit(page, Map.of("username", username, "password", RealmUsers.password(username)));
        page = browser.submit(page, Map.of("accept", "Yes"));
        assertTrue(page.html().contains("Device Login Successful"), page.html());
        JsonNode tokens = form(TOKEN_ENDPOINT, Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "client_id", "iot-device-onboarding", "device_code", deviceCode)).expect(200).json();
        return tokens.get("access_token").asText();
    }
}
