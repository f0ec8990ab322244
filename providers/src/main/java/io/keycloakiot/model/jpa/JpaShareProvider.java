package io.keycloakiot.model.jpa;

import java.util.Arrays;
import java.util.Collection;
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
import io.keycloakiot.common.Search;
import io.keycloakiot.model.ShareModel;
import io.keycloakiot.model.ShareProvider;
import io.keycloakiot.model.ShareStatus;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Shares in Keycloak's JPA persistence unit. */
final class JpaShareProvider extends JpaModel implements ShareProvider {

    /**
     * {@link ShareModel#live} in JPQL, for queries over {@code IotShare s} with {@code :now}: accepted, not expired,
     * and for a re-share only while its parent is in force and allows re-sharing, whatever the re-share's row says.
     */
    static final String LIVE = "s.status = io.keycloakiot.model.ShareStatus.ACCEPTED and (s.expiresAt is null or s.expiresAt > :now)"
            + " and (s.parentId is null or exists (select ps.id from IotShare ps where ps.id = s.parentId"
            + " and ps.status = io.keycloakiot.model.ShareStatus.ACCEPTED and ps.reshareAllowed = true"
            + " and (ps.expiresAt is null or ps.expiresAt > :now)))";

    /** A share that carries {@code :action} (a LIKE pattern over the stored ",a,b," form, see {@link #actionPattern}). */
    static final String WITH_ACTION = " and s.actions like :action escape '!'";

    JpaShareProvider(KeycloakSession session) {
        super(session);
    }

    /**
     * JPQL: {@code id} names a {@code type} ({@code device} or {@code ground}) that the user {@code :userId} reaches
     * through a live share at {@code :now} with {@code condition} (JPQL over {@code s}, or empty): a share of it, or
     * for a device a share of a ground it is in. The device list and the check API's listing both ask this.
     */
    static String reachedThroughShare(String id, String type, String condition) {
        String shares = " s.recipientId = :userId and " + LIVE + condition + ")";
        String direct = id + " in (select s.resourceId from IotShare s where s.resourceType = '" + type + "' and" + shares;
        return type.equals(ShareModel.DEVICE)
                ? "(" + direct + " or " + id + " in (select m.deviceId from IotGroundMembership m, IotShare s"
                        + " where s.resourceType = 'ground' and s.resourceId = m.groundId and" + shares + ")"
                : "(" + direct + ")";
    }

    static String actionPattern(String action) {
        return "%," + action.replace("!", "!!").replace("%", "!%").replace("_", "!_") + ",%";
    }

    /** The actions of a stored {@code ACTIONS} value ({@code ",read,control,"}). */
    static List<String> actionsOf(String stored) {
        return Arrays.stream(stored.split(",")).filter(action -> !action.isEmpty()).toList();
    }

    /** Ends every share of a device or ground (deleted or given away); re-shares go with their parent's row. */
    static void removeAllOf(EntityManager em, String resourceId) {
        em.createQuery("delete from IotShare s where s.resourceId = :resourceId").setParameter("resourceId", resourceId)
                .executeUpdate();
    }

    @Override
    public ShareModel getShare(RealmModel realm, String id) {
        IotShareEntity share = tooLong(id) ? null : em.find(IotShareEntity.class, id);
        return share == null || !share.getRealmId().equals(realm.getId()) ? null : share;
    }

    @Override
    public ShareModel getShareByRecipient(RealmModel realm, String resourceId, String email) {
        return em.createQuery("select s from IotShare s where s.realmId = :realmId and s.resourceId = :resourceId"
                        + " and s.recipientEmail = :email", IotShareEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("resourceId", resourceId).setParameter("email", email)
                .getResultStream().findFirst().orElse(null);
    }

    @Override
    public ShareModel addShare(RealmModel realm, String resourceType, String resourceId, String ownerId, String email) {
        IotShareEntity share = new IotShareEntity();
        share.setId(KeycloakModelUtils.generateId());
        share.setRealmId(realm.getId());
        share.setResourceType(resourceType);
        share.setResourceId(resourceId);
        share.setOwnerId(ownerId);
        share.setRecipientEmail(email);
        share.setStatus(ShareStatus.PENDING);
        share.setActions(List.of());
        em.persist(share);
        return share;
    }

    @Override
    public List<ShareModel> getSharesOf(RealmModel realm, String resourceId, String createdBy, Page page) {
        TypedQuery<IotShareEntity> query = em.createQuery("select s from IotShare s where s.realmId = :realmId"
                        + " and s.resourceId = :resourceId" + (createdBy == null ? "" : " and s.createdBy = :createdBy")
                        + " order by s.createdAt, s.id", IotShareEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("resourceId", resourceId);
        if (createdBy != null) {
            query.setParameter("createdBy", createdBy);
        }
        return List.copyOf(query.setFirstResult(page.first()).setMaxResults(page.max()).getResultList());
    }

    @Override
    public List<ShareModel> searchShares(RealmModel realm, Filter filter, long now, Page page) {
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
        return List.copyOf(query.setFirstResult(page.first()).setMaxResults(page.max()).getResultList());
    }

    /** {@link ShareModel#statusAt} in JPQL: a pending or accepted share past its expiry counts as expired. */
    private static String statusCondition(ShareStatus status) {
        return switch (status) {
            case PENDING, ACCEPTED -> " and s.status = :status and (s.expiresAt is null or s.expiresAt > :now)";
            case EXPIRED -> " and (s.status = :status or (s.status in (io.keycloakiot.model.ShareStatus.PENDING,"
                    + " io.keycloakiot.model.ShareStatus.ACCEPTED) and s.expiresAt <= :now))";
            case DECLINED, REVOKED -> " and s.status = :status";
        };
    }

    @Override
    public List<ShareModel> getIncoming(RealmModel realm, String userId, String verifiedEmail, Page page) {
        return List.copyOf(em.createQuery("select s from IotShare s where s.realmId = :realmId and (s.recipientId = :userId"
                        + " or (s.status = io.keycloakiot.model.ShareStatus.PENDING and s.recipientEmail = :email))"
                        + " order by s.createdAt, s.id", IotShareEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId)
                .setParameter("email", verifiedEmail == null ? "" : verifiedEmail)
                .setFirstResult(page.first()).setMaxResults(page.max()).getResultList());
    }

    @Override
    public long countPendingBy(RealmModel realm, String userId, long now) {
        return em.createQuery("select count(s) from IotShare s where s.realmId = :realmId and s.createdBy = :userId"
                        + " and s.status = io.keycloakiot.model.ShareStatus.PENDING and (s.expiresAt is null or s.expiresAt > :now)",
                        Long.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).setParameter("now", now)
                .getSingleResult();
    }

    @Override
    public long countInvitedSince(RealmModel realm, String userId, long since) {
        return em.createQuery("select count(s) from IotShare s where s.realmId = :realmId and s.createdBy = :userId"
                        + " and s.createdAt >= :since", Long.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).setParameter("since", since)
                .getSingleResult();
    }

    @Override
    public ShareModel getLiveShare(RealmModel realm, String userId, String resourceId, long now) {
        return em.createQuery("select s from IotShare s where s.realmId = :realmId and s.resourceId = :resourceId"
                        + " and s.recipientId = :userId and " + LIVE, IotShareEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("resourceId", resourceId).setParameter("userId", userId)
                .setParameter("now", now).getResultStream().findFirst().orElse(null);
    }

    @Override
    public Set<String> liveActionsOnDevice(RealmModel realm, String userId, String deviceId, long now) {
        return liveActionsOnDevices(realm, userId, List.of(deviceId), now).getOrDefault(deviceId, Set.of());
    }

    /** Direct and ground shares united, in one query; each part starts from the device ids (a recipient may hold thousands). */
    @Override
    public Map<String, Set<String>> liveActionsOnDevices(RealmModel realm, String userId, Collection<String> deviceIds, long now) {
        List<Object[]> rows = em.createQuery("select s.resourceId, s.actions from IotShare s where s.resourceId in :ids"
                        + " and s.resourceType = 'device' and s.recipientId = :userId and " + LIVE
                        + " union all select m.deviceId, s.actions from IotGroundMembership m, IotShare s where m.deviceId in :ids"
                        + " and s.resourceId = m.groundId and s.resourceType = 'ground' and s.recipientId = :userId and "
                        + LIVE, Object[].class)
                .setParameter("ids", deviceIds).setParameter("userId", userId).setParameter("now", now).getResultList();
        Map<String, Set<String>> held = new HashMap<>();
        for (Object[] row : rows) {
            held.computeIfAbsent((String) row[0], id -> new LinkedHashSet<>()).addAll(actionsOf((String) row[1]));
        }
        return held;
    }

    @Override
    public Set<String> liveActionsOnGround(RealmModel realm, String userId, String groundId, long now) {
        Set<String> actions = new LinkedHashSet<>();
        em.createQuery("select s.actions from IotShare s where s.resourceId = :groundId and s.resourceType = 'ground'"
                        + " and s.recipientId = :userId and " + LIVE, String.class)
                .setParameter("groundId", groundId).setParameter("userId", userId).setParameter("now", now)
                .getResultList().forEach(row -> actions.addAll(actionsOf(row)));
        return actions;
    }

    @Override
    public List<ShareModel> getLiveSharesOf(RealmModel realm, String userId, long now, int max) {
        return List.copyOf(em.createQuery("select s from IotShare s where s.realmId = :realmId and s.recipientId = :userId and "
                        + LIVE + " order by s.resourceId", IotShareEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).setParameter("now", now)
                .setMaxResults(max).getResultList());
    }

    @Override
    public List<ShareModel> getExpired(long now, int max) {
        return List.copyOf(em.createQuery("select s from IotShare s where s.status in (io.keycloakiot.model.ShareStatus.PENDING,"
                        + " io.keycloakiot.model.ShareStatus.ACCEPTED) and s.expiresAt <= :now order by s.expiresAt",
                        IotShareEntity.class)
                .setParameter("now", now).setMaxResults(max).getResultList());
    }

    @Override
    public List<ShareModel> getResharesForUpdate(ShareModel parent) {
        return List.copyOf(em.createQuery("select s from IotShare s where s.parentId = :parentId and s.status in"
                        + " (io.keycloakiot.model.ShareStatus.PENDING, io.keycloakiot.model.ShareStatus.ACCEPTED) order by s.id",
                        IotShareEntity.class)
                .setParameter("parentId", parent.getId()).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList());
    }

    @Override
    public void lock(ShareModel share) {
        em.refresh(share, LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    public void flush() {
        flushOrConflict("this address is being invited at the same moment; try again");
    }
}
