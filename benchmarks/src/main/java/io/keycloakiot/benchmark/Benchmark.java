package io.keycloakiot.benchmark;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * Measures, against one running server and with one load generator: stock JWT introspection vs device-token
 * introspection, stock client-credentials grant vs device-token exchange, device-token introspection at
 * 1,000 vs 100,000 devices, and the authorization check API (device token, user access token through shares,
 * ground token) at 100,000 devices, 1,000 grounds and 10,000 shares vs stock JWT introspection, and a share
 * invitation with its mail vs stock Keycloak's execute-actions mail (both through a GreenMail SMTP sink in this
 * JVM). Prints a table with the ratios. Started by benchmarks/run.sh.
 */
public final class Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The check API's targets on the project's 2-core machine. */
    private static final double CHECK_P99_TARGET_MS = 10.0;
    private static final double CHECK_THROUGHPUT_TARGET = 1.0;
    /** Users that stock execute-actions-email requests go to, in turn. */
    private static final int MAIL_USERS = 100;
    /** The mail scenarios' names, for the table and the ratio line. */
    private static final String STOCK_MAIL = "stock execute-actions-email (mail)";
    private static final String SHARE_MAIL = "share invitation with mail";
    private static final long STARTED = System.nanoTime();

    private Benchmark() {
    }

    /** A seeded user who receives shares and owns a few grounds of devices. */
    private record Recipient(String username, String password, String email, String id) {
    }

    /** What a recipient's check requests go to: devices shared with them, devices they own. */
    private record Reach(List<String> shared, List<String> owned) {
    }

    /**
     * The two mail scenarios' requests: stock execute-actions-email to the mail users in turn (master admin token),
     * and Alice's invitations, each of a new address, on her devices in turn.
     */
    private record MailScenarios(IntFunction<HttpRequest> stock, IntFunction<HttpRequest> share) {
    }

    public static void main(String[] args) throws Exception {
        String base = env("BENCH_BASE_URL", "http://localhost:18080");
        int small = Integer.parseInt(env("BENCH_SMALL_DEVICES", "1000"));
        int large = Integer.parseInt(env("BENCH_DEVICES", "100000"));
        int groundCount = Integer.parseInt(env("BENCH_GROUNDS", "1000"));
        int shareCount = Integer.parseInt(env("BENCH_SHARES", "10000"));
        int recipientCount = Integer.parseInt(env("BENCH_RECIPIENTS", "4"));
        int recipientGrounds = Integer.parseInt(env("BENCH_RECIPIENT_GROUNDS", "5"));
        Duration measured = Duration.ofSeconds(Long.parseLong(env("BENCH_SECONDS", "20")));
        LoadRunner load = new LoadRunner(Integer.parseInt(env("BENCH_WORKERS", "8")),
                Duration.ofSeconds(Long.parseLong(env("BENCH_WARMUP_SECONDS", "5"))), measured);
        // Rounds before the last only warm (every scenario, in order), so they can be shorter.
        Duration warming = Duration.ofSeconds(Long.parseLong(env("BENCH_WARM_ROUND_SECONDS", "5")));

        String adminToken = token(base, "master", "grant_type=password&client_id=admin-cli&username=admin&password=admin");
        String realmId = get(base + "/admin/realms/iot", adminToken).get("id").asText();
        String aliceId = userId(base, adminToken, "alice");
        List<Recipient> recipients = new ArrayList<>();
        for (int r = 0; r < recipientCount; r++) {
            recipients.add(createUser(base, adminToken, "bench-recipient-" + r));
        }
        Seeder seeder = new Seeder(env("BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/keycloak_iot_bench"),
                env("BENCH_DB_USER", "keycloak_iot"), env("BENCH_DB_PASSWORD", "keycloak_iot"), realmId, aliceId);

        // Alice owns every device but the last grounds' worth, which the recipients own (a few grounds each); the
        // shares are of Alice's devices, spread over her whole range, each with one recipient.
        int groundSize = large / groundCount;
        int aliceDevices = large - recipientCount * recipientGrounds * groundSize;
        if (groundSize == 0 || large % groundCount != 0 || aliceDevices < small || aliceDevices < shareCount) {
            throw new IllegalArgumentException("BENCH_DEVICES must be a multiple of BENCH_GROUNDS and leave Alice at least"
                    + " BENCH_SMALL_DEVICES and BENCH_SHARES devices beside the recipients' grounds");
        }
        for (int r = 0; r < recipientCount; r++) {
            int from = aliceDevices + r * recipientGrounds * groundSize;
            seeder.own(from, from + recipientGrounds * groundSize, recipients.get(r).id());
        }

        URI introspect = URI.create(base + "/realms/iot/protocol/openid-connect/token/introspect");
        URI tokenEndpoint = URI.create(base + "/realms/iot/protocol/openid-connect/token");
        URI check = URI.create(base + "/realms/iot/iot/authz/check");
        String apiAuth = basic("iot-api", "iot-api-secret");
        String backendAuth = basic("iot-backend", "iot-backend-secret");
        int rounds = Integer.parseInt(env("BENCH_ROUNDS", "2"));
        List<LoadRunner.Result> results = new ArrayList<>();

        progress("seeding " + small + " devices");
        seeder.seedUpTo(small);
        List<String> smallSet = List.copyOf(seeder.tokens());
        load.sweep(smallSet.size(), i -> LoadRunner.formPost(introspect, apiAuth, "token=" + smallSet.get(i)));
        LoadRunner warmUpLoad = new LoadRunner(Integer.parseInt(env("BENCH_WORKERS", "8")), Duration.ZERO,
                Duration.ofSeconds(Long.parseLong(env("BENCH_GLOBAL_WARMUP_SECONDS", "40"))));
        progress("global warm-up");
        warmUp(warmUpLoad, base, introspect, tokenEndpoint, check, apiAuth, backendAuth, smallSet, seeder.deviceIds());

        // Every scenario runs in each round, in the same order; the last round is reported, so that no
        // scenario is measured on a colder server than another. Earlier rounds measure for a shorter window.
        LoadRunner.Result smallIntrospection = null;
        for (int round = 0; round < rounds; round++) {
            smallIntrospection = load.run("device-token introspection, " + small + " devices",
                    i -> LoadRunner.formPost(introspect, apiAuth, "token=" + smallSet.get(i % smallSet.size())), "\"active\":true",
                    round == rounds - 1 ? measured : warming);
        }
        results.add(smallIntrospection);

        progress("seeding up to " + large + " devices, " + groundCount + " grounds, " + shareCount + " shares");
        seeder.seedUpTo(large);
        List<String> all = List.copyOf(seeder.tokens());
        List<String> devices = List.copyOf(seeder.deviceIds());
        Seeder.Grounds grounds = seeder.seedGrounds(groundCount);
        List<Reach> reach = seedShares(seeder, recipients, aliceDevices, shareCount, devices);
        progress("sweeping every device and ground token");
        load.sweep(all.size(), i -> LoadRunner.formPost(introspect, apiAuth, "token=" + all.get(i)));
        load.sweep(grounds.tokens().size(), i -> LoadRunner.jsonPost(check, apiAuth,
                checkBody(grounds.tokens().get(i), "device", devices.get(i * grounds.size()), "read")));

        String aliceJwt = token(base, "iot", password("alice", demoPassword("alice")));
        List<String> recipientJwts = userTokens(base, recipients);
        progress("checking the check API's answers");
        List<String> wrong = verifyCheckAnswers(check, apiAuth, all, devices, grounds, recipientJwts, reach, aliceJwt, aliceDevices);
        if (!wrong.isEmpty()) {
            System.out.println("The authorization check API gave wrong answers; nothing measured:");
            wrong.forEach(System.out::println);
            System.exit(2);
        }

        progress("mail scenarios: SMTP sink, realm SMTP settings, invitation limits, a mail from each side");
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        MailScenarios mailing = prepareMail(base, mail, devices, aliceDevices);

        List<LoadRunner.Result> round = List.of();
        for (int r = 0; r < rounds; r++) {
            progress("round " + (r + 1) + " of " + rounds);
            Duration window = r == rounds - 1 ? measured : warming;
            List<LoadRunner.Result> scenarios = new ArrayList<>();
            String userJwt = token(base, "iot", password("alice", demoPassword("alice")));
            scenarios.add(load.run("stock JWT introspection",
                    i -> LoadRunner.formPost(introspect, apiAuth, "token=" + userJwt), "\"active\":true", window));
            scenarios.add(load.run("device-token introspection, " + large + " devices",
                    i -> LoadRunner.formPost(introspect, apiAuth, "token=" + all.get(i % all.size())), "\"active\":true", window));
            scenarios.add(load.run("stock client-credentials grant",
                    i -> LoadRunner.formPost(tokenEndpoint, backendAuth, "grant_type=client_credentials"), "access_token", window));
            scenarios.add(load.run("device-token exchange",
                    i -> LoadRunner.formPost(tokenEndpoint, apiAuth, "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                            + "&subject_token_type=" + enc("urn:keycloak-iot:token-type:device-token")
                            + "&subject_token=" + all.get(i % all.size())), "access_token", window));
            scenarios.add(load.run("check, device token: own device",
                    i -> LoadRunner.jsonPost(check, apiAuth, deviceCheck(all, devices, i)), "\"allowed\":true", window));
            List<String> jwts = userTokens(base, recipients); // fresh: user access tokens live 5 minutes
            scenarios.add(load.run("check, user token: shared or own device",
                    i -> LoadRunner.jsonPost(check, apiAuth, userCheck(jwts, reach, i)), "\"allowed\":true", window));
            scenarios.add(load.run("check, ground token: member device",
                    i -> LoadRunner.jsonPost(check, apiAuth, groundCheck(grounds, devices, i)), "\"allowed\":true", window));
            scenarios.add(mailRun(load, mail, STOCK_MAIL, mailing.stock(), 204, "", window));
            scenarios.add(mailRun(load, mail, SHARE_MAIL, mailing.share(), 201, "\"invitationSent\":true", window));
            round = scenarios;
        }
        results.addAll(round);
        long pending = seeder.pendingSharesOf(aliceId);
        mail.stop();
        progress("done");

        print(results, small, large, groundCount, shareCount, recipientCount, pending);
        long failures = results.stream().mapToLong(LoadRunner.Result::failures).sum();
        if (failures > 0) {
            System.out.println("FAILED: " + failures + " requests failed or got an unexpected answer in the reported figures");
            System.exit(1);
        }
    }

    // ---- the check scenarios' requests: request number i picks the token and the resource ----

    /** Device token i on its own device, every seeded token in turn. */
    private static String deviceCheck(List<String> tokens, List<String> devices, int i) {
        int d = i % tokens.size();
        return checkBody(tokens.get(d), "device", devices.get(d), "read");
    }

    /** A recipient's access token; three requests in four on a device shared with them, one on a device they own. */
    private static String userCheck(List<String> jwts, List<Reach> reach, int i) {
        int r = i % jwts.size();
        int n = i / jwts.size();
        List<String> targets = n % 4 == 3 ? reach.get(r).owned() : reach.get(r).shared();
        return checkBody(jwts.get(r), "device", targets.get((n / 4) % targets.size()), "read");
    }

    /** Ground token g on one of its devices, every ground and every member in turn. */
    private static String groundCheck(Seeder.Grounds grounds, List<String> devices, int i) {
        int g = i % grounds.tokens().size();
        int member = (i / grounds.tokens().size()) % grounds.size();
        return checkBody(grounds.tokens().get(g), "device", devices.get(g * grounds.size() + member), "read");
    }

    /** Tokens and ids are [A-Za-z0-9._-]: no JSON escaping needed. */
    private static String checkBody(String token, String type, String id, String action) {
        return "{\"token\":\"" + token + "\",\"resource\":{\"type\":\"" + type + "\",\"id\":\"" + id + "\"},\"action\":\"" + action + "\"}";
    }

    /**
     * {@code shareCount} accepted shares of Alice's devices (every {@code aliceDevices / shareCount}-th one), dealt
     * to the recipients in turn, for read and control. Returns each recipient's shared and owned device ids.
     */
    private static List<Reach> seedShares(Seeder seeder, List<Recipient> recipients, int aliceDevices, int shareCount,
                                          List<String> devices) throws Exception {
        int stride = aliceDevices / shareCount;
        List<Seeder.Share> shares = new ArrayList<>();
        List<List<String>> shared = new ArrayList<>();
        recipients.forEach(recipient -> shared.add(new ArrayList<>()));
        for (int k = 0; k < shareCount; k++) {
            int r = k % recipients.size();
            Recipient recipient = recipients.get(r);
            shares.add(new Seeder.Share(k * stride, recipient.id(), recipient.email(), "read,control"));
            shared.get(r).add(devices.get(k * stride));
        }
        seeder.seedShares(shares);
        List<Reach> reach = new ArrayList<>();
        for (int r = 0; r < recipients.size(); r++) {
            List<String> owned = new ArrayList<>();
            for (int d = aliceDevices; d < devices.size(); d++) {
                if (seeder.ownerOf(d).equals(recipients.get(r).id())) {
                    owned.add(devices.get(d));
                }
            }
            reach.add(new Reach(List.copyOf(shared.get(r)), List.copyOf(owned)));
        }
        return reach;
    }

    /**
     * Before anything is measured: the check API must give the exact expected answer for allowed and denied
     * cases of every token kind; returns a line per wrong answer (the request and what came back).
     */
    private static List<String> verifyCheckAnswers(URI check, String apiAuth, List<String> deviceTokens, List<String> devices,
                                                   Seeder.Grounds grounds, List<String> recipientJwts, List<Reach> reach,
                                                   String aliceJwt, int aliceDevices) throws Exception {
        List<String> wrong = new ArrayList<>();
        int d = deviceTokens.size() / 2 + 1;
        String deviceToken = deviceTokens.get(d);
        expect(wrong, check, apiAuth, checkBody(deviceToken, "device", devices.get(d), "read"), 200, true, "device_token");
        expect(wrong, check, apiAuth, checkBody(deviceToken, "device", devices.get(d), "control"), 200, true, "device_token");
        expect(wrong, check, apiAuth, checkBody(deviceToken, "device", devices.get(d + 1), "read"), 200, false, "not_in_token");
        expect(wrong, check, apiAuth, checkBody(deviceToken, "device", devices.get(d), "delete"), 200, false, "not_in_token");

        String shared = reach.get(0).shared().get(reach.get(0).shared().size() / 2);
        String sharedWithOther = reach.get(1 % reach.size()).shared().get(0);
        String owned = reach.get(0).owned().get(0);
        String jwt = recipientJwts.get(0);
        expect(wrong, check, apiAuth, checkBody(jwt, "device", shared, "read"), 200, true, "shared");
        expect(wrong, check, apiAuth, checkBody(jwt, "device", shared, "control"), 200, true, "shared");
        expect(wrong, check, apiAuth, checkBody(jwt, "device", shared, "write"), 200, false, "no_access");
        expect(wrong, check, apiAuth, checkBody(jwt, "device", shared, "delete"), 200, false, "no_access");
        expect(wrong, check, apiAuth, checkBody(jwt, "device", owned, "delete"), 200, true, "owner");
        if (reach.size() > 1) {
            expect(wrong, check, apiAuth, checkBody(jwt, "device", sharedWithOther, "read"), 200, false, "no_access");
        }
        expect(wrong, check, apiAuth, checkBody(jwt, "device", devices.get(1), "read"), 200, false, "no_access");
        expect(wrong, check, apiAuth, checkBody(jwt, "device", "no-such-device", "read"), 200, false, "no_access");
        expect(wrong, check, apiAuth, checkBody(aliceJwt, "device", shared, "delete"), 200, true, "owner");
        expect(wrong, check, apiAuth, checkBody(aliceJwt, "device", owned, "read"), 200, false, "no_access");

        int g = grounds.tokens().size() / 2;
        String groundToken = grounds.tokens().get(g);
        expect(wrong, check, apiAuth, checkBody(groundToken, "device", devices.get(g * grounds.size() + 7), "read"), 200, true, "ground_token");
        expect(wrong, check, apiAuth, checkBody(groundToken, "ground", grounds.ids().get(g), "read"), 200, true, "ground_token");
        expect(wrong, check, apiAuth, checkBody(groundToken, "device", devices.get((g + 1) * grounds.size()), "read"), 200, false, "not_in_token");
        expect(wrong, check, apiAuth, checkBody(groundToken, "ground", grounds.ids().get(g + 1), "read"), 200, false, "not_in_token");

        String unknown = deviceToken.substring(0, 5) + "aaaaaaaaaaaaaaaa" + deviceToken.substring(21);
        expect(wrong, check, apiAuth, checkBody(unknown, "device", devices.get(d), "read"), 200, false, "token_inactive");
        expect(wrong, check, apiAuth, checkBody("not-a-token", "device", devices.get(d), "read"), 200, false, "token_inactive");
        expect(wrong, check, basic("iot-api", "wrong-secret"), checkBody(deviceToken, "device", devices.get(d), "read"), 401, false, null);
        if (aliceDevices <= d) {
            wrong.add("benchmark layout: device " + d + " is not Alice's");
        }
        return wrong;
    }

    private static void expect(List<String> wrong, URI check, String auth, String body, int status, boolean allowed, String reason)
            throws Exception {
        HttpResponse<String> response = HTTP.send(LoadRunner.jsonPost(check, auth, body), HttpResponse.BodyHandlers.ofString());
        boolean right = response.statusCode() == status;
        if (right && status == 200) {
            JsonNode answer = JSON.readTree(response.body());
            right = answer.path("allowed").isBoolean() && answer.get("allowed").asBoolean() == allowed
                    && reason.equals(answer.path("reason").asText(null));
        }
        if (!right) {
            wrong.add("POST " + check + " " + body + "\n  expected " + status + (status == 200 ? " {\"allowed\":" + allowed
                    + ",\"reason\":\"" + reason + "\"}" : "") + "\n  got      " + response.statusCode() + " " + response.body());
        }
    }

    // ---- the mail scenarios ----

    /**
     * Points the realm's SMTP settings at the sink, raises the invitation limits, creates the users that stock
     * execute-actions-email mails, and checks that a request of each side answers as expected and that its mail
     * arrives in the sink (exits otherwise). Returns the two scenarios' requests.
     */
    private static MailScenarios prepareMail(String base, GreenMail mail, List<String> devices, int aliceDevices)
            throws Exception {
        int port = mail.getSmtp().getPort();
        progress("SMTP sink (GreenMail) on localhost:" + port);
        String admin = token(base, "master", "grant_type=password&client_id=admin-cli&username=admin&password=admin");
        ObjectNode realm = JSON.createObjectNode();
        realm.putObject("smtpServer").put("host", "localhost").put("port", String.valueOf(port))
                .put("from", "iot-bench@bench.example").put("fromDisplayName", "keycloak-iot benchmark");
        expectStatus(send("PUT", base + "/admin/realms/iot", admin, JSON.writeValueAsString(realm)), 204, "setting the realm's SMTP server");
        // Far above what the run sends (some thousands of invitations within the hour, all of them pending).
        expectStatus(send("PUT", base + "/admin/realms/iot/iot/settings", admin,
                "{\"invitationsPendingMax\":100000,\"invitationsPerHour\":100000}"), 200, "raising the invitation limits");
        List<URI> executeActions = new ArrayList<>();
        for (int u = 0; u < MAIL_USERS; u++) {
            String id = createUser(base, admin, "bench-mail-" + u, null).id();
            executeActions.add(URI.create(base + "/admin/realms/iot/users/" + id + "/execute-actions-email"));
        }
        // Master's admin tokens live a minute and the demo realm's five: both are fetched again every 30 s.
        FreshToken adminToken = new FreshToken(base, "master", "grant_type=password&client_id=admin-cli&username=admin&password=admin");
        FreshToken aliceToken = new FreshToken(base, "iot", password("alice", demoPassword("alice")));
        AtomicInteger invitee = new AtomicInteger();
        MailScenarios scenarios = new MailScenarios(
                i -> LoadRunner.bearerJson("PUT", executeActions.get(i % executeActions.size()), adminToken.get(), "[\"UPDATE_PASSWORD\"]"),
                i -> {
                    int n = invitee.getAndIncrement();
                    return LoadRunner.bearerJson("POST", URI.create(base + "/realms/iot/iot/devices/" + devices.get(n % aliceDevices) + "/shares"),
                            aliceToken.get(), "{\"email\":\"inv-" + n + "@bench.example\",\"actions\":[\"read\"]}");
                });

        List<String> wrong = new ArrayList<>();
        verifyMail(wrong, mail, scenarios.stock().apply(0), 204, "", "bench-mail-0@example.com", "/login-actions/action-token?key=");
        verifyMail(wrong, mail, scenarios.share().apply(0), 201, "\"invitationSent\":true", "inv-" + (invitee.get() - 1) + "@bench.example",
                "login_hint=");
        if (!wrong.isEmpty()) {
            System.out.println("A mail scenario did not answer or mail as expected; nothing measured:");
            wrong.forEach(System.out::println);
            System.exit(3);
        }
        mail.purgeEmailFromAllMailboxes();
        return scenarios;
    }

    /** Sends one request; it must answer as the scenario expects and its mail must reach the sink, with a link. */
    private static void verifyMail(List<String> wrong, GreenMail mail, HttpRequest request, int status, String expect, String to,
                                   String link) throws Exception {
        mail.purgeEmailFromAllMailboxes();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        String what = request.method() + " " + request.uri();
        if (response.statusCode() != status || !response.body().contains(expect)) {
            wrong.add(what + "\n  expected " + status + " " + expect + "\n  got      " + response.statusCode() + " " + response.body());
            return;
        }
        mail.waitForIncomingEmail(10_000, 1);
        MimeMessage[] received = mail.getReceivedMessages();
        if (received.length != 1) {
            wrong.add(what + "\n  expected one mail to " + to + " in the SMTP sink, got " + received.length);
            return;
        }
        Address[] recipients = received[0].getAllRecipients();
        String body = text(received[0]);
        if (recipients == null || recipients.length != 1 || !to.equals(recipients[0].toString())
                || received[0].getSubject() == null || received[0].getSubject().isBlank() || !body.contains(link)) {
            wrong.add(what + "\n  expected a mail to " + to + " with a subject and a link containing " + link
                    + "\n  got      to " + (recipients == null ? null : List.of(recipients)) + ", subject " + received[0].getSubject()
                    + "\n" + body);
            return;
        }
        progress("mail arrived: to " + to + ", \"" + received[0].getSubject() + "\"");
    }

    /**
     * Runs a mail scenario with an empty sink and counts, besides the answers, every answered request whose mail did
     * not reach the sink (warm-up requests mail too, so the sink must hold at least one mail per answered request).
     */
    private static LoadRunner.Result mailRun(LoadRunner load, GreenMail mail, String name, IntFunction<HttpRequest> requests,
                                             int status, String expect, Duration window) throws Exception {
        mail.purgeEmailFromAllMailboxes();
        LoadRunner.Result result = load.run(name, requests, status, expect, window);
        long answered = result.requests() - result.failures();
        long received = mail.getReceivedMessages().length;
        for (int wait = 0; wait < 50 && received < answered; wait++) {
            Thread.sleep(100);
            received = mail.getReceivedMessages().length;
        }
        mail.purgeEmailFromAllMailboxes();
        if (received >= answered) {
            return result;
        }
        System.err.println(name + ": " + answered + " requests answered as expected, but only " + received + " mails arrived");
        return new LoadRunner.Result(name, result.requests(), result.failures() + answered - received, result.throughput(),
                result.p50Ms(), result.p99Ms());
    }

    /** The text of every text part of a mail, concatenated. */
    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/*")) {
            return part.getContent().toString();
        }
        StringBuilder text = new StringBuilder();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i))).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * A password-grant access token, fetched again by the first request that finds it 30 s old (the others meanwhile
     * keep the current one, which is still valid); fetched before the request's time is taken.
     */
    private static final class FreshToken {
        private static final long REFRESH_NANOS = 30_000_000_000L;
        private final String base;
        private final String realm;
        private final String form;
        private final AtomicBoolean refreshing = new AtomicBoolean();
        private volatile String token;
        private volatile long fetchedAt;

        FreshToken(String base, String realm, String form) throws Exception {
            this.base = base;
            this.realm = realm;
            this.form = form;
            this.token = token(base, realm, form);
            this.fetchedAt = System.nanoTime();
        }

        String get() {
            if (System.nanoTime() - fetchedAt > REFRESH_NANOS && refreshing.compareAndSet(false, true)) {
                try {
                    token = token(base, realm, form);
                    fetchedAt = System.nanoTime();
                } catch (Exception e) {
                    // the current token stays; if it expires, the requests fail and are counted
                } finally {
                    refreshing.set(false);
                }
            }
            return token;
        }
    }

    private static HttpResponse<String> send(String method, String url, String bearer, String json) throws Exception {
        return HTTP.send(LoadRunner.bearerJson(method, URI.create(url), bearer, json), HttpResponse.BodyHandlers.ofString());
    }

    private static void expectStatus(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + " " + response.body());
        }
    }

    /** Every code path once under load before anything is measured, so no scenario pays for JIT warm-up. */
    private static void warmUp(LoadRunner load, String base, URI introspect, URI tokenEndpoint, URI check, String apiAuth,
                               String backendAuth, List<String> tokens, List<String> devices) throws Exception {
        String userJwt = token(base, "iot", password("alice", demoPassword("alice")));
        load.run("warm-up", i -> switch (i % 5) {
            case 0 -> LoadRunner.formPost(introspect, apiAuth, "token=" + tokens.get(i % tokens.size()));
            case 1 -> LoadRunner.formPost(introspect, apiAuth, "token=" + userJwt);
            case 2 -> LoadRunner.formPost(tokenEndpoint, backendAuth, "grant_type=client_credentials");
            case 3 -> LoadRunner.jsonPost(check, apiAuth, deviceCheck(tokens, devices, i));
            default -> LoadRunner.formPost(tokenEndpoint, apiAuth, "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                    + "&subject_token_type=" + enc("urn:keycloak-iot:token-type:device-token")
                    + "&subject_token=" + tokens.get(i % tokens.size()));
        }, "");
    }

    private static void print(List<LoadRunner.Result> r, int small, int large, int groundCount, int shareCount, int recipientCount,
                              long pending) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-45s %10s %9s %10s %9s %9s%n", "scenario", "requests", "failures", "req/s", "p50 ms", "p99 ms");
        for (LoadRunner.Result result : r) {
            System.out.printf(Locale.ROOT, "%-45s %10d %9d %10.1f %9.2f %9.2f%n", result.name(), result.requests(),
                    result.failures(), result.throughput(), result.p50Ms(), result.p99Ms());
        }
        LoadRunner.Result smallIntrospection = r.get(0);
        LoadRunner.Result stockIntrospection = r.get(1);
        LoadRunner.Result deviceIntrospection = r.get(2);
        LoadRunner.Result clientCredentials = r.get(3);
        LoadRunner.Result exchange = r.get(4);
        System.out.println();
        System.out.printf(Locale.ROOT, "ratio device-token / stock JWT introspection throughput: %.2fx (target >= 1.5x)%n",
                deviceIntrospection.throughput() / stockIntrospection.throughput());
        System.out.printf(Locale.ROOT, "ratio device-token exchange / stock client-credentials throughput: %.2fx (target >= 1.0x)%n",
                exchange.throughput() / clientCredentials.throughput());
        System.out.printf(Locale.ROOT, "ratio device-token introspection p99 at %d / at %d devices: %.2fx (target <= 1.2x)%n",
                large, small, deviceIntrospection.p99Ms() / smallIntrospection.p99Ms());
        System.out.println();
        System.out.printf(Locale.ROOT, "authorization check API at %d devices, %d grounds, %d accepted shares (%d recipients):%n",
                large, groundCount, shareCount, recipientCount);
        for (LoadRunner.Result result : r.subList(5, r.size() - 2)) {
            double ratio = result.throughput() / stockIntrospection.throughput();
            boolean met = ratio >= CHECK_THROUGHPUT_TARGET && result.p99Ms() <= CHECK_P99_TARGET_MS;
            System.out.printf(Locale.ROOT, "  %-44s / stock JWT introspection throughput %.2fx (target >= %.1fx), p99 %.2f ms"
                            + " (target <= %.0f ms): %s%n", result.name(), ratio, CHECK_THROUGHPUT_TARGET, result.p99Ms(),
                    CHECK_P99_TARGET_MS, met ? "met" : "NOT met");
        }
        LoadRunner.Result stockMail = r.get(r.size() - 2);
        LoadRunner.Result shareMail = r.get(r.size() - 1);
        System.out.println();
        System.out.printf(Locale.ROOT, "ratio %s / %s: throughput %.2fx, p50 %.2fx, p99 %.2fx%n", SHARE_MAIL, STOCK_MAIL,
                shareMail.throughput() / stockMail.throughput(), shareMail.p50Ms() / stockMail.p50Ms(),
                shareMail.p99Ms() / stockMail.p99Ms());
        System.out.printf(Locale.ROOT, "  (each invitation to a new address without an account; the owner had %d pending invitations"
                + " and %d accepted shares at the end)%n", pending, shareCount);
    }

    /** A progress line with the time since the start, on stderr (the figures go to stdout). */
    private static void progress(String step) {
        long seconds = (System.nanoTime() - STARTED) / 1_000_000_000L;
        System.err.printf(Locale.ROOT, "[%d:%02d] %s%n", seconds / 60, seconds % 60, step);
    }

    private static List<String> userTokens(String base, List<Recipient> recipients) throws Exception {
        List<String> jwts = new ArrayList<>();
        for (Recipient recipient : recipients) {
            jwts.add(token(base, "iot", password(recipient.username(), recipient.password())));
        }
        return List.copyOf(jwts);
    }

    private static String password(String username, String password) {
        return "grant_type=password&client_id=iot-cli&username=" + enc(username) + "&password=" + enc(password);
    }

    /** A verified user of the demo realm who can sign in with the password grant (created through the admin API). */
    private static Recipient createUser(String base, String adminToken, String username) throws Exception {
        return createUser(base, adminToken, username, demoPassword(username));
    }

    /** The demo realm's password rule for its demo users (and the tests'): long enough for its policy, not the username. */
    private static String demoPassword(String username) {
        return username + "-pass-1";
    }

    /** A verified user of the demo realm, with the password or, if null, without one. */
    private static Recipient createUser(String base, String adminToken, String username, String password) throws Exception {
        String email = username + "@example.com";
        ObjectNode user = JSON.createObjectNode().put("username", username).put("email", email).put("emailVerified", true)
                .put("enabled", true).put("firstName", "Bench").put("lastName", username);
        if (password != null) {
            user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/iot/users"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(user))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating user " + username + " answered " + response.statusCode() + " " + response.body());
        }
        return new Recipient(username, password, email, userId(base, adminToken, username));
    }

    private static String userId(String base, String adminToken, String username) throws Exception {
        return get(base + "/admin/realms/iot/users?username=" + enc(username) + "&exact=true", adminToken).get(0).get("id").asText();
    }

    private static String token(String base, String realm, String form) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static JsonNode get(String url, String bearer) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
