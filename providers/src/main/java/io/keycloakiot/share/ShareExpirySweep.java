package io.keycloakiot.share;

import jakarta.persistence.EntityManager;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.SystemClientUtil;
import org.keycloak.timer.ScheduledTask;

/**
 * Writes down the expiry of shares: marks pending and accepted shares past their end {@code EXPIRED} and records
 * the event. Access does not wait for it (every decision compares {@code expiresAt} with the clock); the sweep only
 * makes the expiry visible in the event store. Runs on one node of a cluster at a time.
 */
public final class ShareExpirySweep implements ScheduledTask {

    public static final String TASK_NAME = "iot-share-expiry";
    /** Per run; a backlog is worked off over the next runs. */
    static final int BATCH = 500;

    @Override
    public void run(KeycloakSession session) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        long now = Time.currentTimeMillis();
        for (IotShareEntity share : ShareStore.expired(em, now, BATCH)) {
            share.setStatus(ShareStatus.EXPIRED);
            RealmModel realm = session.realms().getRealm(share.getRealmId());
            if (realm == null) {
                continue;
            }
            // User lookups and events need the realm in the session's context, as in a request.
            session.getContext().setRealm(realm);
            UserModel owner = session.users().getUserById(realm, share.getOwnerId());
            if (owner == null) {
                continue;
            }
            ShareRepresentation rep = ShareRepresentation.of(share, Shares.resourceName(session, share), Shares.displayName(owner));
            Reshares.Audit audit = (operation, changed) -> ShareEvents.record(session, realm, owner,
                    SystemClientUtil.getSystemClient(realm), "127.0.0.1", operation, changed);
            audit.record(OperationType.UPDATE, rep);
            Reshares.follow(session, realm, share, audit);
        }
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }
}
