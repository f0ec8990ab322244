package io.keycloakiot.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import io.keycloakiot.support.TestServer;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import jakarta.ws.rs.core.Response;

import static io.keycloakiot.support.IotApi.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo realm (every test's realm) is safe to copy: read through the admin API, then tried as an attacker would. */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class DemoRealmSafetyIT {

    private static final List<String> APPS = List.of("iot-web", "iot-mobile", "iot-backend", "iot-api",
            "iot-device-onboarding", "iot-cli");
    private static final String AUTH = "/realms/iot/protocol/openid-connect/auth";
    private static final String S256_CHALLENGE = "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @Test
    void bruteForceDetectionLocksTemporarilyAndAPasswordPolicyIsSet() {
        RealmRepresentation rep = realm.admin().toRepresentation();
        assertTrue(rep.isBruteForceProtected(), "brute-force detection is on");
        assertFalse(rep.isPermanentLockout(), "a lockout is temporary: an attacker cannot disable a user for good");
        assertTrue(rep.getFailureFactor() >= 3 && rep.getFailureFactor() <= 10, "failure factor " + rep.getFailureFactor());
        assertNotNull(rep.getPasswordPolicy(), "a password policy is set");
        assertTrue(rep.getPasswordPolicy().contains("length(") && rep.getPasswordPolicy().contains("notUsername"),
                rep.getPasswordPolicy());
    }

    @Test
    void theNthWrongPasswordLocksTheUserUntilTheWaitIsOver() {
        String id = RealmUsers.create(realm.admin(), "mallet");
        int failures = realm.admin().toRepresentation().getFailureFactor();
        for (int i = 0; i < failures; i++) {
            passwordGrant("mallet", "not-the-password-" + i).expectError(400, "invalid_grant");
        }
        assertEquals(400, passwordGrant("mallet", RealmUsers.password("mallet")).status(),
                "even the right password is refused while the user is locked");
        Map<String, Object> status = realm.admin().attackDetection().bruteForceUserStatus(id);
        assertEquals(Boolean.TRUE, status.get("disabled"), status.toString());
        assertTrue(realm.admin().users().get(id).toRepresentation().isEnabled(), "temporary: the user stays enabled");
        realm.admin().attackDetection().clearBruteForceForUser(id);
        assertEquals(200, passwordGrant("mallet", RealmUsers.password("mallet")).status(), "usable again once the wait is over");
    }

    @Test
    void aPasswordEqualToTheUsernameOrTooShortIsRefused() {
        for (String password : List.of("trudy", "Tr0ub4!")) {
            UserRepresentation user = new UserRepresentation();
            user.setUsername("trudy");
            user.setEnabled(true);
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType(CredentialRepresentation.PASSWORD);
            credential.setValue(password);
            credential.setTemporary(false);
            user.setCredentials(List.of(credential));
            try (Response response = realm.admin().users().create(user)) {
                assertEquals(400, response.getStatus(), "password '" + password + "'");
            }
        }
    }

    @Test
    void everyAppHasAnExplicitRoleScopeInsteadOfTheFullScope() {
        Map<String, Set<String>> expected = Map.of(
                "iot-web", Set.of(),
                "iot-mobile", Set.of("offline_access"),
                "iot-backend", Set.of(),
                "iot-api", Set.of(),
                "iot-device-onboarding", Set.of(),
                "iot-cli", Set.of("realm-management/realm-admin"));
        for (String clientId : APPS) {
            ClientRepresentation client = client(clientId);
            assertFalse(client.isFullScopeAllowed(), clientId + " has fullScopeAllowed");
            assertEquals(expected.get(clientId), scopeMappings(client.getId()), clientId);
        }
    }

    @Test
    void noAppRedirectsToAWildcardOrToKeycloaksOwnPaths() {
        for (String clientId : APPS) {
            ClientRepresentation client = client(clientId);
            for (String uri : client.getRedirectUris()) {
                assertFalse(uri.contains("*"), clientId + ": wildcard redirect " + uri);
                assertFalse(uri.startsWith(TestServer.baseUrl()), clientId + ": redirect onto Keycloak's own paths " + uri);
            }
        }
        // What the old wildcard let through: a code sent to any page under the realm's own paths.
        assertEquals(400, IotApi.call("GET", AUTH + "?client_id=iot-web&response_type=code&scope=openid&state=x"
                + "&redirect_uri=" + IotApi.url("/realms/iot/iot/anything") + S256_CHALLENGE, null, null, null).status());
        assertEquals(400, IotApi.call("GET", AUTH + "?client_id=iot-web&response_type=code&scope=openid&state=x"
                + "&redirect_uri=http://localhost:3000/elsewhere" + S256_CHALLENGE, null, null, null).status());
        assertEquals(200, IotApi.call("GET", AUTH + "?client_id=iot-web&response_type=code&scope=openid&state=x"
                + "&redirect_uri=http://localhost:3000/callback" + S256_CHALLENGE, null, null, null).status());
    }

    @Test
    void theBackendsCodeFlowNeedsPkceS256() {
        assertEquals("S256", client("iot-backend").getAttributes().get("pkce.code.challenge.method"));
        IotApi.Reply withoutPkce = IotApi.call("GET", AUTH + "?client_id=iot-backend&response_type=code&scope=openid&state=x"
                + "&redirect_uri=http://localhost:3000/callback", null, null, null);
        assertEquals(302, withoutPkce.status(), "refused back to the app, not a login page");
        assertTrue(withoutPkce.header("Location").contains("error=invalid_request"), withoutPkce.header("Location"));
        IotApi.Reply plain = IotApi.call("GET", AUTH + "?client_id=iot-backend&response_type=code&scope=openid&state=x"
                + "&redirect_uri=http://localhost:3000/callback&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq"
                + "&code_challenge_method=plain", null, null, null);
        assertEquals(302, plain.status(), "the plain method is refused too");
        assertEquals(200, IotApi.call("GET", AUTH + "?client_id=iot-backend&response_type=code&scope=openid&state=x"
                + "&redirect_uri=http://localhost:3000/callback" + S256_CHALLENGE, null, null, null).status());
    }

    private IotApi.Reply passwordGrant(String username, String password) {
        return form("/realms/iot/protocol/openid-connect/token", Map.of("grant_type", "password", "client_id", "iot-cli",
                "username", username, "password", password));
    }

    private ClientRepresentation client(String clientId) {
        return realm.admin().clients().findByClientId(clientId).get(0);
    }

    /** Realm roles by name, client roles as client/role. */
    private Set<String> scopeMappings(String id) {
        var mappings = realm.admin().clients().get(id).getScopeMappings().getAll();
        Set<String> names = mappings.getRealmMappings() == null ? new TreeSet<>()
                : mappings.getRealmMappings().stream().map(RoleRepresentation::getName).collect(Collectors.toCollection(TreeSet::new));
        if (mappings.getClientMappings() != null) {
            mappings.getClientMappings().forEach((client, roles) -> roles.getMappings()
                    .forEach(role -> names.add(client + "/" + role.getName())));
        }
        return names;
    }
}
