package io.keycloakiot.security;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.keycloakiot.support.ApiRoutes;
import io.keycloakiot.support.ApiRoutes.Api;
import io.keycloakiot.support.ApiRoutes.Route;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.IotApi.Reply;
import io.keycloakiot.support.IotServerConfig;
import io.keycloakiot.support.RealmUsers;
import io.keycloakiot.support.RouteFixtures;
import io.keycloakiot.support.RouteFixtures.Things;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static io.keycloakiot.support.IotApi.self;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IDOR and role sweep: every route of the self-service and admin API (read from the JAX-RS
 * annotations by {@link ApiRoutes}) × every principal, against alice's things. Each answer must have the status
 * of {@link #expected} and, unless the principal may see the thing, none of alice's ids, names, address or
 * externalId in its body. A route the table cannot classify fails the sweep.
 */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class IdorSweepIT {

    private static final String OTHER_REALM = "iot-sweep-elsewhere";

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak adminClient;

    /** Who calls. On the admin API, OWNER is a realm admin with every role and the row below it lacks the route's. */
    enum Principal {
        OWNER, OTHER_USER, SHARE_RECIPIENT, DEVICE_TOKEN, GROUND_TOKEN, PROFILE_TOKEN, ADMIN_WITHOUT_ROLE, OTHER_REALM_ADMIN
    }

    /** The status classes a table cell allows. */
    enum Status {
        OK(200, 201, 204),
        /** 2xx about the caller's own things, with nothing of alice's in the body. */
        OWN_ONLY(200, 201, 204),
        BAD_REQUEST(400), NOT_FOUND(404), FORBIDDEN(403), CONFLICT(409), UNAUTHORIZED(401), REFUSED(401, 403);

        final Set<Integer> codes = new HashSet<>();

        Status(int... codes) {
            for (int code : codes) {
                this.codes.add(code);
            }
        }
    }

    /** The admin roles a route needs; the sweep's ADMIN_WITHOUT_ROLE has every realm-management role but these. */
    enum Need {
        VIEW_REALM("view-realm", "manage-realm"),
        /** people's data: invitees' addresses, users' profile tokens, last-used addresses. */
        VIEW_USERS("view-users", "manage-users"),
        MANAGE_REALM("manage-realm"),
        /** renaming, disabling, narrowing or revoking a user's profile tokens: that user's credentials. */
        MANAGE_USERS("manage-users"),
        /** minting or widening a token that acts as a user. */
        ACT_AS_USER("impersonation");

        final List<String> withheld;

        Need(String... withheld) {
            this.withheld = List.of(withheld);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // The expectation table: the intended behaviour, in one place.
    // ------------------------------------------------------------------------------------------------------

    /**
     * Self-service API: only the owner (or, for the recipient's own share routes, the recipient) reaches a thing;
     * other users (also a realm admin, who is just a user here) get 404 as for unknown ids; a read-share
     * recipient may GET the shared device by id and nothing else; pack tokens and other realms' tokens are never
     * bearers (401). Admin API: a realm admin with the route's role gets 2xx, users without admin roles and
     * admins without that role 403, pack tokens 401, another realm's admin 401/403.
     */
    static Map<Principal, Status> expected(Route route) {
        Map<Principal, Status> row = new EnumMap<>(Principal.class);
        if (route.api() == Api.SELF) {
            Principal legit = recipientsOwn(route) ? Principal.SHARE_RECIPIENT : Principal.OWNER;
            for (Principal p : Principal.values()) {
                row.put(p, Status.NOT_FOUND);
            }
            row.put(legit, Status.OK);
            if (legit == Principal.SHARE_RECIPIENT) {
                row.put(Principal.OWNER, Status.NOT_FOUND);
            }
            if (route.key().equals("SELF GET /devices/{id}")) {
                row.put(Principal.SHARE_RECIPIENT, Status.OK);
            }
            // docs/sharing.md, re-sharing: a recipient lists the shares they made (none here), and may invite only with reshareAllowed
            if (route.key().equals("SELF GET /devices/{id}/shares")) {
                row.put(Principal.SHARE_RECIPIENT, Status.OWN_ONLY);
            }
            if (route.key().equals("SELF POST /devices/{id}/shares")) {
                row.put(Principal.SHARE_RECIPIENT, Status.FORBIDDEN);
            }
            if (route.pathParams().isEmpty()) {
                // the caller's own lists and creations; the recipient's lists show the shared device
                row.put(Principal.SHARE_RECIPIENT, Status.OK);
                row.put(Principal.OTHER_USER, Status.OWN_ONLY);
                row.put(Principal.ADMIN_WITHOUT_ROLE, Status.OWN_ONLY);
            }
            if (route.key().equals("SELF POST /tokens")) {
                // the body names alice's device for read, which bob does not reach (the recipient does, with read; so
                // does the realm viewer, who reads every device of the realm, decision 27, and whose profile never
                // exceeds that role at the moment of use)
                row.put(Principal.OTHER_USER, Status.BAD_REQUEST);
                row.put(Principal.ADMIN_WITHOUT_ROLE, Status.OK);
            }
            // the self-service catalogue is read-only, for everyone; onboarding takes a device-grant client's
            // token, and the sweep's user tokens are iot-cli's
            if ((route.template().startsWith("/catalogue") && route.writes()) || route.key().equals("SELF POST /onboarding")) {
                for (Principal user : List.of(Principal.OWNER, Principal.OTHER_USER, Principal.SHARE_RECIPIENT, Principal.ADMIN_WITHOUT_ROLE)) {
                    row.put(user, Status.FORBIDDEN);
                }
            }
            row.put(Principal.DEVICE_TOKEN, Status.UNAUTHORIZED);
            row.put(Principal.GROUND_TOKEN, Status.UNAUTHORIZED);
            row.put(Principal.PROFILE_TOKEN, Status.UNAUTHORIZED);
            row.put(Principal.OTHER_REALM_ADMIN, Status.UNAUTHORIZED);
            if (route.template().startsWith("/authz/")) {
                // the check API authenticates clients (HTTP Basic), never a bearer
                for (Principal p : Principal.values()) {
                    row.put(p, Status.UNAUTHORIZED);
                }
            }
            if (route.key().equals("SELF GET /openapi.json")) {
                // the API's contract is public, whatever the bearer, and describes the API, nothing of alice's
                for (Principal p : Principal.values()) {
                    row.put(p, Status.OWN_ONLY);
                }
            }
        } else {
            row.put(Principal.OWNER, Status.OK);
            row.put(Principal.OTHER_USER, Status.FORBIDDEN);
            row.put(Principal.SHARE_RECIPIENT, Status.FORBIDDEN);
            row.put(Principal.DEVICE_TOKEN, Status.UNAUTHORIZED);
            row.put(Principal.GROUND_TOKEN, Status.UNAUTHORIZED);
            row.put(Principal.PROFILE_TOKEN, Status.UNAUTHORIZED);
            row.put(Principal.ADMIN_WITHOUT_ROLE, Status.FORBIDDEN);
            row.put(Principal.OTHER_REALM_ADMIN, Status.REFUSED);
            if (route.key().equals("ADMIN POST /devices/{id}/claim-secret")) {
                // alice's device has an owner: only a fleet device gets a claim secret (FleetClaimIT claims one)
                row.put(Principal.OWNER, Status.CONFLICT);
            }
        }
        return row;
    }

    /** The admin role a route needs (admin API only). */
    static Need need(Route route) {
        String t = route.template();
        // people's data: invitees' addresses and users' profile tokens; a device's or ground's token list shows its
        // last-used addresses only with view-users and is otherwise a view-realm read (AdminRolesIT)
        boolean people = t.startsWith("/users/") || t.contains("/shares");
        if (!route.writes()) {
            return people ? Need.VIEW_USERS : Need.VIEW_REALM;
        }
        if (t.startsWith("/users/")) {
            // the sweep's PUT and PATCH keep the permissions as they are: only minting acts as the user
            return route.method().equals("POST") ? Need.ACT_AS_USER : Need.MANAGE_USERS;
        }
        return Need.MANAGE_REALM;
    }

    /** The recipient's side of a share: {@code /shares/{id}/accept|decline}, {@code DELETE /shares/{id}}. */
    static boolean recipientsOwn(Route route) {
        return route.api() == Api.SELF && route.template().startsWith("/shares/{id}");
    }

    // ------------------------------------------------------------------------------------------------------

    /** Alice's things, one of each kind, and the tokens of every principal. */
    final class World {
        final Things things;
        final String tag = UUID.randomUUID().toString().substring(0, 8);
        final String device;
        final String deviceName = "SweepDevice-" + tag;
        final String externalId = "SWEEP-" + tag;
        final String ground;
        final String groundName = "SweepGround-" + tag;
        final String deviceToken;
        final String deviceTokenId;
        final String groundToken;
        final String groundTokenId;
        final String profileToken;
        final String profileTokenId;
        final String deviceShare;
        final String groundShare;
        final String catalogueType = "sweep";
        final String aliceId;
        final String bobId;
        final JsonNode catalogue;
        final JsonNode settings;

        World() {
            aliceId = RealmUsers.idOf(realm.admin(), "alice");
            bobId = RealmUsers.idOf(realm.admin(), "bob");
            String alice = tokens.get("alice");
            device = self("POST", "/devices", alice, Map.of("name", deviceName, "type", "sensor", "externalId", externalId))
                    .expect(201).json().get("id").asText();
            ground = self("POST", "/grounds", alice, Map.of("name", groundName)).expect(201).json().get("id").asText();
            self("PUT", "/grounds/" + ground + "/devices/" + device, alice, null).expect(204);
            JsonNode dt = self("POST", "/devices/" + device + "/tokens", alice, Map.of("name", "dt-" + tag)).expect(201).json();
            deviceToken = dt.get("token").asText();
            deviceTokenId = dt.get("id").asText();
            JsonNode gt = self("POST", "/grounds/" + ground + "/tokens", alice, Map.of("name", "gt-" + tag)).expect(201).json();
            groundToken = gt.get("token").asText();
            groundTokenId = gt.get("id").asText();
            JsonNode pt = self("POST", "/tokens", alice, Map.of("name", "pt-" + tag, "permissions",
                    List.of(Map.of("type", "device", "resource", device, "actions", List.of("read"))))).expect(201).json();
            profileToken = pt.get("token").asText();
            profileTokenId = pt.get("id").asText();
            deviceShare = self("POST", "/devices/" + device + "/shares", alice,
                    Map.of("email", "carol@example.com", "actions", List.of("read"))).expect(201).json().get("id").asText();
            self("POST", "/shares/" + deviceShare + "/accept", tokens.get("carol"), null).expect(200);
            groundShare = self("POST", "/grounds/" + ground + "/shares", alice,
                    Map.of("email", "carol@example.com", "actions", List.of("read"))).expect(201).json().get("id").asText();
            IotApi.admin("PUT", "/catalogue/types/" + catalogueType, tokens.get("sweepadmin"),
                    Map.of("description", "swept", "actions", List.of("read"), "deviceActions", List.of("read"))).expect(200);
            // what PUT /catalogue takes of what GET answers
            catalogue = IotApi.JSON.createObjectNode().set("types",
                    IotApi.admin("GET", "/catalogue", tokens.get("sweepadmin"), null).expect(200).json().get("types"));
            settings = IotApi.admin("GET", "/settings", tokens.get("sweepadmin"), null).expect(200).json();
            things = new Things(aliceId, bobId, device, ground, deviceTokenId, groundTokenId, profileTokenId, deviceShare,
                    groundShare, catalogueType, deviceToken, catalogue, settings);
        }

        /** What of alice's must not reach a principal who may not see it. */
        Map<String, String> secrets() {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("alice's user id", aliceId);
            s.put("alice's address", "alice@example.com");
            s.put("the device id", device);
            s.put("the device name", deviceName);
            s.put("the externalId", externalId);
            s.put("the ground id", ground);
            s.put("the ground name", groundName);
            s.put("the device token id", deviceTokenId);
            s.put("the ground token id", groundTokenId);
            s.put("the profile token id", profileTokenId);
            s.put("the device share id", deviceShare);
            s.put("the ground share id", groundShare);
            s.put("the invitee's address", "carol@example.com");
            return s;
        }

        String bearer(Principal p, Route route) {
            return switch (p) {
                case OWNER -> tokens.get(route.api() == Api.ADMIN ? "sweepadmin" : "alice");
                case OTHER_USER -> tokens.get("bob");
                case SHARE_RECIPIENT -> tokens.get("carol");
                case DEVICE_TOKEN -> deviceToken;
                case GROUND_TOKEN -> groundToken;
                case PROFILE_TOKEN -> profileToken;
                case ADMIN_WITHOUT_ROLE -> route.api() == Api.ADMIN ? adminLacking(need(route)) : tokens.get("viewer");
                case OTHER_REALM_ADMIN -> tokens.get("elsewhere");
            };
        }
    }

    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<Need, String> lackingAdmins = new EnumMap<>(Need.class);

    private String adminLacking(Need need) {
        return lackingAdmins.computeIfAbsent(need, n -> {
            String clientId = realm.admin().clients().findByClientId("realm-management").get(0).getId();
            String[] roles = realm.admin().clients().get(clientId).roles().list().stream().map(RoleRepresentation::getName)
                    .filter(r -> !r.equals("realm-admin") && !n.withheld.contains(r)).toArray(String[]::new);
            String username = "lacks-" + n.name().toLowerCase().replace('_', '-');
            RealmUsers.create(realm.admin(), username, roles);
            return IotApi.userToken(username);
        });
    }

    private void signIn() {
        RealmUsers.create(realm.admin(), "carol");
        RealmUsers.create(realm.admin(), "sweepadmin", "realm-admin");
        RealmUsers.create(realm.admin(), "viewer", "view-realm");
        tokens.put("alice", IotApi.userToken("alice"));
        tokens.put("bob", IotApi.userToken("bob"));
        tokens.put("carol", IotApi.userToken("carol"));
        tokens.put("sweepadmin", IotApi.userToken("sweepadmin"));
        tokens.put("viewer", IotApi.userToken("viewer"));
        RealmRepresentation elsewhere = new RealmRepresentation();
        elsewhere.setRealm(OTHER_REALM);
        elsewhere.setEnabled(true);
        adminClient.realms().create(elsewhere);
        RealmUsers.create(adminClient.realm(OTHER_REALM), "elsewhereadmin", "realm-admin");
        // every write route gets a world of its own, with two invitations each
        IotApi.admin("PUT", "/settings", tokens.get("sweepadmin"), Map.of("invitationsPendingMax", 100_000,
                "invitationsPerHour", 100_000)).expect(200);
        tokens.put("elsewhere", IotApi.form("/realms/" + OTHER_REALM + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", "elsewhereadmin", "password", RealmUsers.password("elsewhereadmin")))
                .expect(200).json().get("access_token").asText());
    }

    @Test
    void everyRouteHasAnExpectationAndEveryParameterAValue() {
        List<Route> routes = ApiRoutes.all();
        assertTrue(routes.size() >= 100, "the reflection found only " + routes.size() + " routes: " + routes);
        List<String> unclassified = new ArrayList<>();
        for (Route route : routes) {
            try {
                expected(route);
                if (route.api() == Api.ADMIN) {
                    need(route);
                }
                String param = RouteFixtures.unclassifiedParam(route);
                if (param != null) {
                    unclassified.add(param);
                }
            } catch (AssertionError e) {
                unclassified.add(e.getMessage());
            }
        }
        assertEquals(List.of(), unclassified);
    }

    @Test
    void noPrincipalReachesAlicesThingsUnlessTheTableSaysSo() {
        signIn();
        try {
            List<String> failures = new ArrayList<>();
            World world = new World();
            Set<String> before = snapshot(world);
            // Everyone but the legitimate caller first, on one world; reads before writes, deletes last.
            List<Route> routes = new ArrayList<>(ApiRoutes.all());
            routes.sort((a, b) -> Integer.compare(order(a), order(b)));
            for (Route route : routes) {
                Map<Principal, Status> row = expected(route);
                for (Principal p : Principal.values()) {
                    if (row.get(p) == Status.OK) {
                        continue;
                    }
                    probe(route, p, row.get(p), world, failures);
                }
            }
            Set<String> after = snapshot(world);
            if (!before.equals(after)) {
                Set<String> gone = new TreeSet<>(before);
                gone.removeAll(after);
                Set<String> added = new TreeSet<>(after);
                added.removeAll(before);
                failures.add("alice's things changed under the other principals: gone " + gone + ", new " + added);
            }
            // The legitimate caller: reads on the shared world, each write on a world of its own.
            for (Route route : routes) {
                Map<Principal, Status> row = expected(route);
                for (Principal p : Principal.values()) {
                    if (row.get(p) == Status.OK) {
                        probe(route, p, Status.OK, route.writes() ? new World() : world, failures);
                    }
                }
            }
            assertTrue(failures.isEmpty(), () -> failures.size() + " answers differ from the expectation table:\n"
                    + String.join("\n", failures));
        } finally {
            adminClient.realm(OTHER_REALM).remove();
        }
    }

    private static int order(Route route) {
        return switch (route.method()) {
            case "GET" -> 0;
            case "DELETE" -> 2;
            default -> 1;
        };
    }

    private void probe(Route route, Principal p, Status expected, World w, List<String> failures) {
        String path = route.path(name -> RouteFixtures.param(route, name, w.things));
        Object body = RouteFixtures.body(route, w.things);
        Reply reply = IotApi.call(route.method(), path, w.bearer(p, route), body, "application/json");
        String cell = route + " as " + p + " (" + path + ")";
        String shown = reply.raw().body().length() > 300 ? reply.raw().body().substring(0, 300) + "..." : reply.raw().body();
        if (!expected.codes.contains(reply.status())) {
            failures.add(cell + ": expected " + expected + " " + expected.codes + ", got " + reply.status() + " " + shown);
        } else if (expected != Status.OK && !"application/json".equals(reply.contentType())) {
            failures.add(cell + ": refusal " + reply.status() + " without a JSON error body: " + shown);
        }
        if (expected != Status.OK) {
            String sent = path + (body == null ? "" : IotApi.toJson(body));
            w.secrets().forEach((what, value) -> {
                if (reply.raw().body().contains(value) && !sent.contains(value)) {
                    failures.add(cell + ": the body shows " + what + ": " + shown);
                }
            });
        }
    }

    /** Alice's things as the owner and a full admin see them: names, enabled flags, share statuses. */
    private Set<String> snapshot(World w) {
        Set<String> s = new TreeSet<>();
        String alice = tokens.get("alice");
        for (String list : List.of("/devices?max=1000", "/grounds?max=1000", "/tokens?max=1000",
                "/devices/" + w.device + "/tokens", "/grounds/" + w.ground + "/tokens",
                "/devices/" + w.device + "/shares", "/grounds/" + w.ground + "/shares", "/grounds/" + w.ground + "/devices")) {
            Reply reply = self("GET", list, alice, null);
            reply.json().forEach(item -> s.add(list.replaceAll("\\?.*", "") + " " + item.path("id").asText() + " "
                    + item.path("name").asText() + " " + item.path("enabled").asText() + " " + item.path("status").asText()
                    + " " + item.path("ownerId").asText() + " " + item.path("actions")));
            if (reply.status() != 200) {
                s.add(list + " answers " + reply.status());
            }
        }
        return s;
    }
}
