package io.keycloakiot.token;

import java.net.URL;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 8693: a device or ground token becomes a short-lived JWT that any JOSE library verifies with the JWKS. */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class TokenExchangeIT {

    private static final String TOKEN_ENDPOINT = "/realms/iot/protocol/openid-connect/token";
    private static final String DEVICE_TOKEN = "urn:keycloak-iot:token-type:device-token";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    String alice;

    @BeforeEach
    void signIn() {
        alice = IotApi.userToken("alice");
    }

    @Test
    void aDeviceTokenBecomesAJwtVerifiedOfflineWithTheRealmKeys() throws Exception {
        String device = self("POST", "/devices", alice, Map.of("name", "Valve", "type", "valve")).expect(201).json().get("id").asText();
        String token = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "valve")).expect(201).json().get("token").asText();

        JsonNode answer = exchange("iot-api", "iot-api-secret", token, DEVICE_TOKEN, null).expect(200).json();
        assertEquals("urn:ietf:params:oauth:token-type:access_token", answer.get("issued_token_type").asText());
        assertEquals("Bearer", answer.get("token_type").asText());
        assertEquals(300, answer.get("expires_in").asInt());

        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(new URL(IotApi.url("/realms/iot/protocol/openid-connect/certs"))).build();
        DefaultJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();
        verifier.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        JWTClaimsSet claims = verifier.process(answer.get("access_token").asText(), null);

        assertEquals(IotApi.url("/realms/iot"), claims.getIssuer());
        assertEquals(device, claims.getSubject());
        assertEquals(List.of("iot-api"), claims.getAudience());
        assertEquals(device, claims.getStringClaim("device_id"));
        assertEquals("iot-api", claims.getStringClaim("azp"));
        assertTrue(claims.getExpirationTime().after(new Date()));
        long lifetime = claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
        assertEquals(300_000, lifetime);
        List<Object> details = claims.getListClaim("authorization_details");
        assertEquals("iot_device", ((Map<?, ?>) details.get(0)).get("type"));
        assertEquals(device, ((Map<?, ?>) details.get(0)).get("identifier"));
        assertTrue(((List<?>) ((Map<?, ?>) details.get(0)).get("actions")).contains("control"));
        assertEquals("iot-api", claims.getStringClaim("client_id"));
        assertEquals("at+jwt", com.nimbusds.jwt.SignedJWT.parse(answer.get("access_token").asText()).getHeader().getType().getType());
    }

    @Test
    void theAudienceIsTheRequestingClientOrOneItsAllowListNames() throws Exception {
        String device = self("POST", "/devices", alice, Map.of("name", "Fan", "type", "fan")).expect(201).json().get("id").asText();
        String token = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "fan")).expect(201).json().get("token").asText();
        // The demo's onboarding client lists iot-api (iot.token.exchange.audiences): a device gets a JWT for the platform API.
        String jwt = exchange("iot-device-onboarding", null, token, DEVICE_TOKEN, "iot-api").expect(200).json().get("access_token").asText();
        assertEquals(List.of("iot-api"), com.nimbusds.jwt.SignedJWT.parse(jwt).getJWTClaimsSet().getAudience());
        assertEquals("iot-device-onboarding", com.nimbusds.jwt.SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim("client_id"));
        exchange("iot-device-onboarding", null, token, DEVICE_TOKEN, "iot-backend").expectError(400, "invalid_target");
        exchange("iot-api", "iot-api-secret", token, DEVICE_TOKEN, "iot-backend").expectError(400, "invalid_target");
        exchange("iot-api", "iot-api-secret", token, DEVICE_TOKEN, "no-such-client").expectError(400, "invalid_target");
    }

    @Test
    void aGroundTokenExchangesWithItsGroundType() {
        String ground = self("POST", "/grounds", alice, Map.of("name", "Roof")).expect(201).json().get("id").asText();
        String token = self("POST", "/grounds/" + ground + "/tokens", alice, Map.of("name", "roof")).expect(201).json().get("token").asText();
        exchange("iot-api", "iot-api-secret", token, "urn:keycloak-iot:token-type:ground-token", null).expect(200);
        exchange("iot-api", "iot-api-secret", token, DEVICE_TOKEN, null).expectError(400, "invalid_request");
    }

    @Test
    void revokedUnknownOrMalformedTokensAndUnallowedClientsAreRefused() {
        String device = self("POST", "/devices", alice, Map.of("name", "Pump", "type", "pump")).expect(201).json().get("id").asText();
        JsonNode created = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "pump")).expect(201).json();
        String token = created.get("token").asText();

        exchange("iot-backend", "iot-backend-secret", token, DEVICE_TOKEN, null).expectError(400, "unauthorized_client");
        exchange("iot-api", "wrong-secret", token, DEVICE_TOKEN, null).expect(401);
        exchange("iot-api", "iot-api-secret", "iotd_malformed", DEVICE_TOKEN, null).expectError(400, "invalid_request");

        exchange("iot-api", "iot-api-secret", token, DEVICE_TOKEN, null).expect(200);
        self("DELETE", "/devices/" + device + "/tokens/" + created.get("id").asText(), alice, null).expect(204);
        exchange("iot-api", "iot-api-secret", token, DEVICE_TOKEN, null).expectError(400, "invalid_request");
    }

    @Test
    void thePublicOnboardingClientMayExchange() {
        String device = self("POST", "/devices", alice, Map.of("name", "Plug", "type", "plug")).expect(201).json().get("id").asText();
        String token = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "plug")).expect(201).json().get("token").asText();
        exchange("iot-device-onboarding", null, token, DEVICE_TOKEN, null).expect(200);
    }

    private static IotApi.Reply exchange(String clientId, String secret, String subjectToken, String type, String audience) {
        Map<String, String> fields = new HashMap<>();
        fields.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        fields.put("subject_token", subjectToken);
        fields.put("subject_token_type", type);
        if (audience != null) {
            fields.put("audience", audience);
        }
        if (secret == null) {
            fields.put("client_id", clientId);
            return IotApi.form(TOKEN_ENDPOINT, fields);
        }
        return IotApi.form(TOKEN_ENDPOINT, fields, clientId, secret);
    }
}
