package io.keycloakiot.share;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Page;
import io.keycloakiot.common.RealmOwned;
import io.keycloakiot.common.Search;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Shares of one realm. Access through a share is always read from the database, so it ends the moment it is revoked. */
public class ShareStore {

    /**
     * A share in force at {@code :now} (for queries over {@code IotShare s}): accepted, not expired, and for a re-share
     * only while its parent is in force and allows re-sharing, whatever the rows of the re-share say.
     */
    public static final String LIVE = "s.status = io.keycloakiot.share.ShareStatus.ACCEPTED and (s.expiresAt is null or s.expiresAt > :now)"
            + " and (s.parentId is null or exists (select ps.id from IotShare ps where ps.id = s.parentId"
            + " and ps.status = io.keycloakiot.share.ShareStatus.ACCEPTED and ps.reshareAllowed = true"
            + " and (ps.expiresAt is null or ps.expiresAt > :now)))";

    /**
     * JPQL: {@code id} names a {@code type} ({@code device} or {@code ground}) that the user {@code :userId} reaches
     * through a share in force at {@code :now} with {@code condition} (JPQL over {@code s}, or empty): a share of it,
     * or for a device a share of a ground it is in. The device list and the check API's listing both ask this.
     */
    public static String reachedThroughShare(String id, String type, String condition) {
        String shares = " s.recipientId = :userId and " + LIVE + condition + ")";
        String direct = id + " in (select s.resourceId from IotShare s where s.resourceType = '" + type + "' and" + shares;
        return type.equals("device")
                ? "(" + direct + " or " + id + " in (select m.deviceId from IotGroundMembership m, IotShare s"
                        + " where s.resourceType = 'ground' and s.resourceId = m.groundId and" + shares + ")"
                : "(" + direct + ")";
    }

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

    /** The resource's shares, or only those one user made ({@code createdBy} non-null). */
    public List<IotShareEntity> ofResource(String resourceId, String createdBy, Page page) {
        TypedQuery<IotShareEntity> query = em.createQuery("select s from IotShare s where s.realmId = :realmId"
                        + " and s.resourceId = :resourceId" + (createdBy == null ? "" : " and s.createdBy = :createdBy")
                        + " order by s.createdAt, s.id", IotShareEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("resourceId", resourceId);
        if (createdBy != null) {
            query.setParameter("createdBy", createdBy);
        }
        return query.setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    /** Filters of the realm's share list; null fields do not filter. {@code email} matches part of the address. */
    public record Filter(ShareStatus status, String ownerId, String email, String resourceId) {
    }

    /** The realm's shares, newest first. */
    public List<IotShareEntity> ofRealm(Filter filter, long now, Page page) {
        StringBuilder jpql = new StringBuilder("select s from IotShare s where s.realmId = :realmId");
        Map<String, Object> params = new HashMap<>();
        params.put("realmId", realm.getId());
        if (filter.status() != null) {
            jpql.append(statusCondition(filter.status()));
            params.put("status", filter.status());
            if (filter.status() != ShareStatus.DECLINED && filter.status() != ShareStatus.REVOKED) {
                params.put("now", now);
            }
        }
        if (filter.ownerId() != null) {
            jpql.append(" and s.ownerId = :ownerId");
            params.put("ownerId", filter.ownerId());
        }
        if (filter.email() != null) {
            jpql.append(" and s.recipientEmail like :email escape '" + Search.ESCAPE + "'");
            params.put("email", Search.containsPattern(filter.email()));
        }
        if (filter.resourceId() != null) {
            jpql.append(" and s.resourceId = :resourceId");
            params.put("resourceId", filter.resourceId());
        }
        TypedQuery<IotShareEntity> query = em.createQuery(jpql.append(" order by s.createdAt desc, s.id").toString(),
                IotShareEntity.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    /** A status as {@link IotShareEntity#statusAt} shows it: a live share past its expiry counts as expired. */
    private static String statusCondition(ShareStatus status) {
        return switch (status) {
            case PENDING, ACCEPTED -> " and s.status = :status and (s.expiresAt is null or s.expiresAt > :now)";
            case EXPIRED -> " and (s.status = :status or (s.status in (io.keycloakiot.share.ShareStatus.PENDING,"
                    + " io.keycloakiot.share.ShareStatus.ACCEPTED) and s.expiresAt <= :now))";
            case DECLINED, REVOKED -> " and s.status = :status";
        };
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

    /** The invitations this user (owner or re-sharing recipient) made that still wait for an answer. */
    public long pendingBy(String userId, long now) {
        return em.createQuery("select count(s) from IotShare s where s.realmId = :realmId and s.createdBy = :userId"
                        + " and s.status = io.keycloakiot.share.ShareStatus.PENDING and (s.expiresAt is null or s.expiresAt > :now)",
                        Long.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).setParameter("now", now)
                .getSingleResult();
    }

    /** How many shares this user (owner or re-sharing recipient) invited since then: each mails at most once an hour. */
    public long invitedSince(String userId, long since) {
        return em.createQuery("select count(s) from IotShare s where s.realmId = :realmId and s.createdBy = :userId"
                        + " and s.createdAt >= :since", Long.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).setParameter("since", since)
                .getSingleResult();
    }

    /** The live accepted share of this device or ground that the user holds directly, or null. */
    public IotShareEntity liveShareOf(String userId, String resourceId, long now) {
        return em.createQuery("select s from IotShare s where s.resourceId = :resourceId and s.recipientId = :userId and "
                        + LIVE, IotShareEntity.class)
                .setParameter("resourceId", resourceId).setParameter("userId", userId).setParameter("now", now)
                .getResultStream().findFirst().orElse(null);
    }

    /** Pending or accepted shares past their expiry, oldest first, across realms (for the expiry sweep). */
    public static List<IotShareEntity> expired(EntityManager em, long now, int max) {
        return em.createQuery("select s from IotShare s where s.status in (io.keycloakiot.share.ShareStatus.PENDING,"
                        + " io.keycloakiot.share.ShareStatus.ACCEPTED) and s.expiresAt <= :now order by s.expiresAt",
                        IotShareEntity.class)
                .setParameter("now", now).setMaxResults(max).getResultList();
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

    /**
     * Writes the share before its mail goes out; two invitations of one address at the same moment meet the unique
     * (resource, address) index here, and the later one is a 409.
     */
    public void flushOrConflict() {
        ApiError.flushOrConflict(em, "this address is being invited at the same moment; try again");
    }

    /**
     * The pending and accepted re-shares made from this share, locked until the transaction ends, so that a re-share
     * being made at the same moment waits for the parent's change (see {@link #lockForResharing}).
     */
    public List<IotShareEntity> resharesOf(String parentId) {
        return em.createQuery("select s from IotShare s where s.parentId = :parentId and s.status in"
                        + " (io.keycloakiot.share.ShareStatus.PENDING, io.keycloakiot.share.ShareStatus.ACCEPTED) order by s.id",
                        IotShareEntity.class)
                .setParameter("parentId", parentId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /** Reads the re-sharer's share again, locked: a re-share is made from its latest state, not one being narrowed. */
    public void lockForResharing(IotShareEntity parent) {
        em.refresh(parent, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Ends every share of a device or ground (it is deleted or changes owner); re-shares go with their parent's row. */
    public static void removeAll(EntityManager em, String resourceId) {
        em.createQuery("delete from IotShare s where s.resourceId = :resourceId").setParameter("resourceId", resourceId)
                .executeUpdate();
    }
}
