package io.keycloakiot.model;

import java.util.List;

/**
 * A device or ground shared by its owner with an e-mail address: one per resource and address. The recipient
 * becomes known when they answer. A re-share names its parent, the re-sharer's own share, and never gives more
 * than it. Its transitions belong to the share manager; the model only stores them.
 */
public interface ShareModel {

    String DEVICE = "device";
    String GROUND = "ground";

    String getId();

    String getRealmId();

    /** {@link #DEVICE} or {@link #GROUND}. */
    String getResourceType();

    String getResourceId();

    String getOwnerId();

    /** Lower-cased. */
    String getRecipientEmail();

    String getRecipientId();

    void setRecipientId(String recipientId);

    /** The actions shared, in the order given. */
    List<String> getActions();

    void setActions(List<String> actions);

    boolean isReshareAllowed();

    void setReshareAllowed(boolean reshareAllowed);

    /** The stored status; {@link #statusAt} is what it is now. */
    ShareStatus getStatus();

    void setStatus(ShareStatus status);

    /** When the current invitation was made (a re-invitation after an hour moves it, and voids older links). */
    long getCreatedAt();

    void setCreatedAt(long createdAt);

    String getCreatedBy();

    void setCreatedBy(String createdBy);

    Long getRespondedAt();

    void setRespondedAt(Long respondedAt);

    /** Epoch milliseconds; null = until revoked. */
    Long getExpiresAt();

    void setExpiresAt(Long expiresAt);

    /** For a re-share, the re-sharer's own share it was made from; null for a share the owner (or an admin) made. */
    String getParentId();

    void setParentId(String parentId);

    /** The status as of {@code now}: a pending or accepted share past its expiry is {@code EXPIRED}. */
    default ShareStatus statusAt(long now) {
        ShareStatus status = getStatus();
        boolean open = status == ShareStatus.PENDING || status == ShareStatus.ACCEPTED;
        return open && getExpiresAt() != null && getExpiresAt() <= now ? ShareStatus.EXPIRED : status;
    }

    /** May re-shares made from this share be in force now: it is accepted, not expired, and allows re-sharing. */
    default boolean carriesReshares(long now) {
        return isReshareAllowed() && statusAt(now) == ShareStatus.ACCEPTED;
    }

    /**
     * Is the share in force at {@code now}: accepted, not expired, and for a re-share only while its parent carries
     * re-shares ({@code parent} null for a share without one). The one definition of a live share; the JPA model's
     * queries say the same in JPQL.
     */
    static boolean live(ShareModel share, ShareModel parent, long now) {
        return share.statusAt(now) == ShareStatus.ACCEPTED && (share.getParentId() == null || parent != null && parent.carriesReshares(now));
    }
}
