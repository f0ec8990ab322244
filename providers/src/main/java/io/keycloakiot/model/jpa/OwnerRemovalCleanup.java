package io.keycloakiot.model.jpa;

import jakarta.persistence.EntityManager;
import io.keycloakiot.model.cache.TokenValidationCache;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Removes a user's devices, grounds, tokens and shares (given and received, and with a received share the re-shares
 * the user made from it: the schema deletes a share's re-shares with it) with the user, and everything of a realm with the realm. The pack's
 * tables have no foreign keys to Keycloak's (the realm row is gone before the event fires), so this
 * listener is what keeps nothing dangling. It runs in the removing transaction: both commit or neither.
 */
class OwnerRemovalCleanup implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserRemovedEvent removed) {
            removeOwned(removed.getKeycloakSession(), removed.getRealm(), removed.getUser().getId());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            removeRealm(removed.getKeycloakSession(), removed.getRealm().getId());
        }
    }

    private static void removeOwned(KeycloakSession session, RealmModel realm, String userId) {
        // Every cached validation of the user's tokens names the user as its owner.
        TokenValidationCache.changed(session, realm.getId(), userId);
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        String ownedDevices = "select d.id from IotDevice d where d.realmId = :realmId and d.ownerId = :ownerId";
        String ownedGrounds = "select g.id from IotGround g where g.realmId = :realmId and g.ownerId = :ownerId";
        for (String jpql : new String[] {
                "delete from IotToken c where c.realmId = :realmId and c.kind = io.keycloakiot.model.TokenKind.DEVICE"
                        + " and c.subjectId in (" + ownedDevices + ")",
                "delete from IotToken c where c.realmId = :realmId and c.kind = io.keycloakiot.model.TokenKind.GROUND"
                        + " and c.subjectId in (" + ownedGrounds + ")",
                "delete from IotToken c where c.realmId = :realmId and c.kind = io.keycloakiot.model.TokenKind.PROFILE"
                        + " and c.subjectId = :ownerId",
                "delete from IotShare s where s.realmId = :realmId and (s.ownerId = :ownerId or s.recipientId = :ownerId)",
                "delete from IotGroundMembership m where m.deviceId in (" + ownedDevices + ")",
                "delete from IotGroundMembership m where m.groundId in (" + ownedGrounds + ")",
                "delete from IotDevice d where d.realmId = :realmId and d.ownerId = :ownerId",
                "delete from IotGround g where g.realmId = :realmId and g.ownerId = :ownerId"}) {
            em.createQuery(jpql).setParameter("realmId", realm.getId()).setParameter("ownerId", userId).executeUpdate();
        }
    }

    private static void removeRealm(KeycloakSession session, String realmId) {
        TokenValidationCache.realmChanged(session, realmId);
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        for (String jpql : new String[] {
                "delete from IotToken c where c.realmId = :realmId",
                "delete from IotShare s where s.realmId = :realmId",
                "delete from IotGroundMembership m where m.groundId in (select g.id from IotGround g where g.realmId = :realmId)",
                "delete from IotDevice d where d.realmId = :realmId",
                "delete from IotGround g where g.realmId = :realmId"}) {
            em.createQuery(jpql).setParameter("realmId", realmId).executeUpdate();
        }
    }
}
