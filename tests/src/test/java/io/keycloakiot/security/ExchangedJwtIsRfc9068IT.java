package io.keycloakiot.security;

import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.introspect;
import static io.keycloakiot.support.IotApi.newDevice;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A JWT exchanged for a pack token (RFC 8693) is an RFC 9068 access token that a resource
 * server verifies as such ({@code typ: at+jwt}, {@code client_id}, an audience the requesting client was allowed),
 * that cannot pass for a user's consent ({@code device:read} is also a consent scope of the demo realm), and that a
 * public client obtains only where the realm allows it.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class ExchangedJwtIsRfc9068IT {

    private static final String DEVICE_TOKEN = "urn:keycloak-iot:token-type:device-token";
    private static final String AUDIENCES = "iot.token.exchange.audiences";
    private static final String PUBLIC_CLIENTS = "iot.token.exchange.public-clients";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    String device;
    String deviceToken;

    @BeforeEach
    void aDeviceWithAToken() {
        String alice = IotApi.userToken("alice");
        device = newDevice(alice, "Thermostat");
        deviceToken = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "firmware")).expect(201).json()
                .get("token").asText();
    }

    @Test
    void anExchangedJwtPassesAResourceServersRfc9068Checks() throws Exception {
        String jwt = exchange("iot-api", "iot-api-secret", Map.of()).expect(200).json().get("access_token").asText();

        DefaultJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();
        verifier.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(new URL(IotApi.url("/realms/iot/protocol/openid-connect/certs"))).build()));
        verifier.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("iot-api",
                new JWTClaimsSet.Builder().issuer(IotApi.url("/realms/iot")).subject(device).claim("client_id", "iot-api").build(),
                Set.of("iss", "exp", "aud", "sub", "client_id", "iat", "jti")));
        JWTClaimsSet claims = verifier.process(jwt, null);
        assertEquals(List.of("iot-api"), claims.getAudience(), "default audience: the requesting client");
        assertEquals(device, claims.getStringClaim("device_id"));
    }

    @Test
    void theAudienceComesOnlyFromTheRequestingClientsAllowList() throws Exception {
        exchange("iot-api", "iot-api-secret", Map.of("audience", "iot-backend")).expectError(400, "invalid_target");
        exchange("iot-api", "iot-api-secret", Map.of("audience", "iot-api")).expect(200);
        exchange("iot-api", "iot-api-secret", Map.of("resource", "https://elsewhere.example/api")).expectError(400, "invalid_target");

        ClientResource api = client("iot-api");
        ClientRepresentation representation = api.toRepresentation();
        Map<String, String> before = representation.getAttributes() == null ? Map.of() : Map.copyOf(representation.getAttributes());
        Map<String, String> with = new HashMap<>(before);
        with.put(AUDIENCES, "iot-backend");
        representation.setAttributes(with);
        api.update(representation);
        try {
            String jwt = exchange("iot-api", "iot-api-secret", Map.of("audience", "iot-backend")).expect(200).json()
                    .get("access_token").asText();
            assertEquals(List.of("iot-backend"), com.nimbusds.jwt.SignedJWT.parse(jwt).getJWTClaimsSet().getAudience());
            exchange("iot-api", "iot-api-secret", Map.of("audience", "iot-web")).expectError(400, "invalid_target");
        } finally {
            Map<String, String> restored = new HashMap<>(before);
            restored.putIfAbsent(AUDIENCES, "");
            representation.setAttributes(restored);
            api.update(representation);
        }
    }

    @Test
    void aDeviceJwtCarriesNoScopeThatCouldReadAsAUsersConsent() throws Exception {
        assertEquals("device:read", realm.admin().clientScopes().findAll().stream()
                .filter(scope -> scope.getName().equals("device:read")).findFirst().orElseThrow().getName());
        JsonNode answer = exchange("iot-api", "iot-api-secret", Map.of()).expect(200).json();
        assertFalse(answer.has("scope"), answer.toString());
        JWTClaimsSet claims = com.nimbusds.jwt.SignedJWT.parse(answer.get("access_token").asText()).getJWTClaimsSet();
        assertEquals(null, claims.getClaim("scope"), "the permissions are in authorization_details only: " + claims);
        assertFalse(claims.getListClaim("authorization_details").isEmpty());

        JsonNode introspected = introspect(deviceToken, null);
        assertFalse(introspected.has("scope"), "introspection neither: " + introspected);

        exchange("iot-api", "iot-api-secret", Map.of("scope", "device:read")).expectError(400, "invalid_scope");
    }

    @Test
    void aPublicClientExchangesOnlyWhereTheRealmAllowsIt() {
        exchange("iot-device-onboarding", null, Map.of("audience", "iot-api")).expect(200);

        RealmRepresentation representation = realm.admin().toRepresentation();
        Map<String, String> before = representation.getAttributes() == null ? Map.of() : Map.copyOf(representation.getAttributes());
        Map<String, String> without = new HashMap<>(before);
        without.put(PUBLIC_CLIENTS, "false");
        representation.setAttributes(without);
        realm.admin().update(representation);
        try {
            exchange("iot-device-onboarding", null, Map.of("audience", "iot-api")).expectError(400, "unauthorized_client");
            exchange("iot-api", "iot-api-secret", Map.of()).expect(200);
        } finally {
            Map<String, String> restored = new HashMap<>(before);
            restored.putIfAbsent(PUBLIC_CLIENTS, "");
            representation.setAttributes(restored);
            realm.admin().update(representation);
        }
        exchange("iot-device-onboarding", null, Map.of("audience", "iot-api")).expect(200);
    }

    private ClientResource client(String clientId) {
        return realm.admin().clients().get(realm.admin().clients().findByClientId(clientId).get(0).getId());
    }

    private IotApi.Reply exchange(String clientId, String secret, Map<String, String> extra) {
        Map<String, String> fields = new HashMap<>(extra);
        fields.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        fields.put("subject_token", deviceToken);
        fields.put("subject_token_type", DEVICE_TOKEN);
        if (secret == null) {
            fields.put("client_id", clientId);
            return IotApi.form("/realms/iot/protocol/openid-connect/token", fields);
        }
        return IotApi.form("/realms/iot/protocol/openid-connect/token", fields, clientId, secret);
    }
}
