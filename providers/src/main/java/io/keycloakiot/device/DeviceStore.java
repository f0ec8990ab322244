package io.keycloakiot.device;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Page;
import io.keycloakiot.common.RealmOwned;
import io.keycloakiot.common.Search;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.ResourceType;
import io.keycloakiot.share.ShareStore;
import io.keycloakiot.share.Shares;
import io.keycloakiot.token.CredentialStore;
import io.keycloakiot.token.TokenKind;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;

/** Devices of one realm in Keycloak's own JPA persistence unit and transaction. */
public class DeviceStore {

    static final String DUPLICATE_EXTERNAL_ID = "another device of this realm has the same externalId (ignoring case)";

    private final KeycloakSession session;
    private final EntityManager em;
    private final RealmModel realm;

    public DeviceStore(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realm = realm;
    }

    /** Filters of a device list; null fields do not filter. */
    public record Filter(String ownerScope, String owner, String search, String type, String groundId) {
    }

    /** The device with this id in the realm, visible in the scope (null = whole realm); 404 otherwise. */
    public IotDeviceEntity require(String id, String ownerScope) {
        return RealmOwned.require(em, IotDeviceEntity.class, id, realm, ownerScope, "device");
    }

    public List<IotDeviceEntity> list(Filter filter, Page page) {
        StringBuilder jpql = new StringBuilder("select d from IotDevice d where d.realmId = :realmId");
        Map<String, Object> params = new HashMap<>();
        params.put("realmId", realm.getId());
        String owner = filter.ownerScope() != null ? filter.ownerScope() : filter.owner();
        if (owner != null) {
            jpql.append(" and d.ownerId = :ownerId");
            params.put("ownerId", owner);
        }
        appendFilters(jpql, params, filter);
        return page(jpql, params, page);
    }

    /** Which devices a user's own list shows: those they own, those shared with them, or (null) both. */
    public enum Relation {
        OWNED, SHARED;

        /** The {@code relation} query parameter: absent = both; anything but {@code owned} or {@code shared} is a 400. */
        public static Relation parse(String value) {
            if (value == null || value.isEmpty()) {
                return null;
            }
            return switch (value) {
                case "owned" -> OWNED;
                case "shared" -> SHARED;
                default -> throw ApiError.badRequest("'relation' must be 'owned' or 'shared'");
            };
        }
    }

    /**
     * A device of a user's list; for a device shared with the user, its owner's display name and the actions the
     * user holds on it through live shares (direct or through a ground); both null for the user's own device.
     */
    public record Visible(IotDeviceEntity device, String ownerName, List<String> sharedActions) {
        public boolean shared() {
            return sharedActions != null;
        }
    }

    /**
     * A user's list: their own devices and those shared with them through a live accepted share of the device or
     * of a ground it is in, in one paged query with the same order and filters as {@link #list}; then what the
     * shares give on the page's shared devices, in one more query. A share's status and expiry are read at one
     * instant for both.
     */
    public List<Visible> listVisible(String userId, Relation relation, Filter filter, Page page) {
        long now = Time.currentTimeMillis();
        StringBuilder jpql = new StringBuilder("select d from IotDevice d where d.realmId = :realmId");
        Map<String, Object> params = new HashMap<>();
        params.put("realmId", realm.getId());
        params.put("userId", userId);
        String sharedWithUser = ShareStore.reachedThroughShare("d.id", "device", "");
        if (relation == Relation.OWNED) {
            jpql.append(" and d.ownerId = :userId");
        } else {
            params.put("now", now);
            jpql.append(relation == Relation.SHARED
                    ? " and (d.ownerId is null or d.ownerId <> :userId) and " + sharedWithUser
                    : " and (d.ownerId = :userId or " + sharedWithUser + ")");
            if (filter.groundId() != null) {
                // Another owner's ground filters the list only while it is shared with the user: its membership is
                // not shown to anyone it is not shared with. The user's own devices are only ever in their own grounds.
                jpql.append(" and (d.ownerId = :userId or :groundId in (select s.resourceId from IotShare s"
                        + " where s.recipientId = :userId and s.resourceType = 'ground' and " + ShareStore.LIVE + "))");
            }
        }
        appendFilters(jpql, params, filter);
        List<IotDeviceEntity> devices = page(jpql, params, page);
        List<String> sharedIds = devices.stream().filter(d -> !userId.equals(d.getOwnerId())).map(IotDeviceEntity::getId).toList();
        Map<String, List<String>> actions = sharedIds.isEmpty() ? Map.of() : sharedActions(userId, sharedIds, now);
        Map<String, String> ownerNames = new HashMap<>();
        return devices.stream().map(d -> userId.equals(d.getOwnerId()) ? new Visible(d, null, null)
                : new Visible(d, ownerNames.computeIfAbsent(d.getOwnerId(), owner -> Shares.displayName(session, realm, owner)),
                        actions.getOrDefault(d.getId(), List.of()))).toList();
    }

    /** One device of the user's list by id: their own, or one a live share gives them; 404 otherwise. */
    public Visible visible(String userId, String deviceId) {
        IotDeviceEntity device = require(deviceId, null);
        if (userId.equals(device.getOwnerId())) {
            return new Visible(device, null, null);
        }
        List<String> actions = sharedActions(userId, List.of(deviceId), Time.currentTimeMillis()).get(deviceId);
        if (actions == null) {
            throw ApiError.notFound("device");
        }
        return new Visible(device, Shares.displayName(session, realm, device.getOwnerId()), actions);
    }

    /**
     * The actions the user holds through live shares on each of these devices (direct and ground shares united,
     * in the catalogue's order; actions the catalogue no longer lets a share carry are left out, as the check API
     * does), in one query.
     */
    private Map<String, List<String>> sharedActions(String userId, List<String> deviceIds, long now) {
        List<Object[]> rows = em.createQuery("select s.resourceId, s.actions from IotShare s where s.resourceId in :ids"
                        + " and s.resourceType = 'device' and s.recipientId = :userId and " + ShareStore.LIVE
                        + " union all select m.deviceId, s.actions from IotGroundMembership m, IotShare s where m.deviceId in :ids"
                        + " and s.resourceId = m.groundId and s.resourceType = 'ground' and s.recipientId = :userId and "
                        + ShareStore.LIVE, Object[].class)
                .setParameter("ids", deviceIds).setParameter("userId", userId).setParameter("now", now).getResultList();
        Map<String, Set<String>> held = new HashMap<>();
        for (Object[] row : rows) {
            held.computeIfAbsent((String) row[0], id -> new HashSet<>()).addAll(ShareStore.actionsOf((String) row[1]));
        }
        ResourceType device = PermissionCatalogue.of(realm).type(PermissionCatalogue.DEVICE);
        List<String> known = device == null ? List.of() : device.deviceActions();
        Map<String, List<String>> actions = new HashMap<>();
        held.forEach((id, set) -> actions.put(id, known.stream().filter(set::contains).toList()));
        return actions;
    }

    private static void appendFilters(StringBuilder jpql, Map<String, Object> params, Filter filter) {
        if (filter.search() != null && !filter.search().isBlank()) {
            jpql.append(" and (lower(d.name) like :search escape '" + Search.ESCAPE + "'"
                    + " or lower(d.externalId) like :search escape '" + Search.ESCAPE + "')");
            params.put("search", Search.containsPattern(filter.search().strip()));
        }
        if (filter.type() != null) {
            jpql.append(" and d.type = :type");
            params.put("type", filter.type());
        }
        if (filter.groundId() != null) {
            jpql.append(" and d.id in (select m.deviceId from IotGroundMembership m where m.groundId = :groundId)");
            params.put("groundId", filter.groundId());
        }
    }

    private List<IotDeviceEntity> page(StringBuilder jpql, Map<String, Object> params, Page page) {
        jpql.append(" order by d.createdAt, d.id");
        TypedQuery<IotDeviceEntity> query = em.createQuery(jpql.toString(), IotDeviceEntity.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    /** The device of the realm with this external id (ignoring case), whoever owns it, or null. */
    public IotDeviceEntity findByExternalId(String externalId) {
        return em.createQuery("select d from IotDevice d where d.realmId = :realmId and d.externalIdKey = :key",
                        IotDeviceEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("key", IotDeviceEntity.keyOf(externalId))
                .getResultStream().findFirst().orElse(null);
    }

    /** Whether another device of the realm already has this external id (ignoring case). */
    public boolean externalIdTaken(String externalId, String exceptDeviceId) {
        IotDeviceEntity holder = findByExternalId(externalId);
        return holder != null && !holder.getId().equals(exceptDeviceId);
    }

    /** Which of these external id keys ({@link IotDeviceEntity#keyOf}) some device of the realm already has. */
    public Set<String> takenExternalIdKeys(Collection<String> keys) {
        List<String> all = new ArrayList<>(keys);
        Set<String> taken = new HashSet<>();
        for (int from = 0; from < all.size(); from += 500) {
            taken.addAll(em.createQuery("select d.externalIdKey from IotDevice d where d.realmId = :realmId"
                            + " and d.externalIdKey in :keys", String.class)
                    .setParameter("realmId", realm.getId())
                    .setParameter("keys", all.subList(from, Math.min(all.size(), from + 500)))
                    .getResultList());
        }
        return taken;
    }

    /**
     * Re-reads a fleet device under a row lock until the transaction ends, so that two claims of it are decided one
     * after the other on every node: the second sees the first one's outcome (a used secret, a failure count).
     */
    public void lockForClaim(IotDeviceEntity device) {
        try {
            em.refresh(device, LockModeType.PESSIMISTIC_WRITE);
        } catch (ModelException e) {
            throw ApiError.concurrentChange(e, "this device is being claimed or re-keyed at the same moment; try again");
        }
    }

    public void persist(IotDeviceEntity device) {
        device.setRealmId(realm.getId());
        em.persist(device);
    }

    /** Writes pending changes now; a concurrent duplicate externalId is a 409 (the unique index settles the race). */
    public void flushOrConflict() {
        ApiError.flushOrConflict(em, DUPLICATE_EXTERNAL_ID);
    }

    /** Deletes the device with its memberships and tokens. */
    public void delete(IotDeviceEntity device) {
        detach(device);
        em.remove(device);
    }

    /**
     * Moves a device to another owner (null = realm fleet). Ground memberships only ever join a device and a
     * ground of the same owner, so the device leaves every ground of its former owner; and the tokens the former
     * owner issued for it are revoked, so a new owner never inherits credentials that are out in the field. A
     * claim secret ends too: a device back in the fleet is claimed only with a secret issued after its return.
     */
    public void transfer(IotDeviceEntity device, String newOwnerId) {
        if (Objects.equals(device.getOwnerId(), newOwnerId)) {
            return;
        }
        detach(device);
        device.setOwnerId(newOwnerId);
        ClaimSecret.clear(device);
    }

    /** Takes the device out of every ground, ends its shares and revokes its tokens: what leaving its owner means. */
    private void detach(IotDeviceEntity device) {
        ShareStore.removeAll(em, device.getId());
        CredentialStore.revokeAll(session, realm.getId(), TokenKind.DEVICE, device.getId());
        em.createQuery("delete from IotGroundMembership m where m.deviceId = :deviceId")
                .setParameter("deviceId", device.getId()).executeUpdate();
    }
}
