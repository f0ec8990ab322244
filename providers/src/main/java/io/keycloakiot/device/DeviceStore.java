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
import jakarta.persistence.TypedQuery;
import io.keycloakiot.common.RealmOwned;
import io.keycloakiot.common.Page;
import io.keycloakiot.common.Search;
import io.keycloakiot.share.ShareStore;
import io.keycloakiot.token.CredentialStore;
import io.keycloakiot.token.TokenKind;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Devices of one realm in Keycloak's own JPA persistence unit and transaction. */
public class DeviceStore {

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
        jpql.append(" order by d.createdAt, d.id");
        TypedQuery<IotDeviceEntity> query = em.createQuery(jpql.toString(), IotDeviceEntity.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    /** The device of the realm with this external id, whoever owns it, or null. */
    public IotDeviceEntity findByExternalId(String externalId) {
        return em.createQuery("select d from IotDevice d where d.realmId = :realmId and d.externalId = :externalId",
                        IotDeviceEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("externalId", externalId)
                .getResultStream().findFirst().orElse(null);
    }

    /** Whether another device of the realm already has this external id. */
    public boolean externalIdTaken(String externalId, String exceptDeviceId) {
        IotDeviceEntity holder = findByExternalId(externalId);
        return holder != null && !holder.getId().equals(exceptDeviceId);
    }

    /** Which of these external ids some device of the realm already has. */
    public Set<String> takenExternalIds(Collection<String> externalIds) {
        List<String> all = new ArrayList<>(externalIds);
        Set<String> taken = new HashSet<>();
        for (int from = 0; from < all.size(); from += 500) {
            taken.addAll(em.createQuery("select d.externalId from IotDevice d where d.realmId = :realmId"
                            + " and d.externalId in :ids", String.class)
                    .setParameter("realmId", realm.getId())
                    .setParameter("ids", all.subList(from, Math.min(all.size(), from + 500)))
                    .getResultList());
        }
        return taken;
    }

    public void persist(IotDeviceEntity device) {
        device.setRealmId(realm.getId());
        em.persist(device);
    }

    /** Writes pending changes now, so that a unique-constraint race surfaces inside the request. */
    public void flush() {
        em.flush();
    }

    /** Deletes the device with its memberships and tokens. */
    public void delete(IotDeviceEntity device) {
        detach(device);
        em.remove(device);
    }

    /**
     * Moves a device to another owner (null = realm fleet). Ground memberships only ever join a device and a
     * ground of the same owner, so the device leaves every ground of its former owner; and the tokens the former
     * owner issued for it are revoked, so a new owner never inherits credentials that are out in the field.
     */
    public void transfer(IotDeviceEntity device, String newOwnerId) {
        if (Objects.equals(device.getOwnerId(), newOwnerId)) {
            return;
        }
        detach(device);
        device.setOwnerId(newOwnerId);
    }

    /** Takes the device out of every ground, ends its shares and revokes its tokens: what leaving its owner means. */
    private void detach(IotDeviceEntity device) {
        ShareStore.removeAll(em, device.getId());
        CredentialStore.revokeAll(session, realm.getId(), TokenKind.DEVICE, device.getId());
        em.createQuery("delete from IotGroundMembership m where m.deviceId = :deviceId")
                .setParameter("deviceId", device.getId()).executeUpdate();
    }
}
