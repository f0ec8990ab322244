package io.keycloakiot.model.jpa;

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
import io.keycloakiot.common.Search;
import io.keycloakiot.model.DeviceFilter;
import io.keycloakiot.model.DeviceModel;
import io.keycloakiot.model.DeviceProvider;
import io.keycloakiot.model.ShareModel;
import io.keycloakiot.model.TokenKind;
import io.keycloakiot.model.cache.TokenValidationCache;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Devices in Keycloak's own JPA persistence unit and transaction. */
final class JpaDeviceProvider extends JpaModel implements DeviceProvider {

    JpaDeviceProvider(KeycloakSession session) {
        super(session);
    }

    @Override
    public DeviceModel getDevice(RealmModel realm, String id) {
        return find(IotDeviceEntity.class, realm, id);
    }

    @Override
    public DeviceModel getDeviceByExternalId(RealmModel realm, String externalId) {
        return em.createQuery("select d from IotDevice d where d.realmId = :realmId and d.externalIdKey = :key",
                        IotDeviceEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("key", DeviceModel.keyOf(externalId))
                .getResultStream().findFirst().orElse(null);
    }

    @Override
    public Set<String> takenExternalIdKeys(RealmModel realm, Collection<String> keys) {
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

    @Override
    public DeviceModel addDevice(RealmModel realm, String ownerId, String name, String type) {
        IotDeviceEntity device = new IotDeviceEntity();
        device.setId(KeycloakModelUtils.generateId());
        device.setRealmId(realm.getId());
        device.setOwnerId(ownerId);
        device.setName(name);
        device.setType(type);
        device.setEnabled(true);
        device.setCreatedAt(Time.currentTimeMillis());
        em.persist(device);
        return device;
    }

    @Override
    public void setEnabled(RealmModel realm, DeviceModel device, boolean enabled) {
        if (device.isEnabled() != enabled) {
            ((IotDeviceEntity) device).setEnabled(enabled);
            TokenValidationCache.changed(session, realm.getId(), device.getId());
        }
    }

    @Override
    public List<DeviceModel> searchDevices(RealmModel realm, DeviceFilter filter, Page page) {
        StringBuilder jpql = new StringBuilder("select d from IotDevice d where d.realmId = :realmId");
        Map<String, Object> params = new HashMap<>();
        params.put("realmId", realm.getId());
        if (filter.ownerId() != null) {
            jpql.append(" and d.ownerId = :ownerId");
            params.put("ownerId", filter.ownerId());
        }
        appendFilters(jpql, params, filter);
        return page(jpql, params, page);
    }

    @Override
    public List<DeviceModel> visibleDevices(RealmModel realm, String userId, DeviceFilter.Relation relation, DeviceFilter filter,
                                            Page page) {
        StringBuilder jpql = new StringBuilder("select d from IotDevice d where d.realmId = :realmId");
        Map<String, Object> params = new HashMap<>();
        params.put("realmId", realm.getId());
        params.put("userId", userId);
        String sharedWithUser = JpaShareProvider.reachedThroughShare("d.id", ShareModel.DEVICE, "");
        if (relation == DeviceFilter.Relation.OWNED) {
            jpql.append(" and d.ownerId = :userId");
        } else {
            params.put("now", Time.currentTimeMillis());
            jpql.append(relation == DeviceFilter.Relation.SHARED
                    ? " and (d.ownerId is null or d.ownerId <> :userId) and " + sharedWithUser
                    : " and (d.ownerId = :userId or " + sharedWithUser + ")");
            if (filter.groundId() != null) {
                // Another owner's ground filters the list only while it is shared with the user: its membership is
                // not shown to anyone it is not shared with. The user's own devices are only ever in their own grounds.
                jpql.append(" and (d.ownerId = :userId or :groundId in (select s.resourceId from IotShare s"
                        + " where s.recipientId = :userId and s.resourceType = 'ground' and " + JpaShareProvider.LIVE + "))");
            }
        }
        appendFilters(jpql, params, filter);
        return page(jpql, params, page);
    }

    private static void appendFilters(StringBuilder jpql, Map<String, Object> params, DeviceFilter filter) {
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

    private List<DeviceModel> page(StringBuilder jpql, Map<String, Object> params, Page page) {
        jpql.append(" order by d.createdAt, d.id");
        TypedQuery<IotDeviceEntity> query = em.createQuery(jpql.toString(), IotDeviceEntity.class);
        params.forEach(query::setParameter);
        return List.copyOf(query.setFirstResult(page.first()).setMaxResults(page.max()).getResultList());
    }

    @Override
    public void lockForClaim(DeviceModel device) {
        try {
            em.refresh(device, LockModeType.PESSIMISTIC_WRITE);
        } catch (ModelException e) {
            throw concurrentChange(e, "this device is being claimed or re-keyed at the same moment; try again");
        }
    }

    @Override
    public void transfer(RealmModel realm, DeviceModel device, String newOwnerId) {
        if (Objects.equals(device.getOwnerId(), newOwnerId)) {
            return;
        }
        detach(realm, device);
        ((IotDeviceEntity) device).setOwnerId(newOwnerId);
        device.clearClaimSecret();
    }

    @Override
    public void removeDevice(RealmModel realm, DeviceModel device) {
        detach(realm, device);
        em.remove(device);
    }

    /** Takes the device out of every ground, ends its shares and revokes its tokens: what leaving its owner means. */
    private void detach(RealmModel realm, DeviceModel device) {
        JpaShareProvider.removeAllOf(em, device.getId());
        tokens().revokeAll(realm, TokenKind.DEVICE, device.getId());
        em.createQuery("delete from IotGroundMembership m where m.deviceId = :deviceId")
                .setParameter("deviceId", device.getId()).executeUpdate();
    }

    @Override
    public void flush() {
        flushOrConflict(DUPLICATE_EXTERNAL_ID);
    }

    @Override
    public List<String> ownedIds(RealmModel realm, String ownerId, int max) {
        return ownedIds("IotDevice", realm, ownerId, max);
    }

    @Override
    public List<String> reachableIds(RealmModel realm, Reach reach, Page page) {
        return reachableIds("IotDevice", ShareModel.DEVICE, realm, reach, page);
    }
}
