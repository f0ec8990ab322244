package io.keycloakiot.share;

import java.util.List;
import java.util.Objects;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.model.ShareModel;
import io.keycloakiot.model.ShareProvider;
import io.keycloakiot.model.ShareStatus;
import io.keycloakiot.permission.RealmSettings;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The life of a share, in one place, like Keycloak's invitation manager: invite (and invite again), accept, decline,
 * leave, revoke and expire, with the re-share cascade after each. Every transition is recorded through the caller's
 * {@link Audit}, in the transaction; its mail is made ready in the transaction and sent only after it commits, so no
 * mail tells of a change that did not happen.
 * <pre>
 *   invite ─▶ PENDING ─accept─▶ ACCEPTED ─leave─▶ DECLINED
 *                │  └─decline─▶ DECLINED             │
 *                └──revoke / expiry──▶ REVOKED / EXPIRED ◀──revoke / expiry─┘
 *   inviting again: an accepted share keeps its status with the new terms, any other becomes PENDING again
 * </pre>
 */
public final class ShareManager {

    /** A pending share is mailed again when re-invited only after this long, so re-inviting cannot flood a mailbox. */
    static final long RESEND_AFTER_MILLIS = 3600_000L;

    /** Records a change of a share in the realm's event store, the way the path that made it records. */
    public interface Audit {
        void record(OperationType operation, ShareRepresentation share);
    }

    /** What is shared: a device or a ground of an owner. */
    public record Shared(String type, String id, String name, String ownerId) {
    }

    /** An invitation's terms, validated. */
    public record Terms(String email, List<String> actions, Long expiresAt, boolean reshareAllowed) {
    }

    /** The invitee's share after an invitation, and whether it is new. */
    public record Invited(boolean created, ShareRepresentation representation) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ShareProvider shares;
    private final Audit audit;

    public ShareManager(KeycloakSession session, RealmModel realm, Audit audit) {
        this.session = session;
        this.realm = realm;
        this.shares = session.getProvider(ShareProvider.class);
        this.audit = audit;
    }

    /**
     * Invites an address to a device or ground, by its owner (or an admin) or, with {@code granting} their own live
     * share that allows it, by a recipient re-sharing it. Inviting the same address again updates that share: an
     * accepted share keeps its status with the new terms, any other becomes {@code PENDING} again and is mailed again
     * at most once an hour.
     */
    public Invited invite(Shared resource, ShareModel granting, String inviterId, UserModel owner, Terms terms) {
        if (granting != null) {
            shares.lock(granting);
            if (!granting.carriesReshares(Time.currentTimeMillis())) {
                throw ApiError.forbidden("the owner has not allowed re-sharing this " + resource.type());
            }
            requireWithinGrant(granting, terms);
        }
        long now = Time.currentTimeMillis();
        ShareModel share = shares.getShareByRecipient(realm, resource.id(), terms.email());
        boolean created = share == null;
        if (!created && granting != null && !inviterId.equals(share.getCreatedBy())) {
            throw ApiError.conflict("this address has already been invited by someone else");
        }
        ShareStatus current = created ? null : share.statusAt(now);
        boolean mail = current != ShareStatus.PENDING || share.getCreatedAt() <= now - RESEND_AFTER_MILLIS;
        boolean invite = current != ShareStatus.ACCEPTED;
        if (invite) {
            requireWithinLimits(inviterId, now, current == ShareStatus.PENDING, mail);
        }
        if (created) {
            share = shares.addShare(realm, resource.type(), resource.id(), resource.ownerId(), terms.email());
        }
        if (invite) {
            share.setStatus(ShareStatus.PENDING);
            share.setRecipientId(null);
            share.setRespondedAt(null);
            if (mail) {
                share.setCreatedAt(now);
            }
        }
        share.setActions(terms.actions());
        share.setExpiresAt(terms.expiresAt());
        share.setReshareAllowed(terms.reshareAllowed());
        share.setCreatedBy(inviterId);
        share.setParentId(granting == null ? null : granting.getId());
        ShareRepresentation rep = representation(share, resource.name());
        audit.record(created ? OperationType.CREATE : OperationType.UPDATE, rep);
        shares.flush();
        follow(share);
        ShareRepresentation.MailDelivery delivery = new ShareRepresentation.MailDelivery();
        if (invite && mail) {
            afterCommit(new ShareMails(session, realm).invitation(share, resource.name(), owner), delivery);
        }
        return new Invited(created, rep.withInvitation(delivery));
    }

    /** A re-share gives at most the re-sharer's own actions, for no longer than their own share, and no further re-sharing. */
    private static void requireWithinGrant(ShareModel granting, Terms terms) {
        if (!granting.getActions().containsAll(terms.actions())) {
            throw ApiError.badRequest("'actions' may contain only the actions shared with you: " + String.join(", ", granting.getActions()));
        }
        if (terms.reshareAllowed()) {
            throw ApiError.badRequest("a re-share cannot allow re-sharing");
        }
        if (granting.getExpiresAt() != null && (terms.expiresAt() == null || terms.expiresAt() > granting.getExpiresAt())) {
            throw ApiError.badRequest("'expiresAt' must not be later than your own share's expiry");
        }
        if (terms.email().equals(granting.getRecipientEmail())) {
            throw ApiError.badRequest("'email' is your own address");
        }
    }

    /**
     * Bounds the mail a user can cause: pending invitations and invitations per hour, both per inviting user (the
     * owner, or a re-sharer on their own account, so re-sharers cannot use up the owner's).
     */
    private void requireWithinLimits(String inviterId, long now, boolean alreadyPending, boolean mail) {
        RealmSettings settings = RealmSettings.of(realm);
        if (!alreadyPending && shares.countPendingBy(realm, inviterId, now) >= settings.invitationsPendingMax()) {
            throw ApiError.tooManyRequests("at most " + settings.invitationsPendingMax()
                    + " invitations may wait for an answer; revoke some or wait for answers");
        }
        if (mail && shares.countInvitedSince(realm, inviterId, now - RESEND_AFTER_MILLIS) >= settings.invitationsPerHour()) {
            throw ApiError.tooManyRequests("at most " + settings.invitationsPerHour() + " invitations an hour; try again later");
        }
    }

    /** Revokes a pending or accepted share at once (the recipient's next request is decided without it) and tells them. */
    public void revoke(ShareModel share) {
        ShareStatus status = share.statusAt(Time.currentTimeMillis());
        if (status != ShareStatus.PENDING && status != ShareStatus.ACCEPTED) {
            return;
        }
        share.setStatus(ShareStatus.REVOKED);
        share.setRespondedAt(Time.currentTimeMillis());
        String resourceName = Shares.resourceName(session, realm, share);
        audit.record(OperationType.DELETE, representation(share, resourceName));
        afterCommit(new ShareMails(session, realm).revoked(share, resourceName), null);
        follow(share);
    }

    /** The invitee accepts a pending invitation. */
    public ShareRepresentation accept(ShareModel share, UserModel recipient) {
        return answer(share, recipient, ShareStatus.ACCEPTED);
    }

    /** The invitee declines a pending invitation. */
    public ShareRepresentation decline(ShareModel share, UserModel recipient) {
        return answer(share, recipient, ShareStatus.DECLINED);
    }

    /** The recipient leaves an accepted share: access ends at once, and the owner sees it as declined. */
    public void leave(ShareModel share, UserModel recipient) {
        if (share.statusAt(Time.currentTimeMillis()) == ShareStatus.ACCEPTED) {
            answer(share, recipient, ShareStatus.DECLINED);
        }
    }

    /** Records the recipient's answer, tells the owner, and narrows or ends the re-shares made from the share. */
    private ShareRepresentation answer(ShareModel share, UserModel recipient, ShareStatus answer) {
        share.setStatus(answer);
        share.setRecipientId(recipient.getId());
        share.setRespondedAt(Time.currentTimeMillis());
        String resourceName = Shares.resourceName(session, realm, share);
        afterCommit(new ShareMails(session, realm).answered(share, resourceName), null);
        ShareRepresentation rep = representation(share, resourceName);
        audit.record(OperationType.UPDATE, rep);
        follow(share);
        return rep;
    }

    /** Writes down that a pending or accepted share has expired (access ended at its expiry already) and follows it. */
    public void expire(ShareModel share, String ownerName) {
        share.setStatus(ShareStatus.EXPIRED);
        audit.record(OperationType.UPDATE, ShareRepresentation.of(share, Shares.resourceName(session, realm, share), ownerName));
        follow(share);
    }

    /**
     * A re-share never gives more than its parent. After every change of a share, the live re-shares made from it keep
     * only the actions still in the parent and end no later than it, and they are revoked when it no longer carries
     * re-shares. Deleting a share row deletes its re-shares (the schema's cascade).
     */
    private void follow(ShareModel parent) {
        List<ShareModel> reshares = shares.getResharesForUpdate(parent);
        if (reshares.isEmpty()) {
            return;
        }
        long now = Time.currentTimeMillis();
        String resourceName = Shares.resourceName(session, realm, parent);
        String ownerName = Shares.displayName(session, realm, parent.getOwnerId());
        for (ShareModel reshare : reshares) {
            if (reshare.statusAt(now) == ShareStatus.EXPIRED) {
                continue;
            }
            List<String> kept = reshare.getActions().stream().filter(parent.getActions()::contains).toList();
            Long expiresAt = earlier(reshare.getExpiresAt(), parent.getExpiresAt());
            if (!parent.carriesReshares(now) || kept.isEmpty()) {
                reshare.setStatus(ShareStatus.REVOKED);
                reshare.setRespondedAt(now);
                audit.record(OperationType.DELETE, ShareRepresentation.of(reshare, resourceName, ownerName));
            } else if (!kept.equals(reshare.getActions()) || !Objects.equals(expiresAt, reshare.getExpiresAt())) {
                reshare.setActions(kept);
                reshare.setExpiresAt(expiresAt);
                audit.record(OperationType.UPDATE, ShareRepresentation.of(reshare, resourceName, ownerName));
            }
        }
    }

    /** The earlier of two expiries, null meaning never. */
    private static Long earlier(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    private ShareRepresentation representation(ShareModel share, String resourceName) {
        return ShareRepresentation.of(share, resourceName, Shares.displayName(session, realm, share.getOwnerId()));
    }

    /** Sends the mail once the transaction has committed, and not at all if it rolls back. */
    private void afterCommit(ShareMails.Mail mail, ShareRepresentation.MailDelivery delivery) {
        if (mail == null) {
            return;
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                boolean sent = mail.send();
                if (delivery != null) {
                    delivery.sent(sent);
                }
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }
}
