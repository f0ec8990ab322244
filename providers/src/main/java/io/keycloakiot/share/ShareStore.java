package io.keycloakiot.share;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManager;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Page;
import io.keycloakiot.common.RealmOwned;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Shares of one realm. Access through a share is always read from the database, so it ends the moment it is revoked. */
public class ShareStore {

    /** A share in force at {@code :now} (for queries over {@code IotShare s}). */
    public static final String LIVE = "s.status = io.keycloakiot.share.ShareStatus.ACCEPTED and (s.expiresAt is null or s.expiresAt > :now)";

    private final EntityManager em;
    private final RealmModel realm;

    public ShareStore(KeycloakSession session, RealmModel realm) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realm = realm;
    }

    /** The share with this id in the realm, or null. */
    public IotShareEntity find(String id) {
        IotShareEntity share = id == null || id.length() > RealmOwned.ID_MAX ? null : em.find(IotShareEntity.class, id);
        return share == null || !share.getRealmId().equals(realm.getId()) ? null : share;
    }

    /** The share of this resource with this id, or a 404. */
    public IotShareEntity require(String resourceId, String id) {
        IotShareEntity share = find(id);
        if (share == null || !share.getResourceId().equals(resourceId)) {
            throw ApiError.notFound("share");
        }
        return share;
    }

    public IotShareEntity findByRecipient(String resourceId, String email) {
        return em.createQuery("select s from IotShare s where s.resourceId = :resourceId and s.recipientEmail = :email",
                        IotShareEntity.class)
                .setParameter("resourceId", resourceId).setParameter("email", email)
                .getResultStream().findFirst().orElse(null);
    }

    public List<IotShareEntity> ofResource(String resourceId, Page page) {
        return em.createQuery("select s from IotShare s where s.realmId = :realmId and s.resourceId = :resourceId"
                        + " order by s.createdAt, s.id", IotShareEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("resourceId", resourceId)
                .setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    /** Shares the user received: those they answered, and pending invitations to their verified address. */
    public List<IotShareEntity> incoming(String userId, String verifiedEmail, Page page) {
        return em.createQuery("select s from IotShare s where s.realmId = :realmId and (s.recipientId = :userId"
                        + " or (s.status = io.keycloakiot.share.ShareStatus.PENDING and s.recipientEmail = :email))"
                        + " order by s.createdAt, s.id", IotShareEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId)
                .setParameter("email", verifiedEmail == null ? "" : verifiedEmail)
                .setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    /** The actions the user holds on the ground itself through a live share of it. */
    public Set<String> liveGroundActions(String userId, String groundId, long now) {
        return liveActions(userId, "ground", groundId, now);
    }

    private Set<String> liveActions(String userId, String resourceType, String resourceId, long now) {
        return actions(em.createQuery("select s.actions from IotShare s where s.resourceId = :resourceId"
                        + " and s.resourceType = :resourceType and s.recipientId = :userId and " + LIVE, String.class)
                .setParameter("resourceId", resourceId).setParameter("resourceType", resourceType).setParameter("userId", userId)
                .setParameter("now", now).getResultList());
    }

    private static Set<String> actions(List<String> rows) {
        Set<String> actions = new LinkedHashSet<>();
        rows.forEach(row -> actions.addAll(actionsOf(row)));
        return actions;
    }

    /** The actions of a stored {@code ACTIONS} value ({@code ",read,control,"}). */
    public static List<String> actionsOf(String stored) {
        return Arrays.stream(stored.split(",")).filter(action -> !action.isEmpty()).toList();
    }

    public void persist(IotShareEntity share) {
        share.setRealmId(realm.getId());
        em.persist(share);
    }

    /** Ends every share of a device or ground (it is deleted or changes owner). */
    public static void removeAll(EntityManager em, String resourceId) {
        em.createQuery("delete from IotShare s where s.resourceId = :resourceId").setParameter("resourceId", resourceId)
                .executeUpdate();
    }
}
