package io.keycloakiot.authz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import io.keycloakiot.common.Page;
import io.keycloakiot.common.RealmOwned;
import io.keycloakiot.device.IotDeviceEntity;
import io.keycloakiot.ground.IotGroundEntity;
import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.ResourceType;
import io.keycloakiot.share.IotShareEntity;
import io.keycloakiot.share.ShareStore;
import io.keycloakiot.token.ActiveToken;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserConsentModel;
import org.keycloak.models.UserModel;

/**
 * Every access decision of the pack, in one place: what a user, a client, a device token, a ground token or a
 * profile token may do to one resource, and which resources of a type it may act on.
 * <ul>
 * <li>A user: everything on what they own; the shared actions on what is shared with them and accepted
 * (a ground share covers the ground's devices, now and later); as a realm administrator, every action
 * (manage-realm) or the reading ones (view-realm) on everything of the realm, and the admin-only types;
 * on types whose resources the pack does not know (buckets, endpoints...), their own authority.</li>
 * <li>A client (its own client-credentials token): the rules of its service-account user, plus the devices and
 * grounds of every user who granted it consent to the client scope {@code <type>:<action>}.</li>
 * <li>A device token: its device-level permissions on its device. A ground token: its permissions on its ground
 * and on each enabled device in it at the moment of the check. Neither reaches anything user-level.</li>
 * <li>A profile token: what its permissions name, and never more than its owner may do at that moment.</li>
 * </ul>
 */
public final class AccessRules {

    /** A share that carries {@code :action} (a LIKE pattern over the stored ",a,b," form). */
    private static final String WITH_ACTION = " and s.actions like :action escape '!'";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final PermissionCatalogue catalogue;
    private final ShareStore shares;
    private final long now = Time.currentTimeMillis();

    public AccessRules(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.catalogue = PermissionCatalogue.of(realm);
        this.shares = new ShareStore(session, realm);
    }

    public PermissionCatalogue catalogue() {
        return catalogue;
    }

    /** May the subject take the action on the resource? The type and action are of the catalogue. */
    public AccessDecision check(AccessSubject subject, ResourceType type, String id, String action) {
        return switch (subject.kind()) {
            case USER, SERVICE_ACCOUNT -> userRight(subject.user(), type, id, action);
            case DEVICE_TOKEN -> id.equals(subject.token().subjectId()) && granted(subject.token(), type, id, action)
                    ? AccessDecision.allow("device_token") : AccessDecision.deny("not_in_token");
            case GROUND_TOKEN -> groundTokenRight(subject.token(), type, id, action);
            case PROFILE_TOKEN -> {
                if (!granted(subject.token(), type, id, action)) {
                    yield AccessDecision.deny("not_in_token");
                }
                AccessDecision owner = userRight(subject.user(), type, id, action);
                yield owner.allowed() ? AccessDecision.allow("profile_token") : owner;
            }
        };
    }

    /** What a user (or a client's service-account user, or a profile's owner) may do now. */
    public AccessDecision userRight(UserModel user, ResourceType type, String id, String action) {
        if (type.adminOnly()) {
            return isAdmin(user, action) ? AccessDecision.allow("realm_admin") : AccessDecision.deny("admin_only");
        }
        boolean isDevice = type.type().equals(PermissionCatalogue.DEVICE);
        if (!isDevice && !type.type().equals(PermissionCatalogue.GROUND)) {
            return AccessDecision.allow("user");
        }
        Facts facts = isDevice ? deviceFacts(user.getId(), id) : groundFacts(user.getId(), id);
        if (!facts.found()) {
            return AccessDecision.deny("no_access");
        }
        // Cheapest first: the role check of an administrator only when neither ownership nor a share decides.
        if (user.getId().equals(facts.ownerId())) {
            return AccessDecision.allow("owner");
        }
        if (type.deviceActions().contains(action) && facts.sharedActions().contains(action)) {
            return AccessDecision.allow("shared");
        }
        if (isAdmin(user, action)) {
            return AccessDecision.allow("realm_admin");
        }
        if (consented(user, facts.ownerId(), type, action)) {
            return AccessDecision.allow("consent");
        }
        return AccessDecision.deny("no_access");
    }

    /** A device or ground of this realm as a decision sees it: its owner and what live shares give the user on it. */
    private record Facts(boolean found, String ownerId, Set<String> sharedActions) {
        static final Facts NONE = new Facts(false, null, Set.of());
    }

    /**
     * The device's owner and the user's live shares of it and of the grounds it is in, in one round trip (the check
     * API's busiest path). Each part starts from the device id; a recipient may hold thousands of shares.
     */
    private Facts deviceFacts(String userId, String deviceId) {
        if (deviceId.length() > RealmOwned.ID_MAX) {
            return Facts.NONE;
        }
        List<Object[]> rows = em.createQuery("select 'd', d.ownerId from IotDevice d where d.id = :deviceId and d.realmId = :realmId"
                        + " union all select 's', s.actions from IotShare s where s.resourceId = :deviceId"
                        + " and s.resourceType = 'device' and s.recipientId = :userId and " + ShareStore.LIVE
                        + " union all select 's', s.actions from IotGroundMembership m, IotShare s where m.deviceId = :deviceId"
                        + " and s.resourceId = m.groundId and s.resourceType = 'ground' and s.recipientId = :userId and "
                        + ShareStore.LIVE, Object[].class)
                .setParameter("deviceId", deviceId).setParameter("realmId", realm.getId()).setParameter("userId", userId)
                .setParameter("now", now).getResultList();
        boolean found = false;
        String ownerId = null;
        Set<String> shared = new LinkedHashSet<>();
        for (Object[] row : rows) {
            if ("d".equals(row[0])) {
                found = true;
                ownerId = (String) row[1];
            } else {
                shared.addAll(ShareStore.actionsOf((String) row[1]));
            }
        }
        return found ? new Facts(true, ownerId, shared) : Facts.NONE;
    }

    private Facts groundFacts(String userId, String groundId) {
        IotGroundEntity ground = find(IotGroundEntity.class, groundId);
        return ground == null ? Facts.NONE : new Facts(true, ground.getOwnerId(), shares.liveGroundActions(userId, groundId, now));
    }

    private AccessDecision groundTokenRight(ActiveToken token, ResourceType type, String id, String action) {
        if (!granted(token, type, id, action)) {
            return AccessDecision.deny("not_in_token");
        }
        boolean reached = type.type().equals(PermissionCatalogue.GROUND) ? id.equals(token.subjectId())
                : type.type().equals(PermissionCatalogue.DEVICE) && !em.createQuery("select m.deviceId from IotGroundMembership m,"
                        + " IotDevice d where m.groundId = :groundId and m.deviceId = :deviceId and d.id = m.deviceId"
                        + " and d.enabled = true", String.class)
                .setParameter("groundId", token.subjectId()).setParameter("deviceId", id).getResultList().isEmpty();
        return reached ? AccessDecision.allow("ground_token") : AccessDecision.deny("not_in_token");
    }

    private boolean granted(ActiveToken token, ResourceType type, String id, String action) {
        return token.permissions(catalogue).stream().anyMatch(permission -> permission.covers(type.type(), id, action));
    }

    /**
     * The token's permissions as they take effect now: a profile loses the actions its owner no longer has on a
     * named device or ground, and admin-only types unless its owner is an administrator.
     */
    public List<Permission> effectivePermissions(AccessSubject subject) {
        List<Permission> permissions = subject.token().permissions(catalogue);
        if (subject.kind() != AccessSubject.Kind.PROFILE_TOKEN) {
            return permissions;
        }
        List<Permission> effective = new ArrayList<>();
        for (Permission permission : permissions) {
            ResourceType type = catalogue.type(permission.type());
            List<String> actions = permission.actions().stream().filter(action -> permission.isWildcard() && !type.adminOnly()
                    || userRight(subject.user(), type, permission.resource(), action).allowed()).toList();
            if (!actions.isEmpty()) {
                effective.add(new Permission(permission.type(), permission.resource(), actions));
            }
        }
        return effective;
    }

    /**
     * A user's own grants, for claims in their ordinary tokens: every action on the devices and grounds they
     * own, and the shared actions on live shares, at most {@code max} entries.
     */
    public List<Permission> userGrants(UserModel user, int max) {
        List<Permission> grants = new ArrayList<>();
        for (String typeName : List.of(PermissionCatalogue.DEVICE, PermissionCatalogue.GROUND)) {
            ResourceType type = catalogue.type(typeName);
            em.createQuery("select r.id from " + (type.type().equals(PermissionCatalogue.DEVICE) ? "IotDevice" : "IotGround")
                            + " r where r.realmId = :realmId and r.ownerId = :userId order by r.id", String.class)
                    .setParameter("realmId", realm.getId()).setParameter("userId", user.getId())
                    .setMaxResults(Math.max(0, max - grants.size())).getResultList()
                    .forEach(id -> grants.add(new Permission(typeName, id, type.actions())));
        }
        if (grants.size() < max) {
            em.createQuery("select s from IotShare s where s.realmId = :realmId and s.recipientId = :userId and "
                            + ShareStore.LIVE + " order by s.resourceId", IotShareEntity.class)
                    .setParameter("realmId", realm.getId()).setParameter("userId", user.getId()).setParameter("now", now)
                    .setMaxResults(max - grants.size()).getResultList()
                    .forEach(share -> grants.add(new Permission(share.getResourceType(), share.getResourceId(), share.actionList())));
        }
        return grants;
    }

    /** A page of the ids of the type the subject may take the action on; {@code all} = every one of the type. */
    public record Listing(boolean all, List<String> resources) {
        static final Listing NONE = new Listing(false, List.of());
        static final Listing ALL = new Listing(true, List.of());
    }

    public Listing list(AccessSubject subject, ResourceType type, String action, Page page) {
        return switch (subject.kind()) {
            case USER, SERVICE_ACCOUNT -> userList(subject.user(), type, action, page);
            case DEVICE_TOKEN -> granted(subject.token(), type, subject.token().subjectId(), action)
                    ? paged(List.of(subject.token().subjectId()), page) : Listing.NONE;
            case GROUND_TOKEN -> groundTokenList(subject.token(), type, action, page);
            case PROFILE_TOKEN -> profileList(subject, type, action, page);
        };
    }

    private Listing groundTokenList(ActiveToken token, ResourceType type, String action, Page page) {
        if (type.type().equals(PermissionCatalogue.GROUND)) {
            return granted(token, type, token.subjectId(), action) ? paged(List.of(token.subjectId()), page) : Listing.NONE;
        }
        if (!type.type().equals(PermissionCatalogue.DEVICE) || !granted(token, type, Permission.ALL, action)) {
            return Listing.NONE;
        }
        return new Listing(false, em.createQuery("select d.id from IotGroundMembership m, IotDevice d where m.groundId = :groundId"
                        + " and d.id = m.deviceId and d.enabled = true order by d.id", String.class)
                .setParameter("groundId", token.subjectId()).setFirstResult(page.first()).setMaxResults(page.max()).getResultList());
    }

    private Listing profileList(AccessSubject subject, ResourceType type, String action, Page page) {
        Set<String> named = new LinkedHashSet<>();
        for (Permission permission : subject.token().permissions(catalogue)) {
            if (permission.type().equals(type.type()) && permission.actions().contains(action)) {
                if (permission.isWildcard()) {
                    // The owner's reach bounds the wildcard, and contains every resource the profile names.
                    return userList(subject.user(), type, action, page);
                }
                named.add(permission.resource());
            }
        }
        return paged(named.stream().sorted().filter(id -> userRight(subject.user(), type, id, action).allowed()).toList(), page);
    }

    private Listing userList(UserModel user, ResourceType type, String action, Page page) {
        boolean admin = isAdmin(user, action);
        if (type.adminOnly()) {
            return admin ? Listing.ALL : Listing.NONE;
        }
        boolean isDevice = type.type().equals(PermissionCatalogue.DEVICE);
        if (!isDevice && !type.type().equals(PermissionCatalogue.GROUND)) {
            return Listing.ALL;
        }
        String entity = isDevice ? "IotDevice" : "IotGround";
        StringBuilder jpql = new StringBuilder("select r.id from " + entity + " r where r.realmId = :realmId");
        boolean shared = type.deviceActions().contains(action);
        String scopeId = consentScopeId(user, type, action);
        if (!admin) {
            jpql.append(" and (r.ownerId = :userId");
            if (shared) {
                jpql.append(" or ").append(ShareStore.reachedThroughShare("r.id", type.type(), WITH_ACTION));
            }
            if (scopeId != null) {
                jpql.append(" or r.ownerId in (select c.user.id from UserConsentEntity c, UserConsentClientScopeEntity cs")
                        .append(" where cs.userConsent = c and c.clientId = :clientId and cs.scopeId = :scopeId and c.user.enabled = true)");
            }
            jpql.append(")");
        }
        TypedQuery<String> query = em.createQuery(jpql.append(" order by r.id").toString(), String.class)
                .setParameter("realmId", realm.getId());
        if (!admin) {
            query.setParameter("userId", user.getId());
            if (shared) {
                query.setParameter("now", now).setParameter("action", "%," + action.replace("_", "!_") + ",%");
            }
            if (scopeId != null) {
                query.setParameter("clientId", user.getServiceAccountClientLink()).setParameter("scopeId", scopeId);
            }
        }
        return new Listing(false, query.setFirstResult(page.first()).setMaxResults(page.max()).getResultList());
    }

    private static Listing paged(List<String> ids, Page page) {
        return new Listing(false, ids.stream().skip(page.first()).limit(page.max()).toList());
    }

    private <T extends RealmOwned> T find(Class<T> entity, String id) {
        T found = id.length() > RealmOwned.ID_MAX ? null : em.find(entity, id);
        return found != null && found.getRealmId().equals(realm.getId()) ? found : null;
    }

    /** manage-realm: every action; view-realm: the reading ones (roles of the realm's realm-management client). */
    private boolean isAdmin(UserModel user, String action) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management == null) {
            return false;
        }
        RoleModel manage = management.getRole("manage-realm");
        if (manage != null && user.hasRole(manage)) {
            return true;
        }
        RoleModel view = management.getRole("view-realm");
        return ResourceType.isReadOnly(action) && view != null && user.hasRole(view);
    }

    /** Has the owner granted the client whose service account this is consent to the scope {@code <type>:<action>}? */
    private boolean consented(UserModel serviceAccount, String ownerId, ResourceType type, String action) {
        String clientId = serviceAccount.getServiceAccountClientLink();
        if (clientId == null || ownerId == null) {
            return false;
        }
        UserModel owner = session.users().getUserById(realm, ownerId);
        if (owner == null || !owner.isEnabled()) {
            return false;
        }
        UserConsentModel consent = session.users().getConsentByClient(realm, ownerId, clientId);
        String scope = type.type() + ":" + action;
        return consent != null && consent.getGrantedClientScopes().stream().anyMatch(granted -> granted.getName().equals(scope));
    }

    private String consentScopeId(UserModel user, ResourceType type, String action) {
        if (user.getServiceAccountClientLink() == null) {
            return null;
        }
        String scope = type.type() + ":" + action;
        return realm.getClientScopesStream().filter(candidate -> candidate.getName().equals(scope))
                .map(ClientScopeModel::getId).findFirst().orElse(null);
    }
}
