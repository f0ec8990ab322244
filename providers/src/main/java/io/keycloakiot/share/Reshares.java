package io.keycloakiot.share;

import java.util.List;
import java.util.Objects;

import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A re-share never gives more than its parent, the re-sharer's own share. Every change of a share (the owner
 * inviting the address again, a revoke, an answer or a leave, the expiry sweep) ends here, in its transaction: the
 * live re-shares made from it keep only the actions still in the parent and end no later than it, and they are
 * revoked when it no longer carries re-shares. Deleting a share row deletes its re-shares (the schema's cascade).
 */
final class Reshares {

    /** Records a re-share's change in the realm's event store, the way the path that changed its parent records. */
    interface Audit {
        void record(OperationType operation, ShareRepresentation share);
    }

    private Reshares() {
    }

    static void follow(KeycloakSession session, RealmModel realm, IotShareEntity parent, Audit audit) {
        List<IotShareEntity> reshares = new ShareStore(session, realm).resharesOf(parent.getId());
        if (reshares.isEmpty()) {
            return;
        }
        long now = Time.currentTimeMillis();
        String resourceName = Shares.resourceName(session, parent);
        String ownerName = Shares.displayName(session, realm, parent.getOwnerId());
        for (IotShareEntity reshare : reshares) {
            if (reshare.statusAt(now) == ShareStatus.EXPIRED) {
                continue;
            }
            List<String> kept = reshare.actionList().stream().filter(parent.actionList()::contains).toList();
            Long expiresAt = earlier(reshare.getExpiresAt(), parent.getExpiresAt());
            if (!parent.carriesReshares(now) || kept.isEmpty()) {
                reshare.setStatus(ShareStatus.REVOKED);
                reshare.setRespondedAt(now);
                audit.record(OperationType.DELETE, ShareRepresentation.of(reshare, resourceName, ownerName));
            } else if (!kept.equals(reshare.actionList()) || !Objects.equals(expiresAt, reshare.getExpiresAt())) {
                reshare.setActionList(kept);
                reshare.setExpiresAt(expiresAt);
                audit.record(OperationType.UPDATE, ShareRepresentation.of(reshare, resourceName, ownerName));
            }
        }
    }

    /** The earlier of two expiries, null meaning never. */
    private static Long earlier(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }
}
