package io.keycloakiot.model;

import java.util.List;

import io.keycloakiot.common.Page;
import org.keycloak.models.RealmModel;

/** What the access rules ask of devices and of grounds alike. */
public interface ReachableResources {

    /** The ids of what the user owns in the realm, by id, at most {@code max}. */
    List<String> ownedIds(RealmModel realm, String ownerId, int max);

    /** A page of the ids (by id) of what {@code reach} reaches in the realm. */
    List<String> reachableIds(RealmModel realm, Reach reach, Page page);

    /**
     * Who reaches what, for a listing: everything ({@code all}), or what {@code userId} owns, plus what live shares with
     * {@code sharedAction} give them (null: shares do not count), plus what is owned by users who granted the client
     * {@code consentClientId} consent to the client scope {@code consentScopeId} (both null: none).
     */
    record Reach(boolean all, String userId, String sharedAction, String consentClientId, String consentScopeId) {

        public static final Reach ALL = new Reach(true, null, null, null, null);
    }
}
