package io.keycloakiot.model.jpa;

import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.TypedQuery;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.Page;
import io.keycloakiot.model.RealmOwnedModel;
import io.keycloakiot.model.ReachableResources;
import io.keycloakiot.model.TokenProvider;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;

/** What the JPA providers share: Keycloak's own EntityManager (and so its transaction) and the realm-scoped lookups. */
abstract class JpaModel {

    protected final KeycloakSession session;
    protected final EntityManager em;

    JpaModel(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** The device or ground with this id in the realm, or null; an id longer than any id is not looked up. */
    protected <T extends RealmOwnedModel> T find(Class<T> entity, RealmModel realm, String id) {
        T found = tooLong(id) ? null : em.find(entity, id);
        return found != null && found.getRealmId().equals(realm.getId()) ? found : null;
    }

    /**
     * Writes pending changes now, so that a unique index settling a concurrent duplicate (Keycloak's EntityManager
     * reports it as {@link ModelDuplicateException}) is a 409 inside the request instead of a 500 at commit.
     */
    protected void flushOrConflict(String description) {
        try {
            em.flush();
        } catch (ModelException e) {
            throw concurrentChange(e, description);
        }
    }

    /**
     * A 409 for a duplicate that a unique index found, or for a row or index entry another request held locked past
     * the database's lock timeout (H2's is two seconds): both mean the same thing changes at the same moment, try
     * again. Any other failure stays what it is.
     */
    protected static RuntimeException concurrentChange(ModelException e, String description) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ModelDuplicateException || cause instanceof PessimisticLockException
                    || cause instanceof LockTimeoutException) {
                return ApiError.conflict(description);
            }
        }
        return e;
    }

    /** An id that no device, ground or share can have: answered without a query. */
    protected static boolean tooLong(String id) {
        return id == null || id.length() > RealmOwnedModel.ID_MAX;
    }

    protected TokenProvider tokens() {
        return session.getProvider(TokenProvider.class);
    }

    public void close() {
    }

    protected List<String> ownedIds(String entity, RealmModel realm, String ownerId, int max) {
        return em.createQuery("select r.id from " + entity + " r where r.realmId = :realmId and r.ownerId = :userId order by r.id",
                        String.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", ownerId).setMaxResults(max).getResultList();
    }

    /**
     * One query for a listing of the check API. Keycloak's public API looks consents up by user only, never "who
     * consented to this client", so this is the one place that reads Keycloak's consent tables (read only): a page
     * of devices reached through consent would otherwise need every owner's consents.
     */
    protected List<String> reachableIds(String entity, String shareType, RealmModel realm, ReachableResources.Reach reach, Page page) {
        StringBuilder jpql = new StringBuilder("select r.id from " + entity + " r where r.realmId = :realmId");
        if (!reach.all()) {
            jpql.append(" and (r.ownerId = :userId");
            if (reach.sharedAction() != null) {
                jpql.append(" or ").append(JpaShareProvider.reachedThroughShare("r.id", shareType, JpaShareProvider.WITH_ACTION));
            }
            if (reach.consentScopeId() != null) {
                jpql.append(" or r.ownerId in (select c.user.id from UserConsentEntity c, UserConsentClientScopeEntity cs")
                        .append(" where cs.userConsent = c and c.clientId = :clientId and cs.scopeId = :scopeId and c.user.enabled = true)");
            }
            jpql.append(")");
        }
        TypedQuery<String> query = em.createQuery(jpql.append(" order by r.id").toString(), String.class)
                .setParameter("realmId", realm.getId());
        if (!reach.all()) {
            query.setParameter("userId", reach.userId());
            if (reach.sharedAction() != null) {
                query.setParameter("now", org.keycloak.common.util.Time.currentTimeMillis())
                        .setParameter("action", JpaShareProvider.actionPattern(reach.sharedAction()));
            }
            if (reach.consentScopeId() != null) {
                query.setParameter("clientId", reach.consentClientId()).setParameter("scopeId", reach.consentScopeId());
            }
        }
        return query.setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }
}
