package io.keycloakiot.ground;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import io.keycloakiot.common.RealmOwned;
import io.keycloakiot.common.Page;
import io.keycloakiot.common.Search;
import io.keycloakiot.share.ShareStore;
import io.keycloakiot.token.CredentialStore;
import io.keycloakiot.token.TokenKind;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Grounds of one realm and their device memberships, in Keycloak's JPA persistence unit. */
public class GroundStore {

    private final KeycloakSession session;
    private final EntityManager em;
    private final RealmModel realm;

    public GroundStore(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realm = realm;
    }

    /** The ground with this id in the realm, visible in the scope (null = whole realm); 404 otherwise. */
    public IotGroundEntity require(String id, String ownerScope) {
        return RealmOwned.require(em, IotGroundEntity.class, id, realm, ownerScope, "ground");
    }

    /** Grounds of the realm, narrowed to an owner, a name search and the grounds a device is in (each null = any). */
    public List<IotGroundEntity> list(String owner, String search, String deviceId, Page page) {
        StringBuilder jpql = new StringBuilder("select g from IotGround g where g.realmId = :realmId");
        Map<String, Object> params = new HashMap<>();
        params.put("realmId", realm.getId());
        if (owner != null) {
            jpql.append(" and g.ownerId = :ownerId");
            params.put("ownerId", owner);
        }
        if (search != null && !search.isBlank()) {
            jpql.append(" and lower(g.name) like :search escape '" + Search.ESCAPE + "'");
            params.put("search", Search.containsPattern(search.strip()));
        }
        if (deviceId != null && !deviceId.isBlank()) {
            jpql.append(" and g.id in (select m.groundId from IotGroundMembership m where m.deviceId = :deviceId)");
            params.put("deviceId", deviceId);
        }
        jpql.append(" order by g.createdAt, g.id");
        TypedQuery<IotGroundEntity> query = em.createQuery(jpql.toString(), IotGroundEntity.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    public void persist(IotGroundEntity ground) {
        ground.setRealmId(realm.getId());
        em.persist(ground);
    }

    /** Deletes the ground with its memberships and tokens; its devices stay. */
    public void delete(IotGroundEntity ground) {
        detach(ground);
        em.remove(ground);
    }

    /**
     * Gives a ground to another owner; its devices belonged to the former owner, so they leave it, and the
     * former owner's ground tokens are revoked.
     */
    public void transfer(IotGroundEntity ground, String newOwnerId) {
        if (Objects.equals(ground.getOwnerId(), newOwnerId)) {
            return;
        }
        detach(ground);
        ground.setOwnerId(newOwnerId);
    }

    /** Empties the ground, ends its shares and revokes its tokens: what leaving its owner means. */
    private void detach(IotGroundEntity ground) {
        ShareStore.removeAll(em, ground.getId());
        CredentialStore.revokeAll(session, realm.getId(), TokenKind.GROUND, ground.getId());
        em.createQuery("delete from IotGroundMembership m where m.groundId = :groundId")
                .setParameter("groundId", ground.getId()).executeUpdate();
    }

    /** Adds the device to the ground; returns false when it already was a member. */
    public boolean addDevice(String groundId, String deviceId) {
        if (em.find(IotGroundMembershipEntity.class, new IotGroundMembershipEntity.Key(groundId, deviceId)) != null) {
            return false;
        }
        IotGroundMembershipEntity membership = new IotGroundMembershipEntity();
        membership.setGroundId(groundId);
        membership.setDeviceId(deviceId);
        membership.setAddedAt(Time.currentTimeMillis());
        em.persist(membership);
        return true;
    }

    /** Removes the device from the ground; returns false when it was not a member. */
    public boolean removeDevice(String groundId, String deviceId) {
        return em.createQuery("delete from IotGroundMembership m where m.groundId = :groundId and m.deviceId = :deviceId")
                .setParameter("groundId", groundId).setParameter("deviceId", deviceId).executeUpdate() > 0;
    }
}
