package io.keycloakiot.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.keycloakiot.common.Page;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * The shares of the realms. Access through a share is always read from the database, so it ends the moment it is
 * revoked. "Live" is {@link ShareModel#live}: accepted, unexpired, and for a re-share a parent that carries it.
 */
public interface ShareProvider extends Provider {

    /** The share with this id in the realm, or null. */
    ShareModel getShare(RealmModel realm, String id);

    /** The share of this resource with this (lower-cased) address, or null. */
    ShareModel getShareByRecipient(RealmModel realm, String resourceId, String email);

    ShareModel addShare(RealmModel realm, String resourceType, String resourceId, String ownerId, String email);

    /** The resource's shares, or only those one user made ({@code createdBy} non-null), oldest first. */
    List<ShareModel> getSharesOf(RealmModel realm, String resourceId, String createdBy, Page page);

    /** Filters of the realm's share list; null fields do not filter. {@code email} matches part of the address. */
    record Filter(ShareStatus status, String ownerId, String email, String resourceId) {
    }

    /** The realm's shares, newest first; {@code status} as {@link ShareModel#statusAt} shows it at {@code now}. */
    List<ShareModel> searchShares(RealmModel realm, Filter filter, long now, Page page);

    /** Shares the user received: those they answered, and pending invitations to their verified address (or null). */
    List<ShareModel> getIncoming(RealmModel realm, String userId, String verifiedEmail, Page page);

    /** How many invitations this user made that still wait for an answer at {@code now}. */
    long countPendingBy(RealmModel realm, String userId, long now);

    /** How many invitations this user made since then. */
    long countInvitedSince(RealmModel realm, String userId, long since);

    /** The live share of this device or ground that the user holds directly, or null. */
    ShareModel getLiveShare(RealmModel realm, String userId, String resourceId, long now);

    /** The actions the user holds on the device through live shares of it and of the grounds it is in. */
    Set<String> liveActionsOnDevice(RealmModel realm, String userId, String deviceId, long now);

    /** The same for several devices at once, by device id (devices without any are absent). */
    Map<String, Set<String>> liveActionsOnDevices(RealmModel realm, String userId, Collection<String> deviceIds, long now);

    /** The actions the user holds on the ground itself through a live share of it. */
    Set<String> liveActionsOnGround(RealmModel realm, String userId, String groundId, long now);

    /** The user's live shares, by resource id, at most {@code max}. */
    List<ShareModel> getLiveSharesOf(RealmModel realm, String userId, long now, int max);

    /** Pending or accepted shares past their expiry, oldest first, across realms. */
    List<ShareModel> getExpired(long now, int max);

    /**
     * The pending and accepted re-shares made from this share, locked until the transaction ends, so that a re-share
     * being made at the same moment waits for the parent's change.
     */
    List<ShareModel> getResharesForUpdate(ShareModel parent);

    /** Reads the share again, locked until the transaction ends. */
    void lock(ShareModel share);

    /** Writes pending changes now; two invitations of one address at the same moment meet the unique index here (409). */
    void flush();
}
