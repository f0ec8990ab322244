package io.keycloakiot.token;

import java.util.List;

import jakarta.persistence.EntityManager;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Page;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Issued tokens of one realm. Revocation is a delete: validation then finds nothing, on every node. */
public class CredentialStore {

    private final KeycloakSession session;
    private final EntityManager em;
    private final RealmModel realm;

    public CredentialStore(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realm = realm;
    }

    /** Enables, disables or renames a token; cached validations of the realm go stale. */
    public void changed(IotCredentialEntity credential) {
        TokenValidationCache.realmChanged(session, credential.getRealmId());
    }

    /** The token with this key id, of this realm, or null. */
    public IotCredentialEntity find(String keyId) {
        if (!TokenFormat.isKeyId(keyId)) {
            return null;
        }
        IotCredentialEntity credential = em.find(IotCredentialEntity.class, keyId);
        return credential == null || !credential.getRealmId().equals(realm.getId()) ? null : credential;
    }

    /** The token with this key id issued for this subject, or a 404. */
    public IotCredentialEntity require(TokenKind kind, String subjectId, String keyId) {
        IotCredentialEntity credential = find(keyId);
        if (credential == null || credential.getKind() != kind || !credential.getSubjectId().equals(subjectId)) {
            throw ApiError.notFound("token");
        }
        return credential;
    }

    public List<IotCredentialEntity> list(TokenKind kind, String subjectId, Page page) {
        return em.createQuery("select c from IotCredential c where c.realmId = :realmId and c.kind = :kind"
                        + " and c.subjectId = :subjectId order by c.createdAt, c.id", IotCredentialEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("kind", kind).setParameter("subjectId", subjectId)
                .setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    public void persist(IotCredentialEntity credential) {
        credential.setRealmId(realm.getId());
        em.persist(credential);
    }

    public void revoke(IotCredentialEntity credential) {
        em.remove(credential);
        TokenValidationCache.realmChanged(session, realm.getId());
    }

    /** Revokes every token of the subject; returns how many. */
    public int revokeAll(TokenKind kind, String subjectId) {
        return revokeAll(session, realm.getId(), kind, subjectId);
    }

    /** Revokes every device and ground token of everything the user owns; returns how many. */
    public int revokeAllOfOwner(String ownerId) {
        int revoked = revokeOwned(TokenKind.DEVICE, "IotDevice", ownerId) + revokeOwned(TokenKind.GROUND, "IotGround", ownerId);
        TokenValidationCache.realmChanged(session, realm.getId());
        return revoked;
    }

    private int revokeOwned(TokenKind kind, String subjectEntity, String ownerId) {
        return em.createQuery("delete from IotCredential c where c.realmId = :realmId and c.kind = :kind and c.subjectId in"
                        + " (select s.id from " + subjectEntity + " s where s.realmId = :realmId and s.ownerId = :ownerId)")
                .setParameter("realmId", realm.getId()).setParameter("kind", kind).setParameter("ownerId", ownerId)
                .executeUpdate();
    }

    /** Revokes every token of the subject (a device or ground being deleted or given away). */
    public static int revokeAll(KeycloakSession session, String realmId, TokenKind kind, String subjectId) {
        TokenValidationCache.realmChanged(session, realmId);
        return session.getProvider(JpaConnectionProvider.class).getEntityManager().createQuery("delete from IotCredential c where c.realmId = :realmId and c.kind = :kind"
                        + " and c.subjectId = :subjectId")
                .setParameter("realmId", realmId).setParameter("kind", kind).setParameter("subjectId", subjectId)
                .executeUpdate();
    }
}
