package io.keycloakiot.authz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.keycloakiot.common.Page;
import io.keycloakiot.model.DeviceProvider;
import io.keycloakiot.model.GroundProvider;
import io.keycloakiot.model.ReachableResources;
import io.keycloakiot.model.RealmOwnedModel;
import io.keycloakiot.model.ShareModel;
import io.keycloakiot.model.ShareProvider;
import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.ResourceType;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Every access decision of the pack, in one place, on the model interfaces alone: what a user, a client, a device
 * token, a ground token or a profile token may do to one resource, and which resources of a type it may act on.
 * <ul>
 * <li>A user: only what their access token was granted ({@link ScopeGrant}), and within that everything on what they
 * own; the shared actions on what is shared with them and accepted (a ground share covers the ground's devices, now and
 * later); as a realm administrator, every action (manage-realm) or the reading ones (view-realm) on everything of the
 * realm, and the admin-only types; on types whose resources the pack does not know (buckets, endpoints...), their own
 * authority.</li>
 * <li>A client (its own client-credentials token): the rules of its service-account user, plus the devices and
 * grounds of every user who granted it consent to the client scope {@code <type>:<action>}.</li>
 * <li>A device token: its device-level permissions on its device. A ground token: its permissions on its ground
 * and on each enabled device in it at the moment of the check. Neither reaches anything user-level.</li>
 * <li>A profile token: what its permissions name, and never more than its owner may do at that moment; on types the
 * pack does not keep, the owner's own answer ({@code user}), as the resource server must check ownership.</li>
 * </ul>
 */
public final class AccessRules {

    /** The reason for a type the pack does not keep: allowed as far as the holder owns it, which the resource server checks. */
    private static final String USER = "user";

    private final RealmModel realm;
    private final PermissionCatalogue catalogue;
    private final DeviceProvider devices;
    private final GroundProvider grounds;
    private final ShareProvider shares;
    private final long now;

    /** The rules over any model, at the instant {@code now} (the unit test's in-memory model, or the session's). */
    AccessRules(RealmModel realm, PermissionCatalogue catalogue, DeviceProvider devices, GroundProvider grounds, ShareProvider shares,
                long now) {
        this.realm = realm;
        this.catalogue = catalogue;
        this.devices = devices;
        this.grounds = grounds;
        this.shares = shares;
        this.now = now;
    }

    /** The rules of a realm over the session's model, now. */
    public static AccessRules of(KeycloakSession session, RealmModel realm) {
        return new AccessRules(realm, PermissionCatalogue.of(realm), session.getProvider(DeviceProvider.class),
                session.getProvider(GroundProvider.class), session.getProvider(ShareProvider.class), Time.currentTimeMillis());
    }

    public PermissionCatalogue catalogue() {
        return catalogue;
    }

    /** May the subject take the action on the resource? The type and action are of the catalogue. */
    public AccessDecision check(AccessSubject subject, ResourceType type, String id, String action) {
        return switch (subject.kind()) {
            case USER -> subject.grant().allows(type.type(), action) ? userRight(subject.user(), type, id, action)
                    : AccessDecision.deny("insufficient_scope");
            case SERVICE_ACCOUNT -> userRight(subject.user(), type, id, action);
            case DEVICE_TOKEN -> id.equals(subject.token().subjectId()) && granted(subject.token(), type, id, action)
                    ? AccessDecision.allow("device_token") : AccessDecision.deny("not_in_token");
            case GROUND_TOKEN -> groundTokenRight(subject.token(), type, id, action);
            case PROFILE_TOKEN -> {
                if (!granted(subject.token(), type, id, action)) {
                    yield AccessDecision.deny("not_in_token");
                }
                // The owner's own reason when it is theirs to give: denials, and "user" (the resource server checks ownership).
                AccessDecision owner = userRight(subject.user(), type, id, action);
                yield owner.allowed() && !owner.reason().equals(USER) ? AccessDecision.allow("profile_token") : owner;
            }
        };
    }

    /** What a user (a person, a client's service account, or a profile's owner) may do now. */
    public AccessDecision userRight(AccessUser user, ResourceType type, String id, String action) {
        if (type.adminOnly()) {
            return user.administers(ResourceType.isReadOnly(action)) ? AccessDecision.allow("realm_admin") : AccessDecision.deny("admin_only");
        }
        boolean isDevice = type.type().equals(PermissionCatalogue.DEVICE);
        if (!isDevice && !type.type().equals(PermissionCatalogue.GROUND)) {
            return AccessDecision.allow(USER);
        }
        RealmOwnedModel resource = isDevice ? devices.getDevice(realm, id) : grounds.getGround(realm, id);
        if (resource == null) {
            return AccessDecision.deny("no_access");
        }
        // Cheapest first: the role check of an administrator only when neither ownership nor a share decides.
        if (user.id().equals(resource.getOwnerId())) {
            return AccessDecision.allow("owner");
        }
        if (type.deviceActions().contains(action) && sharedActions(user, isDevice, id).contains(action)) {
            return AccessDecision.allow("shared");
        }
        if (user.administers(ResourceType.isReadOnly(action))) {
            return AccessDecision.allow("realm_admin");
        }
        if (user.consentedBy(resource.getOwnerId(), type.type() + ":" + action)) {
            return AccessDecision.allow("consent");
        }
        return AccessDecision.deny("no_access");
    }

    private Set<String> sharedActions(AccessUser user, boolean isDevice, String id) {
        return isDevice ? shares.liveActionsOnDevice(realm, user.id(), id, now) : shares.liveActionsOnGround(realm, user.id(), id, now);
    }

    private AccessDecision groundTokenRight(ActiveToken token, ResourceType type, String id, String action) {
        if (!granted(token, type, id, action)) {
            return AccessDecision.deny("not_in_token");
        }
        boolean reached = type.type().equals(PermissionCatalogue.GROUND) ? id.equals(token.subjectId())
                : type.type().equals(PermissionCatalogue.DEVICE) && grounds.hasEnabledMember(token.subjectId(), id);
        return reached ? AccessDecision.allow("ground_token") : AccessDecision.deny("not_in_token");
    }

    private boolean granted(ActiveToken token, ResourceType type, String id, String action) {
        return token.permissions(catalogue).stream().anyMatch(permission -> permission.covers(type.type(), id, action));
    }

    /**
     * What a token's claims may say it grants now, at most {@code max} entries, each naming one resource with the
     * actions the token has on it: a ground token's "every device" becomes each enabled device in the ground; a
     * profile's "every device" or "every ground" becomes each one its owner reaches (owned, shared, as an
     * administrator or through consent), with the owner's actions on it; a named resource keeps the actions its owner
     * still has. Left as "every": admin-only types for an administrator owner (they are all theirs) and types the pack
     * does not keep (bounded by the owner's ownership, which the resource server checks, as the check API's
     * {@code user} says).
     */
    public Grants namedGrants(AccessSubject subject, int max) {
        List<Permission> named = new ArrayList<>();
        boolean truncated = false;
        for (Permission permission : subject.token().permissions(catalogue)) {
            ResourceType type = catalogue.type(permission.type());
            boolean kept = type.type().equals(PermissionCatalogue.DEVICE) || type.type().equals(PermissionCatalogue.GROUND);
            if (named.size() >= max) {
                truncated = true;
            } else if (subject.kind() == AccessSubject.Kind.GROUND_TOKEN && permission.isWildcard()) {
                List<String> members = grounds.enabledMemberIds(subject.token().subjectId(), new Page(0, max - named.size() + 1));
                truncated |= members.size() > max - named.size();
                members.stream().limit(max - named.size()).toList()
                        .forEach(deviceId -> named.add(new Permission(type.type(), deviceId, permission.actions())));
            } else if (subject.kind() != AccessSubject.Kind.PROFILE_TOKEN) {
                named.add(permission);
            } else if (permission.isWildcard() && kept) {
                truncated |= reach(subject.user(), type, permission.actions(), max - named.size(), named);
            } else {
                List<String> actions = permission.actions().stream().filter(action -> permission.isWildcard() && !type.adminOnly()
                        || userRight(subject.user(), type, permission.resource(), action).allowed()).toList();
                if (!actions.isEmpty()) {
                    named.add(new Permission(permission.type(), permission.resource(), actions));
                }
            }
        }
        return new Grants(named, truncated);
    }

    /** Grants for claims; {@code truncated}: the subject has more than they name. */
    public record Grants(List<Permission> permissions, boolean truncated) {
    }

    /**
     * Adds each device or ground the user may take some of the actions on, with those actions, at most
     * {@code budget} of them (by id); true when there were more. Built from the check API's own listing, per action.
     */
    private boolean reach(AccessUser user, ResourceType type, List<String> actions, int budget, List<Permission> into) {
        Map<String, List<String>> reached = new TreeMap<>();
        for (String action : actions) {
            userList(user, type, action, new Page(0, budget + 1)).resources()
                    .forEach(id -> reached.computeIfAbsent(id, unused -> new ArrayList<>()).add(action));
        }
        reached.entrySet().stream().limit(budget).forEach(entry -> into.add(new Permission(type.type(), entry.getKey(), entry.getValue())));
        return reached.size() > budget;
    }

    /**
     * A user's own grants, for claims in their ordinary tokens: every action on the devices and grounds they
     * own, and the shared actions on live shares, at most {@code max} entries.
     */
    public Grants userGrants(AccessUser user, int max) {
        List<Permission> grants = new ArrayList<>();
        for (String typeName : List.of(PermissionCatalogue.DEVICE, PermissionCatalogue.GROUND)) {
            if (grants.size() > max) {
                break;
            }
            ResourceType type = catalogue.type(typeName);
            resources(typeName).ownedIds(realm, user.id(), max + 1 - grants.size())
                    .forEach(id -> grants.add(new Permission(typeName, id, type.actions())));
        }
        if (grants.size() <= max) {
            for (ShareModel share : shares.getLiveSharesOf(realm, user.id(), now, max + 1 - grants.size())) {
                // Only what the check API honours: a share's device-level actions under today's catalogue.
                List<String> device = catalogue.type(share.getResourceType()).deviceActions();
                List<String> actions = share.getActions().stream().filter(device::contains).toList();
                if (!actions.isEmpty()) {
                    grants.add(new Permission(share.getResourceType(), share.getResourceId(), actions));
                }
            }
        }
        return grants.size() > max ? new Grants(grants.subList(0, max), true) : new Grants(grants, false);
    }

    private ReachableResources resources(String type) {
        return type.equals(PermissionCatalogue.DEVICE) ? devices : grounds;
    }

    /** A page of the ids of the type the subject may take the action on; {@code all} = every one of the type. */
    public record Listing(boolean all, List<String> resources) {
        public static final Listing NONE = new Listing(false, List.of());
        static final Listing ALL = new Listing(true, List.of());
    }

    public Listing list(AccessSubject subject, ResourceType type, String action, Page page) {
        return switch (subject.kind()) {
            case USER -> subject.grant().allows(type.type(), action) ? userList(subject.user(), type, action, page) : Listing.NONE;
            case SERVICE_ACCOUNT -> userList(subject.user(), type, action, page);
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
        return new Listing(false, grounds.enabledMemberIds(token.subjectId(), page));
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

    private Listing userList(AccessUser user, ResourceType type, String action, Page page) {
        boolean admin = user.administers(ResourceType.isReadOnly(action));
        if (type.adminOnly()) {
            return admin ? Listing.ALL : Listing.NONE;
        }
        if (!type.type().equals(PermissionCatalogue.DEVICE) && !type.type().equals(PermissionCatalogue.GROUND)) {
            return Listing.ALL;
        }
        ReachableResources.Reach reach = admin ? ReachableResources.Reach.ALL
                : new ReachableResources.Reach(false, user.id(), type.deviceActions().contains(action) ? action : null,
                        user.serviceAccountClientId(), user.consentScopeId(type.type() + ":" + action));
        return new Listing(false, resources(type.type()).reachableIds(realm, reach, page));
    }

    private static Listing paged(List<String> ids, Page page) {
        return new Listing(false, ids.stream().skip(page.first()).limit(page.max()).toList());
    }
}
