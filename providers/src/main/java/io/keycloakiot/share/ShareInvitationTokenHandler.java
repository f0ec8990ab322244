package io.keycloakiot.share;

import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;

import org.keycloak.timer.TimerProvider;

import org.keycloak.models.utils.PostMigrationEvent;

import org.keycloak.models.utils.KeycloakModelUtils;

import org.keycloak.models.KeycloakSessionFactory;

import org.keycloak.Config;

import io.keycloakiot.model.ShareStatus;

import io.keycloakiot.model.ShareProvider;

import io.keycloakiot.model.ShareModel;
import java.util.Locale;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.DefaultActionTokenKey;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.sessions.AuthenticationSessionCompoundId;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Opens the link of an invitation mail on Keycloak's action-token endpoint. Keycloak has checked the signature,
 * expiry, that the link was not used, that the invited account exists and is enabled, and that no other user is
 * signed in in this browser (its own refusal page). The link is not a sign-in: the invited account signs in through
 * the realm's browser flow and comes back to the link, then answers on a confirmation page. The answer uses the
 * link up; an invitation that is no longer pending, or an account whose verified address is not the invited one,
 * gets a refusal page and the share is left as it was.
 */
public class ShareInvitationTokenHandler extends AbstractActionTokenHandler<ShareInvitationToken> {

    static final String CONFIRM_PAGE = "iot-share-confirm.ftl";

    public ShareInvitationTokenHandler() {
        super(ShareInvitationToken.TOKEN_TYPE, ShareInvitationToken.class, "iotShareLinkInvalid",
                EventType.EXECUTE_ACTION_TOKEN, Errors.INVALID_TOKEN);
    }

    /**
     * Schedules the share expiry sweep on one node of the cluster at a time, once the server has started. Its interval
     * is the option {@code --spi-jpa-entity-provider--iot--share-expiry-sweep-seconds} (default 60), where it has
     * always been documented.
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        long interval = 1000L * Config.scope("jpa-entity-provider", "iot").getInt("share-expiry-sweep-seconds", 60);
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class).schedule(
                        new ClusterAwareScheduledTaskRunner(factory, new ShareExpirySweep(), interval), interval, ShareExpirySweep.TASK_NAME));
            }
        });
    }

    @Override
    public boolean canUseTokenRepeatedly(ShareInvitationToken token, ActionTokenContext<ShareInvitationToken> context) {
        return false;
    }

    @Override
    public Response handleToken(ShareInvitationToken token, ActionTokenContext<ShareInvitationToken> context) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getAuthenticationSession().getAuthenticatedUser();
        ShareModel share = session.getProvider(ShareProvider.class).getShare(realm, token.getShareId());
        // A re-invitation sends a new link and voids the older ones.
        if (share == null || !share.getRecipientEmail().equals(token.getEmail()) || share.getCreatedAt() != token.getInvitedAt()) {
            return refusal(context, Response.Status.BAD_REQUEST, "iotShareLinkInvalid");
        }
        ShareStatus status = share.statusAt(Time.currentTimeMillis());
        if (status != ShareStatus.PENDING) {
            return refusal(context, Response.Status.BAD_REQUEST, "iotShareNotPending", status.name().toLowerCase(Locale.ROOT));
        }
        if (!Shares.invited(share, user)) {
            return refusal(context, Response.Status.FORBIDDEN, "iotShareWrongAccount");
        }
        String answer = token.getNote(ShareInvitationToken.ANSWER_NOTE);
        boolean asking = context.isAuthenticationSessionFresh() || answer == null;
        if (asking && AuthenticationManager.authenticateIdentityCookie(session, realm, true) == null) {
            return signInFirst(token, context);
        }
        // Checked after the sign-in, which may itself verify the address (the realm's verify-email action).
        if (!user.isEmailVerified()) {
            return refusal(context, Response.Status.FORBIDDEN, "iotShareEmailNotVerified");
        }
        if (asking) {
            return confirmation(token, share, context);
        }
        // Used up now, whichever answer: the mail link and both answer links share its key.
        if (!session.revokedTokens().put(token.serializeKey(), Math.max(1, token.getExp() - Time.currentTime()))) {
            return refusal(context, Response.Status.BAD_REQUEST, "iotShareLinkInvalid");
        }
        ShareManager manager = new ShareManager(session, realm, (operation, changed) -> ShareEvents.record(session, realm, user,
                context.getAuthenticationSession().getClient(), context.getClientConnection().getRemoteHost(), operation, changed));
        ShareRepresentation rep = "accept".equals(answer) ? manager.accept(share, user) : manager.decline(share, user);
        return session.getProvider(LoginFormsProvider.class)
                .setAuthenticationSession(context.getAuthenticationSession())
                .setInfo(rep.status() == ShareStatus.ACCEPTED ? "iotShareAcceptedInfo" : "iotShareDeclinedInfo", rep.resourceName())
                .createInfoPage();
    }

    /**
     * Runs the realm's browser flow (sign-in, or registration from there) in this link's authentication session,
     * then sends the browser back to the link, where the signed-in account is checked again.
     */
    private Response signInFirst(ShareInvitationToken token, ActionTokenContext<ShareInvitationToken> context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setAuthenticatedUser(null);
        authSession.removeAuthNote(DefaultActionTokenKey.ACTION_TOKEN_USER_ID);
        authSession.removeAuthNote(AuthenticationManager.INVALIDATE_ACTION_TOKEN);
        authSession.removeAuthNote(AuthenticationManager.END_AFTER_REQUIRED_ACTIONS);
        authSession.removeAuthNote(Constants.KEY);
        String back = context.getUriInfo().getRequestUri().toString();
        authSession.setRedirectUri(back);
        authSession.setClientNote(OIDCLoginProtocol.REDIRECT_URI_PARAM, back);
        authSession.setClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM, token.getEmail());
        return context.processFlow(false, LoginActionsService.AUTHENTICATE_PATH, context.getRealm().getBrowserFlow(), null,
                new AuthenticationProcessor());
    }

    /** Asks the signed-in invitee to accept or decline; each answer is a link bound to this authentication session. */
    private Response confirmation(ShareInvitationToken token, ShareModel share, ActionTokenContext<ShareInvitationToken> context) {
        KeycloakSession session = context.getSession();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        token.setCompoundAuthenticationSessionId(AuthenticationSessionCompoundId.fromAuthSession(authSession).getEncodedId());
        return session.getProvider(LoginFormsProvider.class)
                .setAuthenticationSession(authSession)
                .setAttribute("ownerName", Shares.displayName(session, context.getRealm(), share.getOwnerId()))
                .setAttribute("resourceName", Shares.resourceName(session, context.getRealm(), share))
                .setAttribute("resourceType", share.getResourceType())
                .setAttribute("actions", String.join(", ", share.getActions()))
                .setAttribute("acceptUrl", answerLink(token, "accept", context))
                .setAttribute("declineUrl", answerLink(token, "decline", context))
                .createForm(CONFIRM_PAGE);
    }

    private static String answerLink(ShareInvitationToken token, String answer, ActionTokenContext<ShareInvitationToken> context) {
        KeycloakSession session = context.getSession();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        token.setNote(ShareInvitationToken.ANSWER_NOTE, answer);
        return Urls.actionTokenBuilder(context.getUriInfo().getBaseUri(), token.serialize(session, context.getRealm(), context.getUriInfo()),
                        authSession.getClient().getClientId(), authSession.getTabId(), AuthenticationProcessor.getClientData(session, authSession))
                .build(context.getRealm().getName()).toString();
    }

    private static Response refusal(ActionTokenContext<ShareInvitationToken> context, Response.Status status, String message,
                                    Object... arguments) {
        return context.getSession().getProvider(LoginFormsProvider.class)
                .setAuthenticationSession(context.getAuthenticationSession())
                .setError(message, arguments)
                .createErrorPage(status);
    }
}
