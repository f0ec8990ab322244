package io.keycloakiot.model.jpa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.persistence.TypedQuery;
import io.keycloakiot.common.Page;
import io.keycloakiot.common.Search;
import io.keycloakiot.model.DeviceModel;
import io.keycloakiot.model.GroundModel;
import io.keycloakiot.model.GroundProvider;
import io.keycloakiot.model.ShareModel;
import io.keycloakiot.model.TokenKind;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Grounds and their device memberships in Keycloak's JPA persistence unit. */
final class JpaGroundProvider extends JpaModel implements GroundProvider {

    /** The one definition of "the ground's devices that a ground token reaches": members, enabled. */
    private static final String ENABLED_MEMBERS = "from IotGroundMembership m, IotDevice d where m.groundId = :groundId"
            + " and d.id = m.deviceId and d.enabled = true";

    JpaGroundProvider(KeycloakSession session) {
        super(session);
    }

    @Override
    public GroundModel getGround(RealmModel realm, String id) {
        return find(IotGroundEntity.class, realm, id);
    }

    @Override
    public GroundModel addGround(RealmModel realm, String ownerId, String name, String description) {
        IotGroundEntity ground = new IotGroundEntity();
        ground.setId(KeycloakModelUtils.generateId());
        ground.setRealmId(realm.getId());
        ground.setOwnerId(ownerId);
        ground.setName(name);
        ground.setDescription(description);
        ground.setCreatedAt(Time.currentTimeMillis());
        em.persist(ground);
        return ground;
    }

    @Override
    public List<GroundModel> searchGrounds(RealmModel realm, String ownerId, String search, String deviceId, Page page) {
        StringBuilder jpql = new StringBuilder("select g from IotGround g where g.realmId = :realmId");
        Map<String, Object> params = new HashMap<>();
        params.put("realmId", realm.getId());
        if (ownerId != null) {
            jpql.append(" and g.ownerId = :ownerId");
            params.put("ownerId", ownerId);
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
        return List.copyOf(query.setFirstResult(page.first()).setMaxResults(page.max()).getResultList());
    }

    @Override
    public void transfer(RealmModel realm, GroundModel ground, String newOwnerId) {
        if (Objects.equals(ground.getOwnerId(), newOwnerId)) {
            return;
        }
        detach(realm, ground);
        ((IotGroundEntity) ground).setOwnerId(newOwnerId);
    }

    @Override
    public void removeGround(RealmModel realm, GroundModel ground) {
        detach(realm, ground);
        em.remove(ground);
    }

    /** Empties the ground, ends its shares and revokes its tokens: what leaving its owner means. */
    private void detach(RealmModel realm, GroundModel ground) {
        JpaShareProvider.removeAllOf(em, ground.getId());
        tokens().revokeAll(realm, TokenKind.GROUND, ground.getId());
        em.createQuery("delete from IotGroundMembership m where m.groundId = :groundId")
                .setParameter("groundId", ground.getId()).executeUpdate();
    }

    @Override
    public boolean addMember(GroundModel ground, DeviceModel device) {
        if (em.find(IotGroundMembershipEntity.class, new IotGroundMembershipEntity.Key(ground.getId(), device.getId())) != null) {
            return false;
        }
        IotGroundMembershipEntity membership = new IotGroundMembershipEntity();
        membership.setGroundId(ground.getId());
        membership.setDeviceId(device.getId());
        membership.setAddedAt(Time.currentTimeMillis());
        em.persist(membership);
        return true;
    }

    @Override
    public boolean removeMember(GroundModel ground, DeviceModel device) {
        return em.createQuery("delete from IotGroundMembership m where m.groundId = :groundId and m.deviceId = :deviceId")
                .setParameter("groundId", ground.getId()).setParameter("deviceId", device.getId()).executeUpdate() > 0;
    }

    @Override
    public boolean hasEnabledMember(String groundId, String deviceId) {
        return !em.createQuery("select d.id " + ENABLED_MEMBERS + " and m.deviceId = :deviceId", String.class)
                .setParameter("groundId", groundId).setParameter("deviceId", deviceId).getResultList().isEmpty();
    }

    @Override
    public List<String> enabledMemberIds(String groundId, Page page) {
        return em.createQuery("select d.id " + ENABLED_MEMBERS + " order by m.addedAt, d.id", String.class)
                .setParameter("groundId", groundId).setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    @Override
    public List<String> ownedIds(RealmModel realm, String ownerId, int max) {
        return ownedIds("IotGround", realm, ownerId, max);
    }

    @Override
    public List<String> reachableIds(RealmModel realm, Reach reach, Page page) {
        return reachableIds("IotGround", ShareModel.GROUND, realm, reach, page);
    }
}
