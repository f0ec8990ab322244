package io.keycloakiot.realm;

import java.util.List;
import java.util.Map;

import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pack is loaded into the server, and the demo realm of realm-config/ gives each app its stock OAuth flow. */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class DemoRealmIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    @Test
    void theServerRunsThePackAndItsTheme() {
        ServerInfoRepresentation info = adminClient.serverInfo().getInfo();
        assertTrue(info.getProviders().get("realm-restapi-extension").getProviders().containsKey("iot"));
        assertTrue(info.getProviders().get("admin-realm-restapi-extension").getProviders().containsKey("iot"));
        ProviderRepresentation storage = info.getProviders().get("jpa-entity-provider").getProviders().get("iot");
        assertFalse(storage.getOperationalInfo().get("version").isEmpty());
        assertTrue(info.getThemes().get("email").stream().anyMatch(theme -> theme.getName().equals("iot")));
        assertEquals("26.7.3", info.getSystemInfo().getVersion());
    }

    @Test
    void browserAndMobileAppsArePublicClientsWithPkce() {
        for (String clientId : List.of("iot-web", "iot-mobile")) {
            ClientRepresentation client = client(clientId);
            assertTrue(client.isPublicClient(), clientId);
            assertTrue(client.isStandardFlowEnabled(), clientId);
            assertFalse(client.isImplicitFlowEnabled(), clientId);
            assertFalse(client.isDirectAccessGrantsEnabled(), clientId);
            assertEquals("S256", client.getAttributes().get("pkce.code.challenge.method"), clientId);
        }
    }

    @Test
    void backendGetsATokenWithClientCredentials() {
        IotApi.Reply reply = form("/realms/iot/protocol/openid-connect/token", Map.of("grant_type", "client_credentials",
                "client_id", "iot-backend", "client_secret", "iot-backend-secret")).expect(200);
        assertFalse(reply.json().get("access_token").asText().isEmpty());
        form("/realms/iot/protocol/openid-connect/token", Map.of("grant_type", "client_credentials",
                "client_id", "iot-backend", "client_secret", "wrong")).expect(401);
        form("/realms/iot/protocol/openid-connect/token", Map.of("grant_type", "client_credentials",
                "client_id", "iot-api", "client_secret", "iot-api-secret")).expect(200);
    }

    @Test
    void onboardingClientStartsTheDeviceAuthorizationGrant() {
        IotApi.Reply reply = form("/realms/iot/protocol/openid-connect/auth/device", Map.of("client_id", "iot-device-onboarding")).expect(200);
        assertFalse(reply.json().get("device_code").asText().isEmpty());
        assertTrue(reply.json().get("verification_uri").asText().endsWith("/realms/iot/device"));
        form("/realms/iot/protocol/openid-connect/auth/device", Map.of("client_id", "iot-web")).expect(400);
    }

    @Test
    void onlyTheCliClientAcceptsPasswords() {
        assertFalse(IotApi.userToken("alice").isEmpty());
        form("/realms/iot/protocol/openid-connect/token", Map.of("grant_type", "password", "client_id", "iot-web",
                "username", "alice", "password", RealmUsers.password("alice"))).expect(400);
    }

    @Test
    void otpIsAvailableAsARequiredAction() {
        RequiredActionProviderRepresentation otp = realm.admin().flows().getRequiredAction("CONFIGURE_TOTP");
        assertTrue(otp.isEnabled());
    }

    private ClientRepresentation client(String clientId) {
        return realm.admin().clients().findByClientId(clientId).get(0);
    }
}
