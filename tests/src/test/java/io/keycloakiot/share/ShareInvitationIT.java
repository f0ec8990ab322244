package io.keycloakiot.share;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import io.keycloakiot.support.Browser;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import io.keycloakiot.support.ServerTimer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sharing by e-mail invitation end to end: real mails through GreenMail, the signed link opened in a scripted
 * browser on Keycloak's own login and action-token pages, the answer seen by the owner and the check API.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class ShareInvitationIT {

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/iot-realm.json", lifecycle = LifeCycle.METHOD)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @InjectRunOnServer(permittedPackages = ServerTimer.PACKAGE)
    RunOnServerClient server;

    String alice;
    String bob;

    @BeforeEach
    void signIn() {
        alice = IotApi.userToken("alice");
        bob = IotApi.userToken("bob");
    }

    @Test
    void ownerSharesRecipientAcceptsThroughTheMailLinkThenOwnerRevokes() throws Exception {
        String device = IotApi.newDevice(alice, "Heat pump");
        JsonNode created = self("POST", "/devices/" + device + "/shares", alice,
                Map.of("email", "bob@example.com", "actions", List.of("read"))).expect(201).json();
        String path = "/devices/" + device + "/shares/" + created.get("id").asText();
        assertTrue(created.get("invitationSent").asBoolean());

        MimeMessage invitation = awaitMail("bob@example.com", 1);
        assertEquals("Alice Liddell shared \"Heat pump\" with you", invitation.getSubject());
        String text = text(invitation);
        assertTrue(text.contains("Alice Liddell") && text.contains("Heat pump") && text.contains("read"), text);
        String link = link(text);
        assertTrue(link.contains("/login-actions/action-token?key="), link);
        String key = link.substring(link.indexOf("key=") + 4).split("&")[0];
        assertTrue(html(invitation).contains("href=\"" + link.substring(0, link.indexOf("key=")) + "key=" + key),
                "the HTML part links the same URL: " + html(invitation));

        // Not signed in: the link leads through Keycloak's login, then back to the confirmation page.
        Browser browser = new Browser();
        Browser.Page login = browser.open(link);
        assertTrue(login.html().contains("name=\"password\""), "the link asks the invitee to sign in first");
        Browser.Page confirm = browser.submit(login, Map.of("username", "bob", "password", RealmUsers.password("bob")));
        assertTrue(confirm.html().contains("Heat pump") && confirm.html().contains("Alice Liddell"), confirm.html());
        assertEquals("PENDING", self("GET", path, alice, null).expect(200).json().get("status").asText(),
                "opening the link answers nothing");
        Browser.Page done = browser.open(answerLink(confirm, "accept"));
        assertTrue(done.html().contains("You can now use"), done.html());

        JsonNode listed = self("GET", "/devices/" + device + "/shares", alice, null).expect(200).json().get(0);
        assertEquals("ACCEPTED", listed.get("status").asText());
        assertEquals(RealmUsers.idOf(realm.admin(), "bob"), listed.get("recipientId").asText());
        assertTrue(listed.get("respondedTimestamp").asLong() >= listed.get("createdTimestamp").asLong());
        assertEquals(true, IotApi.check(bob, "device", device, "read").get("allowed").asBoolean());
        assertEquals(false, IotApi.check(bob, "device", device, "control").get("allowed").asBoolean());

        MimeMessage answered = awaitMail("alice@example.com", 1);
        assertEquals("bob@example.com accepted your invitation to \"Heat pump\"", answered.getSubject());

        // The link is used up: opening it again changes nothing.
        Browser.Page again = new Browser().open(link);
        assertFalse(again.html().contains("name=\"password\""), "a used link does not start another sign-in");
        assertEquals("ACCEPTED", self("GET", path, alice, null).expect(200).json().get("status").asText());

        self("DELETE", path, alice, null).expect(204);
        assertEquals(false, IotApi.check(bob, "device", device, "read").get("allowed").asBoolean(), "revoked on the next call");
        MimeMessage revoked = awaitMail("bob@example.com", 2);
        assertEquals("Alice Liddell revoked your access to \"Heat pump\"", revoked.getSubject());

        List<String> events = shareEvents();
        assertTrue(events.containsAll(List.of("CREATE:PENDING", "UPDATE:ACCEPTED", "DELETE:REVOKED")), events.toString());
    }

    @Test
    void anotherSignedInUserIsRefusedAndTheShareStaysPending() throws Exception {
        RealmUsers.create(realm.admin(), "carol");
        String device = IotApi.newDevice(alice, "Gate");
        String id = self("POST", "/devices/" + device + "/shares", alice,
                Map.of("email", "bob@example.com", "actions", List.of("read"))).expect(201).json().get("id").asText();
        String link = link(text(awaitMail("bob@example.com", 1)));

        Browser browser = new Browser();
        Browser.Page login = browser.open(link);
        Browser.Page refused = browser.submit(login, Map.of("username", "carol", "password", RealmUsers.password("carol")));
        assertTrue(refused.html().contains("already authenticated as different user"), refused.html());
        assertFalse(refused.html().contains("Annehmen") || refused.html().contains(">Accept<"));
        // Carol is signed in now; opening Bob's link again is refused the same way.
        assertTrue(browser.open(link).html().contains("already authenticated as different user"));
        assertEquals("PENDING", self("GET", "/devices/" + device + "/shares/" + id, alice, null).expect(200).json()
                .get("status").asText());
        assertEquals(false, IotApi.check(IotApi.userToken("carol"), "device", device, "read").get("allowed").asBoolean());
    }

    @Test
    void declineThroughTheLinkInGerman() throws Exception {
        setLocale("bob", "de");
        setLocale("alice", "de");
        String device = IotApi.newDevice(alice, "Wärmepumpe");
        String id = self("POST", "/devices/" + device + "/shares", alice,
                Map.of("email", "bob@example.com", "actions", List.of("read", "control"))).expect(201).json().get("id").asText();
        MimeMessage invitation = awaitMail("bob@example.com", 1);
        assertEquals("Alice Liddell hat „Wärmepumpe“ mit Ihnen geteilt", invitation.getSubject());
        String text = text(invitation);
        assertTrue(text.contains("das Gerät") && text.contains("read, control"), text);

        Browser browser = new Browser();
        Browser.Page confirm = browser.submit(browser.open(link(text)), Map.of("username", "bob", "password", RealmUsers.password("bob")));
        Browser.Page done = browser.open(answerLink(confirm, "decline"));
        assertTrue(done.html().contains("Wärmepumpe"), done.html());
        assertEquals("DECLINED", self("GET", "/devices/" + device + "/shares/" + id, alice, null).expect(200).json()
                .get("status").asText());
        assertEquals(false, IotApi.check(bob, "device", device, "read").get("allowed").asBoolean());
        assertTrue(awaitMail("alice@example.com", 1).getSubject().contains("abgelehnt"));

        // The owner invites again: a new pending invitation, a new mail; the old link is void.
        self("POST", "/devices/" + device + "/shares", alice, Map.of("email", "bob@example.com", "actions", List.of("read")))
                .expect(200);
        String second = link(text(awaitMail("bob@example.com", 2)));
        // Bob is still signed in in this browser: the link goes straight to the confirmation.
        Browser.Page confirmAgain = browser.open(second);
        assertFalse(confirmAgain.html().contains("name=\"password\""), "no second sign-in");
        assertTrue(browser.open(answerLink(confirmAgain, "accept")).html().contains("Wärmepumpe"));
        assertTrue(awaitMail("alice@example.com", 2).getSubject().contains("angenommen"));
        self("DELETE", "/devices/" + device + "/shares/" + id, alice, null).expect(204);
        assertTrue(awaitMail("bob@example.com", 3).getSubject().contains("widerrufen"));
    }

    @Test
    void anUnverifiedAddressIsVerifiedThroughKeycloakBeforeTheInvitationIsShown() throws Exception {
        var bobUser = realm.admin().users().get(RealmUsers.idOf(realm.admin(), "bob"));
        UserRepresentation rep = bobUser.toRepresentation();
        rep.setEmailVerified(false);
        bobUser.update(rep);
        String device = IotApi.newDevice(alice, "Oven");
        String id = self("POST", "/devices/" + device + "/shares", alice,
                Map.of("email", "bob@example.com", "actions", List.of("read"))).expect(201).json().get("id").asText();
        Browser browser = new Browser();
        Browser.Page login = browser.open(link(text(awaitMail("bob@example.com", 1))));
        Browser.Page verify = browser.submit(login, Map.of("username", "bob", "password", RealmUsers.password("bob")));
        assertTrue(verify.html().contains("data-page-id=\"login-login-verify-email\""), verify.uri().toString());
        assertFalse(verify.html().contains("id=\"kc-accept\""));
        assertEquals("PENDING", self("GET", "/devices/" + device + "/shares/" + id, alice, null).expect(200).json()
                .get("status").asText());
        // Keycloak's own verification mail; once verified, the sign-in ends back at the invitation.
        Browser.Page confirm = browser.open(link(text(awaitMail("bob@example.com", 2))));
        assertTrue(confirm.html().contains("id=\"kc-accept\"") && confirm.html().contains("Oven"), confirm.html());
    }

    @Test
    void anExpiredLinkIsRefusedAndTheExpiryIsRecorded() throws Exception {
        RealmUsers.create(realm.admin(), "auditor", "view-events");
        String device = IotApi.newDevice(alice, "Lamp");
        long expiresAt = Instant.now().plus(Duration.ofHours(1)).toEpochMilli();
        String id = self("POST", "/devices/" + device + "/shares", alice,
                Map.of("email", "bob@example.com", "actions", List.of("read"), "expiresAt", expiresAt)).expect(201).json()
                .get("id").asText();
        String link = link(text(awaitMail("bob@example.com", 1)));
        // Two hours on, on the server's clock (Keycloak's time offset): the link ended with the share at once; the
        // expiry sweep, run here as the server's timer would run it, writes the status and the event down. Tokens are
        // signed in anew: the earlier ones expired with the move.
        timeOffSet.set(Duration.ofHours(2));
        try {
            Browser.Page page = new Browser().open(link);
            assertFalse(page.html().contains("name=\"password\""), "an expired link does not lead to the sign-in");
            assertTrue(page.html().contains("expired"), page.html());
            assertEquals("EXPIRED", self("GET", "/devices/" + device + "/shares/" + id, IotApi.userToken("alice"), null)
                    .expect(200).json().get("status").asText());
            String auditor = IotApi.userToken("auditor");
            assertFalse(shareEvents(auditor).contains("UPDATE:EXPIRED"), "no expiry event before the sweep");
            ServerTimer.runNow(server, ShareExpirySweep.TASK_NAME);
            assertEquals(1, Collections.frequency(shareEvents(auditor), "UPDATE:EXPIRED"), () -> shareEvents(auditor).toString());
            ServerTimer.runNow(server, ShareExpirySweep.TASK_NAME);
            assertEquals(1, Collections.frequency(shareEvents(auditor), "UPDATE:EXPIRED"), "a share's expiry is written once");
        } finally {
            timeOffSet.set(0);
        }
    }

    @Test
    void someoneWithoutAnAccountRegistersThenAccepts() throws Exception {
        String device = IotApi.newDevice(alice, "Garage door");
        String id = self("POST", "/devices/" + device + "/shares", alice,
                Map.of("email", "dave@example.com", "actions", List.of("read"))).expect(201).json().get("id").asText();
        MimeMessage invitation = awaitMail("dave@example.com", 1);
        String text = text(invitation);
        assertTrue(text.contains("create an account"), text);
        String link = link(text);
        assertTrue(link.contains("/protocol/openid-connect/registrations") && link.contains("login_hint=dave%40example.com"), link);

        Browser browser = new Browser();
        Browser.Page registration = browser.open(link);
        assertTrue(registration.html().contains("data-page-id=\"login-register\""), "the link opens Keycloak's registration page: "
                + registration.uri());
        Browser.Page password = browser.submit(registration, Map.of("username", "dave", "email", "dave@example.com",
                "firstName", "Dave", "lastName", "Driver"));
        // The demo realm's registration sets the password as a required action.
        assertTrue(password.html().contains("data-page-id=\"login-login-update-password\""), password.uri().toString());
        Browser.Page verify = browser.submit(password, Map.of("password-new", "dave-pass-1", "password-confirm", "dave-pass-1"));
        assertTrue(verify.html().contains("data-page-id=\"login-login-verify-email\""), "registration asks to verify the address: "
                + verify.html().replaceAll("(?s)<head>.*</head>", ""));
        browser.open(link(text(awaitMail("dave@example.com", 2))));

        String dave = IotApi.userToken("dave", "dave-pass-1");
        JsonNode incoming = self("GET", "/shares/incoming", dave, null).expect(200).json();
        assertEquals(id, incoming.get(0).get("id").asText());
        self("POST", "/shares/" + id + "/accept", dave, null).expect(200);
        assertEquals(true, IotApi.check(dave, "device", device, "read").get("allowed").asBoolean());
    }

    @Test
    void reSharingNeedsTheOwnersPermissionAndStaysWithinTheShare() throws Exception {
        RealmUsers.create(realm.admin(), "carol");
        String device = IotApi.newDevice(alice, "Boiler");
        String shares = "/devices/" + device + "/shares";
        String bobsShare = self("POST", shares, alice, Map.of("email", "bob@example.com", "actions", List.of("read", "control")))
                .expect(201).json().get("id").asText();
        self("POST", "/shares/" + bobsShare + "/accept", bob, null).expect(200);
        Map<String, Object> toCarol = Map.of("email", "carol@example.com", "actions", List.of("read"));
        self("POST", shares, bob, toCarol).expectError(403, "forbidden");

        self("POST", shares, alice, Map.of("email", "bob@example.com", "actions", List.of("read", "control"),
                "reshareAllowed", true)).expect(200);
        self("POST", shares, bob, Map.of("email", "carol@example.com", "actions", List.of("read"), "reshareAllowed", true))
                .expectError(400, "invalid_request");
        JsonNode reshare = self("POST", shares, bob, toCarol).expect(201).json();
        assertEquals(RealmUsers.idOf(realm.admin(), "alice"), reshare.get("ownerId").asText(), "the device's owner stays the owner");
        assertTrue(awaitMail("carol@example.com", 1).getSubject().contains("Boiler"));
        assertEquals(1, self("GET", shares, bob, null).expect(200).json().size(), "a re-sharer sees only their own shares");
        assertEquals(2, self("GET", shares, alice, null).expect(200).json().size());
        self("DELETE", shares + "/" + bobsShare, bob, null).expectError(404, "not_found");

        String carol = IotApi.userToken("carol");
        self("POST", "/shares/" + reshare.get("id").asText() + "/accept", carol, null).expect(200);
        assertEquals(true, IotApi.check(carol, "device", device, "read").get("allowed").asBoolean());
        assertEquals(false, IotApi.check(carol, "device", device, "control").get("allowed").asBoolean());

        // Bob's token for the shared device holds the share's actions and ends with the share, as do his re-shares.
        String bobsToken = self("POST", "/tokens", bob, Map.of("name", "boiler reader", "permissions",
                List.of(Map.of("type", "device", "resource", device, "actions", List.of("read"))))).expect(201).json()
                .get("token").asText();
        assertEquals(true, IotApi.check(bobsToken, "device", device, "read").get("allowed").asBoolean());
        assertEquals(false, IotApi.check(bobsToken, "device", device, "control").get("allowed").asBoolean());
        self("DELETE", shares + "/" + bobsShare, alice, null).expect(204);
        assertEquals(false, IotApi.check(bobsToken, "device", device, "read").get("allowed").asBoolean());
        assertEquals(false, IotApi.check(carol, "device", device, "read").get("allowed").asBoolean());
        assertEquals("REVOKED", self("GET", shares + "/" + reshare.get("id").asText(), alice, null).expect(200).json()
                .get("status").asText());
    }

    @Test
    void invitationsAreBoundedAndReInvitingRefreshes() throws Exception {
        String adminToken = adminClient.tokenManager().getAccessTokenString();
        IotApi.admin("PUT", "/settings", adminToken, Map.of("invitationsPendingMax", 2, "invitationsPerHour", 3)).expect(200);
        String device = IotApi.newDevice(alice, "Sprinkler");
        String shares = "/devices/" + device + "/shares";
        JsonNode first = self("POST", shares, alice, Map.of("email", "one@example.com", "actions", List.of("read"))).expect(201).json();
        self("POST", shares, alice, Map.of("email", "two@example.com", "actions", List.of("read"))).expect(201);
        self("POST", shares, alice, Map.of("email", "three@example.com", "actions", List.of("read"))).expectError(429, "too_many_requests");
        // Re-inviting a pending address refreshes it, without a second mail within the hour.
        JsonNode again = self("POST", shares, alice, Map.of("email", "ONE@example.com", "actions", List.of("read", "control"))).expect(200).json();
        assertEquals(first.get("id").asText(), again.get("id").asText());
        assertFalse(again.get("invitationSent").asBoolean());
        assertEquals(2, self("GET", shares, alice, null).expect(200).json().size());
        assertTrue(mail.waitForIncomingEmail(10_000, 2));
        assertEquals(2, mail.getReceivedMessages().length);

        self("DELETE", shares + "/" + first.get("id").asText(), alice, null).expect(204);
        self("POST", shares, alice, Map.of("email", "three@example.com", "actions", List.of("read"))).expect(201);
        // Three invitations within the hour: the fourth is refused even though fewer are pending.
        self("DELETE", shares + "/" + first.get("id").asText(), alice, null).expect(204);
        self("POST", shares, alice, Map.of("email", "four@example.com", "actions", List.of("read"))).expectError(429, "too_many_requests");
        IotApi.admin("PUT", "/settings", adminToken, Map.of("invitationsPendingMax", -1)).expectError(400, "invalid_request");
    }

    private void setLocale(String username, String locale) {
        var user = realm.admin().users().get(RealmUsers.idOf(realm.admin(), username));
        UserRepresentation rep = user.toRepresentation();
        rep.singleAttribute("locale", locale);
        user.update(rep);
    }

    /** The answer link of the confirmation page ({@code accept} or {@code decline}). */
    private static String answerLink(Browser.Page confirm, String answer) {
        Matcher href = Pattern.compile("id=\"kc-" + answer + "\" href=\"([^\"]+)\"").matcher(confirm.html());
        if (!href.find()) {
            throw new AssertionError("no " + answer + " link on " + confirm.html());
        }
        return href.group(1).replace("&amp;", "&");
    }

    private MimeMessage awaitMail(String to, int nth) throws MessagingException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            List<MimeMessage> received = new java.util.ArrayList<>();
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals(to)) {
                    received.add(message);
                }
            }
            if (received.size() >= nth) {
                return received.get(nth - 1);
            }
            mail.waitForIncomingEmail(1000, mail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("mail " + nth + " to " + to + " did not arrive");
    }

    private List<String> shareEvents() {
        return shareEventsOf(realm.admin().getAdminEvents());
    }

    /** The share events, read over HTTP with {@code token} (which may see them). */
    private static List<String> shareEvents(String token) {
        List<AdminEventRepresentation> events = new ArrayList<>();
        IotApi.call("GET", "/admin/realms/iot/admin-events?max=1000", token, null, null).expect(200).json()
                .forEach(node -> events.add(IotApi.JSON.convertValue(node, AdminEventRepresentation.class)));
        return shareEventsOf(events);
    }

    private static List<String> shareEventsOf(List<AdminEventRepresentation> events) {
        return events.stream().filter(event -> event.getResourcePath() != null && event.getResourcePath().contains("shares/"))
                .map(ShareInvitationIT::operationAndStatus).toList();
    }

    private static String operationAndStatus(AdminEventRepresentation event) {
        try {
            return event.getOperationType() + ":" + IotApi.JSON.readTree(event.getRepresentation()).get("status").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first link to the realm's pages on the server under test. */
    private static String link(String text) {
        Matcher matcher = Pattern.compile("(" + Pattern.quote(IotApi.url("/realms/iot/")) + "\\S+)").matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no link in " + text);
        }
        return matcher.group(1);
    }

    private static String text(MimeMessage message) throws IOException, MessagingException {
        return part(message, "text/plain");
    }

    private static String html(MimeMessage message) throws IOException, MessagingException {
        return part(message, "text/html");
    }

    private static String part(MimeMessage message, String type) throws IOException, MessagingException {
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof Multipart nested) {
                for (int j = 0; j < nested.getCount(); j++) {
                    if (nested.getBodyPart(j).isMimeType(type)) {
                        return nested.getBodyPart(j).getContent().toString();
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " part");
    }
}
