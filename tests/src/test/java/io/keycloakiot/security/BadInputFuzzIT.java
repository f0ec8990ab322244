package io.keycloakiot.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.keycloakiot.support.ApiContract;
import io.keycloakiot.support.ApiRoutes;
import io.keycloakiot.support.ApiRoutes.Api;
import io.keycloakiot.support.ApiRoutes.Route;
import io.keycloakiot.support.FuzzInputs;
import io.keycloakiot.support.FuzzInputs.Body;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import io.keycloakiot.support.RouteFixtures;
import io.keycloakiot.support.RouteFixtures.Things;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.admin;
import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input fuzz harness: {@code FUZZ_CASES} seeded cases in all (default 100,000, the full
 * size: at least 1,000 per endpoint), spread evenly over every write route of both APIs (enumerated by {@link ApiRoutes}), every list's query parameters, introspection, token exchange,
 * revocation and the check API. Every case is invalid by construction ({@link FuzzInputs}), so each must answer a
 * 4xx with the error JSON (never a 5xx), nothing may be stored, and no fuzzed token may be active or allowed.
 * Every answer of the pack's API must also be one its OpenAPI contract describes ({@link ApiContract}).
 * A failure prints {@code FUZZ_SEED}; run again with it to replay the same cases.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class BadInputFuzzIT {

    /** All the cases of a run; each endpoint gets an equal share of them. */
    private static final int CASES = Integer.parseInt(setting("FUZZ_CASES", "100000"));
    private static final long SEED = Long.parseLong(setting("FUZZ_SEED", Long.toString(new Random().nextLong())));
    private static final int THREADS = 4;

    private static final String TOKEN_ENDPOINT = "/realms/iot/protocol/openid-connect/token";
    private static final String INTROSPECT = TOKEN_ENDPOINT + "/introspect";
    private static final String REVOKE = "/realms/iot/protocol/openid-connect/revoke";
    private static final String[] TOKEN_TYPES = {"urn:keycloak-iot:token-type:device-token", "urn:keycloak-iot:token-type:ground-token",
            "urn:keycloak-iot:token-type:profile-token", "urn:ietf:params:oauth:token-type:access_token", "urn:x:%zz", "", "device_token"};
    private static final String[] HINTS = {"device_token", "ground_token", "profile_token", "access_token", "refresh_token", "", "x%00"};

    /** The pack's error codes: with these, an error_description is required. */
    private static final Set<String> PACK_ERRORS = Set.of("invalid_request", "invalid_token", "forbidden", "not_found",
            "conflict", "unsupported_media_type", "too_many_requests", "payload_too_large", "insufficient_scope");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    /** Failures grouped by endpoint, kind and answer, with the first example of each: the report's summary. */
    private final Map<String, String> firstOfGroup = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<String, AtomicInteger> groupCount = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger failureCount = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    /** Keycloak's own endpoints' 500s for malformed percent escapes in a form body (not the pack's; see oauthFailure). */
    private final AtomicInteger keycloakFormErrors = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();

    private Things things;
    private List<String> realTokens;

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** One fuzzed endpoint: a name for the report and what one case does. */
    private record Target(String name, CaseRunner runner) {
    }

    @FunctionalInterface
    private interface CaseRunner {
        void run(Random r, String bearer, Consumer<String> fail);
    }

    @Test
    void badInputNeverBreaksTheServerStoresNothingAndActivatesNoToken() throws Exception {
        setUp();
        Set<String> before = snapshot();
        List<Target> targets = targets();
        int perEndpoint = (CASES + targets.size() - 1) / targets.size();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Target target : targets) {
                running.add(pool.submit(() -> fuzz(target, perEndpoint)));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.printf("fuzz: FUZZ_SEED=%d FUZZ_CASES=%d, %d endpoints, %d requests in %d s, %d 5xx, %d failures"
                        + " (and %d 5xx of Keycloak's own form reader on malformed percent escapes)%n",
                SEED, CASES, targets.size(), requests.get(), seconds, serverErrors.get(), failureCount.get(), keycloakFormErrors.get());
        Set<String> after = snapshot();
        if (!before.equals(after)) {
            Set<String> gone = new TreeSet<>(before);
            gone.removeAll(after);
            Set<String> added = new TreeSet<>(after);
            added.removeAll(before);
            String change = "stored by the fuzzing: gone " + gone + ", new " + added;
            failures.add(change.length() > 4000 ? change.substring(0, 4000) + "..." : change);
            failureCount.incrementAndGet();
        }
        for (String token : realTokens) {
            if (!IotApi.introspect(token, null).path("active").asBoolean()) {
                failures.add("a real token is no longer active after the fuzzing: " + token.substring(0, 5) + "...");
                failureCount.incrementAndGet();
            }
        }
        firstOfGroup.forEach((group, example) -> failures.add(groupCount.get(group) + " x " + group + "\n    e.g. " + example));
        assertEquals(0, failureCount.get(), () -> "FUZZ_SEED=" + SEED + " FUZZ_CASES=" + CASES + ": " + failureCount.get()
                + " failures (" + serverErrors.get() + " 5xx), by endpoint and answer:\n" + String.join("\n", failures));
    }

    /** The JSON readers of {@code common/}: the cases that once were 500s or stored something, kept as regressions. */
    @Test
    void sharedJsonInputRefusesWhatItCannotReadUnambiguously() {
        String token = IotApi.userToken("alice");
        int before = self("GET", "/devices?max=1000", token, null).expect(200).json().size();
        // Jackson's nesting limit (1000) used to end in a 500: its exception carries no location.
        self("POST", "/devices", token, "[".repeat(1500) + "]".repeat(1500)).expectError(400, "invalid_request");
        self("POST", "/devices", token, "{\"name\":" + "[".repeat(1500)).expectError(400, "invalid_request");
        // Two parsers may pick different duplicates: refused, not last-one-wins.
        self("POST", "/devices", token, "{\"name\":\"A\",\"name\":\"B\",\"type\":\"sensor\"}").expectError(400, "invalid_request");
        // What follows the object is not ignored.
        self("POST", "/devices", token, "{\"name\":\"A\",\"type\":\"sensor\"} {\"name\":\"B\"}").expectError(400, "invalid_request");
        self("POST", "/devices", token, "{\"name\":\"A\",\"type\":\"sensor\"}}").expectError(400, "invalid_request");
        // A number too long for the parser.
        self("POST", "/devices", token, "{\"name\":\"A\",\"type\":\"sensor\",\"enabled\":1" + "0".repeat(1200) + "}")
                .expectError(400, "invalid_request");
        // Bytes that are not UTF-8 arrive as U+FFFD: refused rather than stored as a replacement character.
        byte[] head = "{\"name\":\"A".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\",\"type\":\"sensor\"}".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream overlong = new java.io.ByteArrayOutputStream();
        overlong.writeBytes(head);
        overlong.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
        overlong.writeBytes(tail);
        Reply reply = send(HttpRequest.newBuilder(URI.create(IotApi.url("/realms/iot/iot/devices")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(overlong.toByteArray())));
        assertEquals(400, reply.status(), reply.body());
        assertEquals(List.of(), reply.offContract());
        assertEquals(before, self("GET", "/devices?max=1000", token, null).expect(200).json().size(), "nothing stored");
    }

    // ------------------------------------------------------------------------------------------------------

    private void setUp() {
        String userId = RealmUsers.create(realm.admin(), "fuzzer");
        RealmUsers.create(realm.admin(), "fuzzadmin", "realm-admin");
        String bobId = RealmUsers.idOf(realm.admin(), "bob");
        String user = IotApi.userToken("fuzzer");
        String adminToken = IotApi.userToken("fuzzadmin");
        String device = self("POST", "/devices", user, Map.of("name", "Fuzzed", "type", "sensor", "externalId", "FUZZ-1"))
                .expect(201).json().get("id").asText();
        String ground = self("POST", "/grounds", user, Map.of("name", "Fuzzed")).expect(201).json().get("id").asText();
        self("PUT", "/grounds/" + ground + "/devices/" + device, user, null).expect(204);
        JsonNode dt = self("POST", "/devices/" + device + "/tokens", user, Map.of("name", "fuzzed")).expect(201).json();
        JsonNode gt = self("POST", "/grounds/" + ground + "/tokens", user, Map.of("name", "fuzzed")).expect(201).json();
        JsonNode pt = self("POST", "/tokens", user, Map.of("name", "fuzzed", "permissions",
                List.of(Map.of("type", "device", "resource", device, "actions", List.of("read"))))).expect(201).json();
        String deviceShare = self("POST", "/devices/" + device + "/shares", user,
                Map.of("email", "bob@example.com", "actions", List.of("read"))).expect(201).json().get("id").asText();
        String groundShare = self("POST", "/grounds/" + ground + "/shares", user,
                Map.of("email", "bob@example.com", "actions", List.of("read"))).expect(201).json().get("id").asText();
        admin("PUT", "/catalogue/types/fuzz", adminToken, Map.of("description", "fuzzed", "actions", List.of("read"))).expect(200);
        things = new Things(userId, bobId, device, ground, dt.get("id").asText(), gt.get("id").asText(), pt.get("id").asText(),
                deviceShare, groundShare, "fuzz", dt.get("token").asText(),
                IotApi.JSON.createObjectNode().set("types", admin("GET", "/catalogue", adminToken, null).expect(200).json().get("types")),
                admin("GET", "/settings", adminToken, null).expect(200).json());
        realTokens = List.of(dt.get("token").asText(), gt.get("token").asText(), pt.get("token").asText());
    }

    /** Every fuzzed endpoint. */
    private List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (Route route : ApiRoutes.all()) {
            boolean check = route.template().startsWith("/authz/");
            boolean revokesEverything = route.method().equals("DELETE") && route.pathParams().isEmpty();
            if (route.writes() && !check && !revokesEverything) {
                targets.add(new Target(route.key(), (r, bearer, fail) -> writeCase(route, r, bearer, fail)));
            } else if (!route.writes() && !route.queryParams().isEmpty()) {
                targets.add(new Target(route.key() + "?query", (r, bearer, fail) -> queryCase(route, r, bearer, fail)));
            } else if (check) {
                targets.add(new Target(route.key(), (r, bearer, fail) -> checkCase(route, r, fail)));
            }
        }
        targets.add(new Target("introspection", this::introspectionCase));
        targets.add(new Target("token exchange", this::exchangeCase));
        targets.add(new Target("revocation", this::revocationCase));
        return targets;
    }

    private final Map<String, String> bearers = new HashMap<>();
    private final Map<String, Long> signedInAt = new HashMap<>();

    /**
     * A fresh enough access token of the user: one sign-in a minute per user, never two at once (the demo realm's
     * brute-force detection locks a user whose sign-ins come too quickly), well inside the token's lifetime.
     */
    private synchronized String bearer(String user) {
        long now = System.nanoTime();
        Long at = signedInAt.get(user);
        if (at == null || now - at > 60_000_000_000L) {
            bearers.put(user, IotApi.userToken(user));
            signedInAt.put(user, now);
        }
        return bearers.get(user);
    }

    private void fuzz(Target target, int cases) {
        long start = System.nanoTime();
        String user = target.name().startsWith("ADMIN") ? "fuzzadmin" : "fuzzer";
        for (int i = 0; i < cases; i++) {
            int index = i;
            String bearer = bearer(user);
            Random r = new Random(SEED * 31 + target.name().hashCode() * 1_000_003L + i);
            target.runner().run(r, bearer, problem -> {
                failureCount.incrementAndGet();
                String group = target.name() + " | " + problem.replaceAll(":.*? -> (\\d+) ?(\\{\"error\":\"[^\"]*\")?.*", " -> $1 $2");
                groupCount.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
                firstOfGroup.putIfAbsent(group, "case " + index + ": " + (problem.length() > 700 ? problem.substring(0, 700) + "..." : problem));
            });
        }
        System.out.printf("fuzz: %s, %d cases in %d ms%n", target.name(), cases, (System.nanoTime() - start) / 1_000_000);
    }

    // ------------------------------------------------------------------------------------------------------
    // The cases

    private void writeCase(Route route, Random r, String bearer, Consumer<String> fail) {
        boolean badIds = !route.pathParams().isEmpty() && (route.method().equals("DELETE") || !route.takesBody() || r.nextInt(4) == 0);
        String badParam = badIds ? route.pathParams().get(r.nextInt(route.pathParams().size())) : null;
        String path = route.path(name -> name.equals(badParam) || (badIds && r.nextInt(3) == 0)
                ? FuzzInputs.badId(r) : RouteFixtures.param(route, name, things));
        Object valid = RouteFixtures.body(route, things);
        Body body;
        boolean lenient = false;
        if (valid == null) {
            body = r.nextBoolean() ? null : FuzzInputs.badBody(r, IotApi.JSON.valueToTree(Map.of("name", "x")));
            if (!badIds) {
                // a route without a body on real ids: only a body it ignores, which must not break it (PUT is idempotent)
                lenient = true;
            }
        } else if (badIds && r.nextBoolean()) {
            body = new Body(IotApi.toJson(valid).getBytes(StandardCharsets.UTF_8), "application/json", "a valid body");
        } else {
            body = FuzzInputs.badBody(r, IotApi.JSON.valueToTree(valid));
        }
        Reply reply = send(request(route.method(), path, bearer, body), fail);
        String seen = route.method() + " " + path + " " + (body == null ? "(no body)" : body.shown()) + " -> " + reply.shown();
        if (reply.status() >= 500) {
            serverErrors.incrementAndGet();
            fail.accept("5xx: " + seen);
        } else if (reply.status() < 400) {
            boolean emptyImport = route.template().equals("/devices/import") && reply.json().path("created").asInt(-1) == 0;
            if (!lenient && !emptyImport) {
                fail.accept("accepted: " + seen);
            }
        } else if (!reply.isPackError()) {
            fail.accept("no {error, error_description} JSON: " + seen);
        }
    }

    private void queryCase(Route route, Random r, String bearer, Consumer<String> fail) {
        StringBuilder query = new StringBuilder();
        int params = 1 + r.nextInt(3);
        for (int i = 0; i < params; i++) {
            String name = r.nextInt(6) == 0 ? "unknown" : route.queryParams().get(r.nextInt(route.queryParams().size()));
            query.append(i == 0 ? "?" : "&").append(name).append('=').append(FuzzInputs.badQueryValue(r));
        }
        String path = route.path(name -> RouteFixtures.param(route, name, things)) + query;
        Reply reply = send(request("GET", path, bearer, null), fail);
        if (reply.status() >= 500) {
            serverErrors.incrementAndGet();
            fail.accept("5xx: GET " + path + " -> " + reply.shown());
        } else if (reply.status() >= 400 && !reply.isPackError()) {
            fail.accept("no {error, error_description} JSON: GET " + path + " -> " + reply.shown());
        }
    }

    /**
     * The check API as {@code iot-api}: a bad body is a 4xx or, where only the token in it is bad, a 200 that
     * allows nothing; a fuzzed token is never allowed.
     */
    private void checkCase(Route route, Random r, Consumer<String> fail) {
        // never the real token, so that nothing in any case may be allowed
        com.fasterxml.jackson.databind.node.ObjectNode fuzzed = IotApi.JSON.valueToTree(RouteFixtures.body(route, things));
        fuzzed.put("token", FuzzInputs.badToken(r, realTokens));
        Body body = r.nextBoolean() ? FuzzInputs.badBody(r, fuzzed)
                : new Body(IotApi.toJson(fuzzed).getBytes(StandardCharsets.UTF_8), "application/json", "a fuzzed token");
        HttpRequest.Builder request = request("POST", route.path(name -> "x"), null, body)
                .header("Authorization", basic("iot-api", "iot-api-secret"));
        Reply reply = send(request, fail);
        String seen = route.template() + " " + body.shown() + " -> " + reply.shown();
        if (reply.status() >= 500) {
            serverErrors.incrementAndGet();
            fail.accept("5xx: " + seen);
        } else if (reply.status() >= 400) {
            if (!reply.isPackError()) {
                fail.accept("no {error, error_description} JSON: " + seen);
            }
        } else if (reply.body().contains("\"allowed\":true") || reply.json().path("active").asBoolean(false)
                || reply.json().path("all").asBoolean(false) || reply.json().path("resources").size() > 0) {
            fail.accept("a fuzzed token is allowed: " + seen);
        }
    }

    private void introspectionCase(Random r, String bearer, Consumer<String> fail) {
        String token = FuzzInputs.badToken(r, realTokens);
        String form = "token=" + encode(token) + (r.nextBoolean() ? "&token_type_hint=" + HINTS[r.nextInt(HINTS.length)] : "");
        String body = r.nextInt(20) == 0 ? form + "&x=%zz" : form;
        Reply reply = send(formRequest(INTROSPECT, body));
        String seen = "token " + shown(token) + " -> " + reply.shown();
        if (oauthFailure(reply, body, seen, fail) && reply.status() == 200 && reply.json().path("active").asBoolean(true)) {
            fail.accept("a fuzzed token is active: " + seen);
        }
    }

    private void exchangeCase(Random r, String bearer, Consumer<String> fail) {
        String token = FuzzInputs.badToken(r, realTokens);
        String form = "grant_type=" + encode("urn:ietf:params:oauth:grant-type:token-exchange") + "&subject_token=" + encode(token)
                + "&subject_token_type=" + TOKEN_TYPES[r.nextInt(TOKEN_TYPES.length)]
                + (r.nextInt(4) == 0 ? "&audience=" + FuzzInputs.badQueryValue(r) : "");
        Reply reply = send(formRequest(TOKEN_ENDPOINT, form));
        String seen = "subject_token " + shown(token) + " -> " + reply.shown();
        // Keycloak's token endpoint strips characters around its form parameters (controls, spaces, some invisible
        // ones) before any exchange provider sees them (KEYCLOAK-26.7.md): a string that holds a whole real token,
        // secret and all, with only such characters around it is still that token. Anything else must be refused.
        boolean stillReal = realTokens.stream().anyMatch(real -> token.contains(real) && token.replace(real, "").codePoints()
                .allMatch(c -> c <= 0x20 || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT
                        || Character.getType(c) == Character.CONTROL));
        if (oauthFailure(reply, form, seen, fail) && reply.status() < 400 && !stillReal) {
            fail.accept("a fuzzed token was exchanged: " + seen);
        }
    }

    private void revocationCase(Random r, String bearer, Consumer<String> fail) {
        String token = FuzzInputs.badToken(r, realTokens);
        String form = "token=" + encode(token) + (r.nextBoolean() ? "&token_type_hint=" + HINTS[r.nextInt(HINTS.length)] : "");
        Reply reply = send(formRequest(REVOKE, form));
        oauthFailure(reply, form, "token " + shown(token) + " -> " + reply.shown(), fail);
    }

    /**
     * Keycloak's own endpoints: no 5xx, and an error is its OAuth error JSON. False when the case already failed. One
     * exception, Keycloak's and not the pack's: its form reader answers 500 to a form body with a malformed percent
     * escape before any endpoint or provider runs (KEYCLOAK-26.7.md); such answers are counted, not failed, and the
     * token is still checked to be inactive by the caller's other cases.
     */
    private boolean oauthFailure(Reply reply, String form, String seen, Consumer<String> fail) {
        if (reply.status() >= 500 && !FuzzInputs.decodesAsForm(form)) {
            keycloakFormErrors.incrementAndGet();
            return false;
        }
        if (reply.status() >= 500) {
            serverErrors.incrementAndGet();
            fail.accept("5xx: " + seen);
            return false;
        }
        if (reply.status() >= 400 && reply.json().path("error").asText().isEmpty()) {
            fail.accept("no OAuth error JSON: " + seen);
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------------

    /** Everything the fuzzing could have changed, as a realm admin lists it. */
    private Set<String> snapshot() {
        String adminToken = IotApi.userToken("fuzzadmin");
        Set<String> s = new TreeSet<>();
        for (String list : List.of("/devices?max=1000", "/grounds?max=1000", "/shares?max=1000",
                "/users/" + things.userId() + "/tokens?max=1000", "/devices/" + things.device() + "/tokens?max=1000",
                "/grounds/" + things.ground() + "/tokens?max=1000", "/grounds/" + things.ground() + "/devices?max=1000",
                "/devices/" + things.device() + "/shares?max=1000")) {
            IotApi.Reply reply = admin("GET", list, adminToken, null);
            assertTrue(reply.status() == 200, () -> list + ": " + reply.raw().body());
            reply.json().forEach(item -> {
                // the real tokens are used at the end: when and from where is not what the fuzzing may change
                if (item instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                    object.remove(object.properties().stream().map(Map.Entry::getKey).filter(k -> k.startsWith("lastUsed")).toList());
                }
                s.add(list.replaceAll("\\?.*", "") + " " + item);
            });
        }
        s.add("catalogue " + admin("GET", "/catalogue", adminToken, null).expect(200).json());
        s.add("settings " + admin("GET", "/settings", adminToken, null).expect(200).json());
        return s;
    }

    /**
     * An answer, parsed leniently: fuzzed requests may get anything back. {@code offContract}: what in an answer of the
     * pack's API its OpenAPI contract does not describe.
     */
    private record Reply(int status, String body, String contentType, JsonNode json, List<String> offContract) {

        /**
         * The pack's error JSON, or Keycloak's own for a request it refuses before the pack sees it (e.g. its
         * filter of control characters in query parameters answers {@code {"error": "Blocking invalid ..."}}).
         */
        boolean isPackError() {
            String error = json.path("error").asText();
            return "application/json".equals(contentType) && !error.isEmpty()
                    && (!json.path("error_description").asText().isEmpty() || !PACK_ERRORS.contains(error));
        }

        String shown() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /** A fuzz case's request to the pack's API: an answer its contract does not describe fails the case. */
    private Reply send(HttpRequest.Builder request, Consumer<String> fail) {
        Reply reply = send(request);
        if (!reply.offContract().isEmpty()) {
            fail.accept("not in the OpenAPI contract: " + request.build().method() + " " + request.build().uri().getRawPath()
                    + " -> " + reply.shown() + "\n      " + String.join("\n      ", reply.offContract()));
        }
        return reply;
    }

    private Reply send(HttpRequest.Builder request) {
        requests.incrementAndGet();
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
            JsonNode json = MissingNode.getInstance();
            if (type.equals("application/json") && !response.body().isEmpty()) {
                try {
                    json = IotApi.JSON.readTree(response.body());
                } catch (java.io.IOException e) {
                    json = MissingNode.getInstance();
                }
            }
            return new Reply(response.statusCode(), response.body(), type, json, ApiContract.violations(response));
        } catch (java.io.IOException e) {
            return new Reply(599, "connection failed: " + e, "", MissingNode.getInstance(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder request(String method, String path, String bearer, Body body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(IotApi.url(path)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (body.contentType() != null) {
            request.header("Content-Type", body.contentType());
        }
        return request.method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    }

    private static HttpRequest.Builder formRequest(String path, String form) {
        return HttpRequest.newBuilder(URI.create(IotApi.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic("iot-api", "iot-api-secret"))
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String shown(String token) {
        return token.length() > 80 ? IotApi.toJson(token.substring(0, 80)) + "...(" + token.length() + ")" : IotApi.toJson(token);
    }
}
