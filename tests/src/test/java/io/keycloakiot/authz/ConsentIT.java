package io.keycloakiot.authz;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.Browser;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.authz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backend app (client credentials) reaches a user's devices only while that user's Keycloak consent to the
 * app includes the scope {@code device:<action>}; the consent is granted on Keycloak's own consent screen.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class ConsentIT {

    /** The demo realm requires PKCE S256 of iot-backend's code flow; the flow stops before the code is redeemed. */
    private static final String PKCE = "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    @Test
    void consentGrantedThenRevokedFlipsTheBackendAppsAnswer() {
        String alice = IotApi.userToken("alice");
        String device = IotApi.newDevice(alice, "Boiler");
        String backend = IotApi.clientToken("iot-backend", "iot-backend-secret");
        assertDecision(backend, device, "read", false, "no_access");
        assertTrue(listed(backend, "read").isEmpty());

        // Alice signs in through the backend app once and approves "Read your devices" on the consent screen.
        Browser browser = new Browser();
        Browser.Page login = browser.open(IotApi.url("/realms/iot/protocol/openid-connect/auth") + "?client_id=iot-backend"
                + "&response_type=code&scope=openid%20device:read&state=s1&redirect_uri=http://localhost:3000/callback" + PKCE);
        Browser.Page consent = browser.submit(login, Map.of("username", "alice", "password", RealmUsers.password("alice")));
        assertTrue(consent.html().contains("Read your devices"), "the consent screen names the scope");
        URI back = browser.submitForRedirect(consent, Map.of("accept", "Yes"));
        assertTrue(back.toString().startsWith("http://localhost:3000/callback") && back.getQuery().contains("code="), back.toString());

        assertDecision(backend, device, "read", true, "consent");
        assertDecision(backend, device, "control", false, "no_access");
        assertEquals(Set.of(device), listed(backend, "read"));
        assertTrue(listed(backend, "control").isEmpty());

        // Another user's devices stay out of reach.
        RealmUsers.create(realm.admin(), "carol");
        String carolsDevice = IotApi.newDevice(IotApi.userToken("carol"), "Carol's lamp");
        assertDecision(backend, carolsDevice, "read", false, "no_access");

        // Revoked in Keycloak (the account console or, here, the admin API): the next check is denied.
        realm.admin().users().get(RealmUsers.idOf(realm.admin(), "alice")).revokeConsent("iot-backend");
        assertDecision(backend, device, "read", false, "no_access");
        assertTrue(listed(backend, "read").isEmpty());
    }

    @Test
    void aDisabledOwnerGrantsNothingThroughConsent() {
        String userId = RealmUsers.create(realm.admin(), "dave");
        String device = IotApi.newDevice(IotApi.userToken("dave"), "Dave's gate");
        Browser browser = new Browser();
        Browser.Page login = browser.open(IotApi.url("/realms/iot/protocol/openid-connect/auth") + "?client_id=iot-backend"
                + "&response_type=code&scope=openid%20device:control&state=s2&redirect_uri=http://localhost:3000/callback" + PKCE);
        browser.submitForRedirect(browser.submit(login, Map.of("username", "dave", "password", RealmUsers.password("dave"))), Map.of("accept", "Yes"));
        String backend = IotApi.clientToken("iot-backend", "iot-backend-secret");
        assertDecision(backend, device, "control", true, "consent");

        var rep = realm.admin().users().get(userId).toRepresentation();
        rep.setEnabled(false);
        realm.admin().users().get(userId).update(rep);
        assertDecision(backend, device, "control", false, "no_access");
        assertFalse(listed(backend, "control").contains(device));
    }

    private static void assertDecision(String token, String device, String action, boolean allowed, String reason) {
        JsonNode decision = IotApi.check(token, "device", device, action);
        assertEquals(allowed + ":" + reason, decision.get("allowed").asBoolean() + ":" + decision.get("reason").asText(), action);
    }

    private static Set<String> listed(String token, String action) {
        Set<String> ids = new TreeSet<>();
        authz("list", Map.of("token", token, "type", "device", "action", action)).expect(200).json().get("resources")
                .forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
