package io.keycloakiot.share;

import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Share events that no REST caller makes (an answer through the mail link, an expiry), recorded like the REST
 * ones: in the realm's admin-event store, resource type {@code IOT_SHARE}, the share with its new status attached.
 */
final class ShareEvents {

    private ShareEvents() {
    }

    static void record(KeycloakSession session, RealmModel realm, UserModel author, ClientModel client, String ipAddress,
                       OperationType operation, ShareRepresentation share) {
        AdminAuth auth = new AdminAuth(realm, null, author, client);
        // The public constructor needs a client connection, which a scheduled task does not have.
        new AdminEventBuilder(realm, auth, session, ipAddress, null) {
        }.resource(ShareResource.AUDIT_TYPE).operation(operation).resourcePath("iot", "shares", share.id())
                .representation(share).detail("status", share.status().name()).success();
    }
}
