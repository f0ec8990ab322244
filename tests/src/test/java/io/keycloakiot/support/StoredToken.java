package io.keycloakiot.support;

import io.keycloakiot.model.TokenModel;
import io.keycloakiot.model.TokenProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * A token's row as the database holds it, read inside the server through the pack's model (Keycloak's
 * run-on-server): each call is a fresh session, so it sees what has been committed, not a node's in-memory notes.
 * Its lambda lives in {@link ServerTimer#PACKAGE}, the package the tests' server may load.
 */
public final class StoredToken {

    /** The stored last use; both null while none has been written. */
    public record LastUse(Long at, String ip) {
    }

    private StoredToken() {
    }

    /** The stored last use of the token with this key id, in the realm of this name. */
    public static LastUse lastUse(RunOnServerClient server, String realmName, String keyId) {
        return server.fetch(session -> {
            RealmModel realm = session.realms().getRealmByName(realmName);
            TokenModel token = session.getProvider(TokenProvider.class).getToken(realm, keyId);
            if (token == null) {
                throw new AssertionError("no stored token " + keyId + " in realm " + realmName);
            }
            return new LastUse(token.getLastUsedAt(), token.getLastUsedIp());
        }, LastUse.class);
    }
}
