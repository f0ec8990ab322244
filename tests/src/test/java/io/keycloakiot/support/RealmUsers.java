package io.keycloakiot.support;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Users made for a test through Keycloak's own admin API; their password is {@link #password(String)}. */
public final class RealmUsers {

    private RealmUsers() {
    }

    /** Creates an enabled user with a verified email and the given roles of the realm-management client. */
    public static String create(RealmResource realm, String username, String... realmManagementRoles) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@example.com");
        user.setEmailVerified(true);
        user.setFirstName(username);
        user.setLastName("Test");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(password(username));
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        String id;
        try (Response response = realm.users().create(user)) {
            assertEquals(201, response.getStatus(), "create user " + username);
            String location = response.getLocation().getPath();
            id = location.substring(location.lastIndexOf('/') + 1);
        }
        if (realmManagementRoles.length > 0) {
            ClientRepresentation realmManagement = realm.clients().findByClientId("realm-management").get(0);
            ClientResource client = realm.clients().get(realmManagement.getId());
            List<RoleRepresentation> roles = Arrays.stream(realmManagementRoles)
                    .map(role -> client.roles().get(role).toRepresentation()).toList();
            realm.users().get(id).roles().clientLevel(realmManagement.getId()).add(roles);
        }
        return id;
    }

    /** The one rule for test users' passwords: long enough for the demo realm's policy, and not the username. */
    public static String password(String username) {
        return username + "-pass-1";
    }

    public static String idOf(RealmResource realm, String username) {
        return realm.users().search(username, true).get(0).getId();
    }
}
