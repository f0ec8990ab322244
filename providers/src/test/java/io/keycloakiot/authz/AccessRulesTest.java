package io.keycloakiot.authz;

import java.util.List;
import java.util.Set;

import io.keycloakiot.common.Page;
import io.keycloakiot.model.InMemoryModel;
import io.keycloakiot.model.ShareModel;
import io.keycloakiot.model.ShareStatus;
import io.keycloakiot.model.TokenKind;
import io.keycloakiot.model.TokenSnapshot;
import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.ResourceType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The decision table of {@link AccessRules} over the in-memory model: every subject kind, every reason, in milliseconds. */
class AccessRulesTest {

    private static final long NOW = 1_000_000L;
    private static final PermissionCatalogue CATALOGUE = PermissionCatalogue.DEFAULT;
    private static final ResourceType DEVICE = CATALOGUE.type("device");
    private static final ResourceType GROUND = CATALOGUE.type("ground");
    private static final ResourceType BUCKET = CATALOGUE.type("bucket");
    private static final ResourceType FLEET = CATALOGUE.type("fleet");

    private final InMemoryModel model = new InMemoryModel().at(NOW);

    private AccessRules rules() {
        return new AccessRules(null, CATALOGUE, model.devices(), model.grounds(), model.shares(), NOW);
    }

    /** A person or service account: {@code admin} "manage" (every action), "view" (reading ones) or "" (none). */
    private static AccessUser user(String id, String admin, String serviceAccountClient, Set<String> consentedScopes, String... consentingOwners) {
        return new AccessUser() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public boolean administers(boolean readOnlyAction) {
                return admin.equals("manage") || admin.equals("view") && readOnlyAction;
            }

            @Override
            public String serviceAccountClientId() {
                return serviceAccountClient;
            }

            @Override
            public boolean consentedBy(String ownerId, String scope) {
                return serviceAccountClient != null && List.of(consentingOwners).contains(ownerId) && consentedScopes.contains(scope);
            }

            @Override
            public String consentScopeId(String scope) {
                return serviceAccountClient != null && consentedScopes.contains(scope) ? "scope-" + scope : null;
            }
        };
    }

    private static AccessUser person(String id) {
        return user(id, "", null, Set.of());
    }

    private static AccessSubject personSubject(String id, ScopeGrant grant) {
        return new AccessSubject(AccessSubject.Kind.USER, person(id), null, grant);
    }

    private static AccessSubject tokenSubject(TokenKind kind, String subjectId, String ownerId, List<Permission> permissions, AccessUser owner) {
        TokenSnapshot snapshot = new TokenSnapshot("key", "realm", kind, subjectId, "hash", true, 0, null, null, permissions);
        AccessSubject.Kind subjectKind = switch (kind) {
            case DEVICE -> AccessSubject.Kind.DEVICE_TOKEN;
            case GROUND -> AccessSubject.Kind.GROUND_TOKEN;
            case PROFILE -> AccessSubject.Kind.PROFILE_TOKEN;
        };
        return new AccessSubject(subjectKind, owner, new ActiveToken(snapshot, subjectId, ownerId), ScopeGrant.ALL);
    }

    private String decide(AccessSubject subject, ResourceType type, String id, String action) {
        AccessDecision decision = rules().check(subject, type, id, action);
        return decision.allowed() + ":" + decision.reason();
    }

    @Test
    void anOwnerMayDoEverythingToTheirDeviceAndNobodyElseMay() {
        model.device("d1", "alice");
        assertEquals("true:owner", decide(personSubject("alice", ScopeGrant.ALL), DEVICE, "d1", "delete"));
        assertEquals("false:no_access", decide(personSubject("bob", ScopeGrant.ALL), DEVICE, "d1", "read"));
        assertEquals("false:no_access", decide(personSubject("alice", ScopeGrant.ALL), DEVICE, "missing", "read"));
    }

    @Test
    void aUsersTokenDoesOnlyWhatItsScopesGrant() {
        model.device("d1", "alice");
        ScopeGrant readOnly = new ScopeGrant(false, Set.of("device:read"), null);
        assertEquals("true:owner", decide(personSubject("alice", readOnly), DEVICE, "d1", "read"));
        assertEquals("false:insufficient_scope", decide(personSubject("alice", readOnly), DEVICE, "d1", "control"));
    }

    @Test
    void aLiveShareGivesItsActionsOnlyWhileItIsAcceptedAndUnexpired() {
        model.device("d1", "alice");
        model.share("s1", ShareModel.DEVICE, "d1", "bob", ShareStatus.ACCEPTED, "read");
        model.share("s2", ShareModel.DEVICE, "d1", "carol", ShareStatus.PENDING, "read");
        model.share("s3", ShareModel.DEVICE, "d1", "dave", ShareStatus.ACCEPTED, "read").expiringAt(NOW);
        assertEquals("true:shared", decide(personSubject("bob", ScopeGrant.ALL), DEVICE, "d1", "read"));
        assertEquals("false:no_access", decide(personSubject("bob", ScopeGrant.ALL), DEVICE, "d1", "control"));
        assertEquals("false:no_access", decide(personSubject("carol", ScopeGrant.ALL), DEVICE, "d1", "read"));
        assertEquals("false:no_access", decide(personSubject("dave", ScopeGrant.ALL), DEVICE, "d1", "read"));
    }

    @Test
    void aGroundShareReachesTheDevicesInTheGroundNowAndNotOthers() {
        model.device("d1", "alice");
        model.device("d2", "alice");
        model.ground("g1", "alice", "d1");
        model.share("s1", ShareModel.GROUND, "g1", "bob", ShareStatus.ACCEPTED, "read");
        assertEquals("true:shared", decide(personSubject("bob", ScopeGrant.ALL), DEVICE, "d1", "read"));
        assertEquals("false:no_access", decide(personSubject("bob", ScopeGrant.ALL), DEVICE, "d2", "read"));
        assertEquals("true:shared", decide(personSubject("bob", ScopeGrant.ALL), GROUND, "g1", "read"));
    }

    @Test
    void aReshareHoldsOnlyWhileItsParentCarriesReshares() {
        model.device("d1", "alice");
        InMemoryModel.Share parent = model.share("p", ShareModel.DEVICE, "d1", "bob", ShareStatus.ACCEPTED, "read").resharable();
        model.share("r", ShareModel.DEVICE, "d1", "carol", ShareStatus.ACCEPTED, "read").from(parent);
        assertEquals("true:shared", decide(personSubject("carol", ScopeGrant.ALL), DEVICE, "d1", "read"));
        parent.setReshareAllowed(false);
        assertEquals("false:no_access", decide(personSubject("carol", ScopeGrant.ALL), DEVICE, "d1", "read"));
        parent.setReshareAllowed(true);
        parent.setStatus(ShareStatus.REVOKED);
        assertEquals("false:no_access", decide(personSubject("carol", ScopeGrant.ALL), DEVICE, "d1", "read"));
    }

    @Test
    void administratorsReachTheRealmAsFarAsTheirRolesGo() {
        model.device("d1", "alice");
        AccessSubject manager = new AccessSubject(AccessSubject.Kind.USER, user("root", "manage", null, Set.of()), null, ScopeGrant.ALL);
        AccessSubject viewer = new AccessSubject(AccessSubject.Kind.USER, user("eve", "view", null, Set.of()), null, ScopeGrant.ALL);
        assertEquals("true:realm_admin", decide(manager, DEVICE, "d1", "delete"));
        assertEquals("true:realm_admin", decide(viewer, DEVICE, "d1", "read"));
        assertEquals("false:no_access", decide(viewer, DEVICE, "d1", "control"));
        assertEquals("true:realm_admin", decide(manager, FLEET, "*", "import"));
        assertEquals("false:admin_only", decide(personSubject("alice", ScopeGrant.ALL), FLEET, "*", "read"));
    }

    @Test
    void aClientReachesWhatItsConsentsCover() {
        model.device("d1", "alice");
        model.device("d2", "bob");
        AccessSubject client = new AccessSubject(AccessSubject.Kind.SERVICE_ACCOUNT,
                user("sa", "", "backend", Set.of("device:read"), "alice"), null, ScopeGrant.ALL);
        assertEquals("true:consent", decide(client, DEVICE, "d1", "read"));
        assertEquals("false:no_access", decide(client, DEVICE, "d1", "control"));
        assertEquals("false:no_access", decide(client, DEVICE, "d2", "read"));
    }

    @Test
    void aTypeThePackDoesNotKeepIsTheHoldersOwnToCheck() {
        assertEquals("true:user", decide(personSubject("alice", ScopeGrant.ALL), BUCKET, "b1", "read"));
    }

    @Test
    void aDeviceTokenReachesItsOwnDeviceOnly() {
        model.device("d1", "alice");
        model.device("d2", "alice");
        AccessSubject token = tokenSubject(TokenKind.DEVICE, "d1", "alice", null, null);
        assertEquals("true:device_token", decide(token, DEVICE, "d1", "read"));
        assertEquals("false:not_in_token", decide(token, DEVICE, "d2", "read"));
        assertEquals("false:not_in_token", decide(token, DEVICE, "d1", "delete"));
    }

    @Test
    void aGroundTokenReachesTheEnabledDevicesInItsGroundAtTheMomentOfUse() {
        model.device("d1", "alice");
        model.device("d2", "alice").disabled();
        model.device("d3", "alice");
        model.ground("g1", "alice", "d1", "d2");
        AccessSubject token = tokenSubject(TokenKind.GROUND, "g1", "alice", null, null);
        assertEquals("true:ground_token", decide(token, DEVICE, "d1", "read"));
        assertEquals("false:not_in_token", decide(token, DEVICE, "d2", "read"));
        assertEquals("false:not_in_token", decide(token, DEVICE, "d3", "read"));
        model.grounds().removeMember(model.grounds().getGround(null, "g1"), model.devices().getDevice(null, "d1"));
        assertEquals("false:not_in_token", decide(token, DEVICE, "d1", "read"));
    }

    @Test
    void aProfileTokenNeverExceedsItsOwnerAtTheMomentOfUse() {
        model.device("d1", "alice");
        InMemoryModel.Share share = model.share("s1", ShareModel.DEVICE, "d1", "bob", ShareStatus.ACCEPTED, "read");
        AccessSubject profile = tokenSubject(TokenKind.PROFILE, "bob", "bob",
                List.of(new Permission("device", "*", List.of("read", "control")), new Permission("bucket", "*", List.of("read"))),
                person("bob"));
        assertEquals("true:profile_token", decide(profile, DEVICE, "d1", "read"));
        assertEquals("false:no_access", decide(profile, DEVICE, "d1", "control"));
        assertEquals("true:user", decide(profile, BUCKET, "b1", "read"));
        assertEquals("false:not_in_token", decide(profile, BUCKET, "b1", "write"));
        share.setStatus(ShareStatus.REVOKED);
        assertEquals("false:no_access", decide(profile, DEVICE, "d1", "read"));
    }

    @Test
    void aListingHoldsWhatTheChecksAllow() {
        model.device("d1", "alice");
        model.device("d2", "bob");
        model.device("d3", "carol");
        model.share("s1", ShareModel.DEVICE, "d2", "alice", ShareStatus.ACCEPTED, "read");
        assertEquals(List.of("d1", "d2"), rules().list(personSubject("alice", ScopeGrant.ALL), DEVICE, "read", new Page(0, 10)).resources());
        assertEquals(List.of("d1"), rules().list(personSubject("alice", ScopeGrant.ALL), DEVICE, "control", new Page(0, 10)).resources());
        model.consent("carol", "scope-device:read");
        AccessSubject client = new AccessSubject(AccessSubject.Kind.SERVICE_ACCOUNT,
                user("sa", "", "backend", Set.of("device:read"), "carol"), null, ScopeGrant.ALL);
        assertEquals(List.of("d3"), rules().list(client, DEVICE, "read", new Page(0, 10)).resources());
        assertEquals(true, rules().list(personSubject("alice", ScopeGrant.ALL), BUCKET, "read", new Page(0, 10)).all());
    }

    @Test
    void aGroundTokensClaimsNameEachEnabledDeviceInTheGround() {
        model.device("d1", "alice");
        model.device("d2", "alice").disabled();
        model.ground("g1", "alice", "d1", "d2");
        AccessRules.Grants grants = rules().namedGrants(tokenSubject(TokenKind.GROUND, "g1", "alice", null, null), 10);
        assertEquals(List.of("g1", "d1"), grants.permissions().stream().map(Permission::resource).toList());
        assertEquals(false, grants.truncated());
    }
}
