package io.keycloakiot.share;

import io.keycloakiot.model.ShareStatus;

import io.keycloakiot.model.ShareModel;
import io.keycloakiot.model.ShareProvider;
import org.keycloak.common.util.Time;
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
        for (ShareModel share : session.getProvider(ShareProvider.class).getExpired(Time.currentTimeMillis(), BATCH)) {
            RealmModel realm = session.realms().getRealm(share.getRealmId());
            if (realm == null) {
                share.setStatus(ShareStatus.EXPIRED);
                continue;
            }
            // User lookups and events need the realm in the session's context, as in a request.
            session.getContext().setRealm(realm);
            UserModel owner = session.users().getUserById(realm, share.getOwnerId());
            ShareManager.Audit audit = owner == null ? (operation, changed) -> { }
                    : (operation, changed) -> ShareEvents.record(session, realm, owner, SystemClientUtil.getSystemClient(realm),
                            "127.0.0.1", operation, changed);
            new ShareManager(session, realm, audit).expire(share, Shares.displayName(owner));
        }
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }
}
