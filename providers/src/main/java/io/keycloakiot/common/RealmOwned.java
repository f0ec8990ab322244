package io.keycloakiot.common;

import jakarta.persistence.EntityManager;
import org.keycloak.models.RealmModel;

/** An entity of one realm with an owner (a user id, or null for the realm's fleet). */
public interface RealmOwned {

    /** Ids are UUIDs; longer path ids are answered 404 without a query. */
    int ID_MAX = 36;

    String getRealmId();

    String getOwnerId();

    /**
     * The entity with this id in the realm and visible in the scope (null scope = the whole realm), or
     * a 404 naming {@code what}: an id of another realm or owner looks exactly like a missing one.
     */
    static <T extends RealmOwned> T require(EntityManager em, Class<T> type, String id, RealmModel realm,
                                            String ownerScope, String what) {
        T found = id == null || id.length() > ID_MAX ? null : em.find(type, id);
        if (found == null || !found.getRealmId().equals(realm.getId())
                || (ownerScope != null && !ownerScope.equals(found.getOwnerId()))) {
            throw ApiError.notFound(what);
        }
        return found;
    }
}
