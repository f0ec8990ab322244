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

    /**
     * A token was enabled, disabled, renamed or given other permissions: its cached validation goes stale, unless
     * nothing validation reads changed (a rename).
     */
    public void changed(IotCredentialEntity credential, CredentialSnapshot before) {
        if (!before.equals(CredentialSnapshot.of(credential))) {
            TokenValidationCache.changed(session, realm.getId(), credential.getId());
        }
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
        TokenValidationCache.changed(session, realm.getId(), credential.getId());
    }

    /** Revokes every token of the subject; returns how many. */
    public int revokeAll(TokenKind kind, String subjectId) {
        return revokeAll(session, realm.getId(), kind, subjectId);
    }

    /** How many tokens of each kind an owner's revocation ended. */
    public record OwnerRevocation(int device, int ground, int profile) {

        public int total() {
            return device + ground + profile;
        }
    }

    /** Revokes every token of the user: those of everything they own, and their access-token profiles. */
    public OwnerRevocation revokeAllOfOwner(String ownerId) {
        OwnerRevocation revoked = new OwnerRevocation(revokeOwned(TokenKind.DEVICE, "IotDevice", ownerId),
                revokeOwned(TokenKind.GROUND, "IotGround", ownerId), revokeAll(TokenKind.PROFILE, ownerId));
        // Every cached validation of these tokens names the user as its owner.
        TokenValidationCache.changed(session, realm.getId(), ownerId);
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
        TokenValidationCache.changed(session, realmId, subjectId);
        return session.getProvider(JpaConnectionProvider.class).getEntityManager().createQuery("delete from IotCredential c where c.realmId = :realmId and c.kind = :kind"
                        + " and c.subjectId = :subjectId")
                .setParameter("realmId", realmId).setParameter("kind", kind).setParameter("subjectId", subjectId)
                .executeUpdate();
    }
}
