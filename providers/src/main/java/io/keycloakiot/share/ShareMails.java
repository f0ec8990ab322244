package io.keycloakiot.share;

import io.keycloakiot.model.ShareStatus;

import io.keycloakiot.model.ShareModel;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.UriBuilder;
import io.keycloakiot.permission.RealmSettings;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.Urls;
import org.keycloak.storage.adapter.InMemoryUserAdapter;
import org.keycloak.theme.Theme;
import org.keycloak.theme.beans.LinkExpirationFormatterMethod;

/**
 * The sharing mails, sent through the realm's SMTP settings with the pack's templates, in the recipient's language
 * (their account's locale, else the inviting owner's for an address without an account, else the realm default).
 * A mail that cannot be sent is logged without its link and reported to the caller; the share itself stays.
 */
final class ShareMails {

    private static final Logger LOG = Logger.getLogger(ShareMails.class);
    /** The client of Keycloak's own mail links (the account console); an invitation ends there. */
    static final String LINK_CLIENT = Constants.ACCOUNT_MANAGEMENT_CLIENT_ID;

    private final KeycloakSession session;
    private final RealmModel realm;

    ShareMails(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * Invites the share's address. An address with an account gets a signed single-use link to answer after signing
     * in; an address without one gets the registration page, after which the invitation waits under
     * {@code /shares/incoming} for the verified address.
     */
    Mail invitation(ShareModel share, String resourceName, UserModel owner) {
        UserModel recipient = accountOf(share.getRecipientEmail());
        long linkExpiresAt = linkExpiry(share);
        URI base = session.getContext().getUri().getBaseUri();
        String link;
        if (recipient != null) {
            ShareInvitationToken token = new ShareInvitationToken(recipient.getId(), (int) linkExpiresAt,
                    share.getRecipientEmail(), LINK_CLIENT, share.getId(), share.getCreatedAt());
            link = Urls.actionTokenBuilder(base, token.serialize(session, realm, session.getContext().getUri()),
                    LINK_CLIENT, "", null).build(realm.getName()).toString();
        } else {
            link = signUpLink(base, share.getRecipientEmail());
        }
        Map<String, Object> attributes = attributes(share, resourceName);
        attributes.put("ownerName", Shares.displayName(owner));
        attributes.put("link", link);
        attributes.put("linkExpiration", Math.max(1, (linkExpiresAt - Time.currentTime()) / 60));
        attributes.put("register", recipient == null);
        if (share.getExpiresAt() != null) {
            attributes.put("shareExpiresAt", DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC)
                    .format(Instant.ofEpochMilli(share.getExpiresAt()).truncatedTo(ChronoUnit.MINUTES)) + " UTC");
        }
        UserModel to = recipient != null ? recipient : stranger(share.getRecipientEmail(), owner);
        try {
            // Keycloak adds this formatter only to its own link mails.
            Locale locale = session.getContext().resolveLocale(to, true);
            attributes.put("linkExpirationFormatter", new LinkExpirationFormatterMethod(
                    session.theme().getTheme(Theme.Type.EMAIL).getMessages(locale), locale));
        } catch (IOException e) {
            LOG.warnf("Could not load the email theme of realm %s: %s", realm.getName(), e.getMessage());
            return null;
        }
        return mail(share, to, "iotShareInvitationSubject", List.of(Shares.displayName(owner), resourceName),
                "iot-share-invitation.ftl", attributes);
    }

    /** Tells the owner that the recipient accepted or declined. */
    Mail answered(ShareModel share, String resourceName) {
        UserModel owner = session.users().getUserById(realm, share.getOwnerId());
        if (owner == null || owner.getEmail() == null) {
            return null;
        }
        boolean accepted = share.getStatus() == ShareStatus.ACCEPTED;
        Map<String, Object> attributes = attributes(share, resourceName);
        attributes.put("recipientEmail", share.getRecipientEmail());
        attributes.put("accepted", accepted);
        return mail(share, owner, accepted ? "iotShareAcceptedSubject" : "iotShareDeclinedSubject",
                List.of(share.getRecipientEmail(), resourceName), "iot-share-answered.ftl", attributes);
    }

    /** Tells the recipient that the owner revoked the share. */
    Mail revoked(ShareModel share, String resourceName) {
        UserModel owner = session.users().getUserById(realm, share.getOwnerId());
        UserModel recipient = share.getRecipientId() != null ? session.users().getUserById(realm, share.getRecipientId())
                : accountOf(share.getRecipientEmail());
        UserModel to = recipient != null && recipient.getEmail() != null ? recipient : stranger(share.getRecipientEmail(), owner);
        Map<String, Object> attributes = attributes(share, resourceName);
        attributes.put("ownerName", Shares.displayName(owner));
        return mail(share, to, "iotShareRevokedSubject", List.of(Shares.displayName(owner), resourceName),
                "iot-share-revoked.ftl", attributes);
    }

    /** The link expires with the realm's invitation-link lifetime or with the share, whichever is first (epoch seconds). */
    private long linkExpiry(ShareModel share) {
        long expiresAt = Time.currentTime() + RealmSettings.of(realm).invitationLinkLifetimeSeconds();
        return share.getExpiresAt() == null ? expiresAt : Math.min(expiresAt, share.getExpiresAt() / 1000);
    }

    private Map<String, Object> attributes(ShareModel share, String resourceName) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("resourceName", resourceName);
        attributes.put("resourceType", share.getResourceType());
        attributes.put("actions", String.join(", ", share.getActions()));
        // The recipient's language, not the language of whoever's request sends the mail.
        attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
        return attributes;
    }

    /** A mail made ready inside the transaction, to be sent after it commits ({@link ShareManager}). */
    private Mail mail(ShareModel share, UserModel to, String subjectKey, List<Object> subjectArguments, String template,
                      Map<String, Object> attributes) {
        return new Mail(session, realm, share.getId(), detached(to), subjectKey, subjectArguments, template, attributes);
    }

    /**
     * The recipient as the mail needs them (address, names, language), copied now: after the commit Keycloak's user
     * adapters may no longer load what they had not read yet.
     */
    private UserModel detached(UserModel user) {
        if (user instanceof InMemoryUserAdapter) {
            return user;
        }
        InMemoryUserAdapter copy = new InMemoryUserAdapter(session, realm, user.getId());
        copy.setUsername(user.getUsername());
        copy.setEmail(user.getEmail());
        copy.setEmailVerified(user.isEmailVerified());
        copy.setFirstName(user.getFirstName());
        copy.setLastName(user.getLastName());
        copy.setEnabled(true);
        String locale = user.getFirstAttribute(UserModel.LOCALE);
        if (locale != null) {
            copy.setSingleAttribute(UserModel.LOCALE, locale);
        }
        return copy;
    }

    /** One mail of a share, ready to send: everything it says was read before the commit. */
    record Mail(KeycloakSession session, RealmModel realm, String shareId, UserModel to, String subjectKey,
                List<Object> subjectArguments, String template, Map<String, Object> attributes) {

        /** Sends it; false when the realm has no mail settings or the server refused it (logged, never with its link). */
        boolean send() {
            if (realm.getSmtpConfig() == null || realm.getSmtpConfig().get("host") == null) {
                // A realm without mail settings shares without mails; the answer says so, nothing to warn about each time.
                LOG.debugf("Realm %s has no SMTP settings: the %s mail of share %s is not sent", realm.getName(), template, shareId);
                return false;
            }
            try {
                session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(to)
                        .send(subjectKey, subjectArguments, template, attributes);
                return true;
            } catch (EmailException e) {
                // Never the link: it is a credential until used.
                LOG.warnf("Could not send the %s mail of share %s in realm %s: %s", template, shareId, realm.getName(),
                        e.getMessage());
                return false;
            }
        }
    }

    /** The enabled account holding this address, or null (none, disabled, or the address is on several accounts). */
    private UserModel accountOf(String email) {
        try {
            UserModel user = session.users().getUserByEmail(realm, email);
            return user != null && user.isEnabled() ? user : null;
        } catch (ModelDuplicateException e) {
            return null;
        }
    }

    /** A stand-in recipient for an address without an account, speaking the owner's language. */
    private InMemoryUserAdapter stranger(String email, UserModel owner) {
        InMemoryUserAdapter user = new InMemoryUserAdapter(session, realm, "iot-invitee");
        user.setEmail(email);
        String locale = owner == null ? null : owner.getFirstAttribute(UserModel.LOCALE);
        if (locale != null) {
            user.setSingleAttribute(UserModel.LOCALE, locale);
        }
        return user;
    }

    /** Keycloak's registration page for the account console, with the address filled in (the login page if the realm has no self-registration). */
    private String signUpLink(URI base, String email) {
        String endpoint = realm.isRegistrationAllowed() ? "registrations" : "auth";
        return UriBuilder.fromUri(base).path("realms/{realm}/protocol/openid-connect/" + endpoint)
                .queryParam("client_id", LINK_CLIENT)
                .queryParam("response_type", "code")
                .queryParam("scope", "openid")
                .queryParam("redirect_uri", Urls.accountBase(base).path("/").build(realm.getName()).toString())
                .queryParam("login_hint", email)
                .build(realm.getName()).toString();
    }
}
