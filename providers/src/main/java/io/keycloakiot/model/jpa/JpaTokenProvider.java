package io.keycloakiot.model.jpa;

import java.util.Collection;
import java.util.List;

import io.keycloakiot.common.Page;
import io.keycloakiot.model.TokenKind;
import io.keycloakiot.model.TokenModel;
import io.keycloakiot.model.TokenProvider;
import io.keycloakiot.model.TokenSnapshot;
import io.keycloakiot.model.cache.TokenValidationCache;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Issued tokens. Revocation is a delete; every change reaches the validation caches of all nodes after the commit. */
final class JpaTokenProvider extends JpaModel implements TokenProvider {

    /** Key ids are UUIDs without dashes or shorter; anything longer is not looked up. */
    private static final int KEY_ID_MAX = 36;

    JpaTokenProvider(KeycloakSession session) {
        super(session);
    }

    @Override
    public TokenModel getToken(RealmModel realm, String keyId) {
        if (keyId == null || keyId.length() > KEY_ID_MAX) {
            return null;
        }
        IotTokenEntity token = em.find(IotTokenEntity.class, keyId);
        return token == null || !token.getRealmId().equals(realm.getId()) ? null : token;
    }

    @Override
    public Presented getPresented(RealmModel realm, TokenKind kind, String keyId) {
        if (kind == TokenKind.PROFILE) {
            // A profile token's subject is its owner, a Keycloak user, whom validation reads through Keycloak's cache.
            List<IotTokenEntity> rows = em.createQuery("select c from IotToken c where c.id = :id"
                            + " and c.realmId = :realmId and c.kind = :kind", IotTokenEntity.class)
                    .setParameter("id", keyId).setParameter("realmId", realm.getId()).setParameter("kind", kind).getResultList();
            return rows.isEmpty() ? null : new Presented(rows.get(0), true, rows.get(0).getSubjectId());
        }
        String subjectEntity = kind == TokenKind.DEVICE ? "IotDevice" : "IotGround";
        List<Object[]> rows = em.createQuery("select c, s from IotToken c, " + subjectEntity + " s"
                        + " where c.id = :id and c.realmId = :realmId and c.kind = :kind and s.id = c.subjectId", Object[].class)
                .setParameter("id", keyId).setParameter("realmId", realm.getId()).setParameter("kind", kind).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        IotTokenEntity token = (IotTokenEntity) rows.get(0)[0];
        return rows.get(0)[1] instanceof IotDeviceEntity device ? new Presented(token, device.isEnabled(), device.getOwnerId())
                : new Presented(token, true, ((IotGroundEntity) rows.get(0)[1]).getOwnerId());
    }

    @Override
    public List<TokenModel> getTokens(RealmModel realm, TokenKind kind, String subjectId, Page page) {
        return List.copyOf(em.createQuery("select c from IotToken c where c.realmId = :realmId and c.kind = :kind"
                        + " and c.subjectId = :subjectId order by c.createdAt, c.id", IotTokenEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("kind", kind).setParameter("subjectId", subjectId)
                .setFirstResult(page.first()).setMaxResults(page.max()).getResultList());
    }

    @Override
    public TokenModel addToken(RealmModel realm, TokenKind kind, String keyId, String secretHash, String subjectId, String name,
                               String createdBy, Long expiresAt, boolean enabled, String permissions) {
        IotTokenEntity token = new IotTokenEntity();
        token.setId(keyId);
        token.setRealmId(realm.getId());
        token.setKind(kind);
        token.setSubjectId(subjectId);
        token.setName(name);
        token.setSecretHash(secretHash);
        token.setCreatedAt(Time.currentTimeMillis());
        token.setCreatedBy(createdBy);
        token.setExpiresAt(expiresAt);
        token.setEnabled(enabled);
        token.setPermissions(permissions);
        em.persist(token);
        return token;
    }

    @Override
    public void tokenChanged(RealmModel realm, TokenModel token, TokenSnapshot before) {
        if (!before.equals(TokenSnapshot.of(token))) {
            TokenValidationCache.changed(session, realm.getId(), token.getId());
        }
    }

    @Override
    public void revoke(RealmModel realm, TokenModel token) {
        em.remove(token);
        TokenValidationCache.changed(session, realm.getId(), token.getId());
    }

    @Override
    public int revokeAll(RealmModel realm, TokenKind kind, String subjectId) {
        TokenValidationCache.changed(session, realm.getId(), subjectId);
        return em.createQuery("delete from IotToken c where c.realmId = :realmId and c.kind = :kind and c.subjectId = :subjectId")
                .setParameter("realmId", realm.getId()).setParameter("kind", kind).setParameter("subjectId", subjectId)
                .executeUpdate();
    }

    @Override
    public OwnerRevocation revokeAllOfOwner(RealmModel realm, String ownerId) {
        OwnerRevocation revoked = new OwnerRevocation(revokeOwned(realm, TokenKind.DEVICE, "IotDevice", ownerId),
                revokeOwned(realm, TokenKind.GROUND, "IotGround", ownerId), revokeAll(realm, TokenKind.PROFILE, ownerId));
        // Every cached validation of these tokens names the user as its owner.
        TokenValidationCache.changed(session, realm.getId(), ownerId);
        return revoked;
    }

    private int revokeOwned(RealmModel realm, TokenKind kind, String subjectEntity, String ownerId) {
        return em.createQuery("delete from IotToken c where c.realmId = :realmId and c.kind = :kind and c.subjectId in"
                        + " (select s.id from " + subjectEntity + " s where s.realmId = :realmId and s.ownerId = :ownerId)")
                .setParameter("realmId", realm.getId()).setParameter("kind", kind).setParameter("ownerId", ownerId)
                .executeUpdate();
    }

    @Override
    public void recordUse(Collection<String> keyIds, long at, String ip, String via, String ipOf) {
        em.createQuery("update IotToken c set c.lastUsedAt = :at, c.lastUsedIp = :ip, c.lastUsedVia = :via,"
                        + " c.lastUsedIpOf = :ipOf where c.id in :ids and (c.lastUsedAt is null or c.lastUsedAt < :at)")
                .setParameter("at", at).setParameter("ip", ip).setParameter("via", via).setParameter("ipOf", ipOf)
                .setParameter("ids", keyIds).executeUpdate();
    }
}
