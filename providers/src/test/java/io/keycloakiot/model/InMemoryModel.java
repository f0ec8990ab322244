package io.keycloakiot.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.keycloakiot.common.Page;
import org.keycloak.models.RealmModel;

/**
 * The model in memory, for unit tests of the rules above it: devices, grounds with their members, and shares, with
 * the read side the access rules use. It holds one realm, so it ignores the realm argument. Writes that only the
 * JPA model does (queries of lists, transfers) are not here: a test that needs them runs on a real server.
 */
public final class InMemoryModel {

    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, Ground> grounds = new LinkedHashMap<>();
    private final Map<String, List<String>> members = new HashMap<>();
    private final Map<String, Share> shares = new LinkedHashMap<>();
    private final Map<String, Set<String>> consents = new HashMap<>();
    private long now;

    public InMemoryModel at(long millis) {
        now = millis;
        return this;
    }

    public Device device(String id, String ownerId) {
        Device device = new Device(id, ownerId);
        devices.put(id, device);
        return device;
    }

    public Ground ground(String id, String ownerId, String... deviceIds) {
        Ground ground = new Ground(id, ownerId);
        grounds.put(id, ground);
        members.put(id, new ArrayList<>(List.of(deviceIds)));
        return ground;
    }

    public Share share(String id, String resourceType, String resourceId, String recipientId, ShareStatus status, String... actions) {
        Share share = new Share(id, resourceType, resourceId, recipientId, status, List.of(actions));
        shares.put(id, share);
        return share;
    }

    public DeviceProvider devices() {
        return deviceProvider;
    }

    public GroundProvider grounds() {
        return groundProvider;
    }

    public ShareProvider shares() {
        return shareProvider;
    }

    private boolean live(Share share) {
        return ShareModel.live(share, share.getParentId() == null ? null : shares.get(share.getParentId()), now);
    }

    private Stream<Share> liveSharesOf(String userId) {
        return shares.values().stream().filter(s -> userId.equals(s.getRecipientId()) && live(s));
    }

    private Set<String> actions(Stream<Share> of) {
        Set<String> actions = new LinkedHashSet<>();
        of.forEach(s -> actions.addAll(s.getActions()));
        return actions;
    }

    private Set<String> liveActionsOnDevice(String userId, String deviceId) {
        return actions(liveSharesOf(userId).filter(s -> s.getResourceType().equals(ShareModel.DEVICE) && s.getResourceId().equals(deviceId)
                || s.getResourceType().equals(ShareModel.GROUND) && members.getOrDefault(s.getResourceId(), List.of()).contains(deviceId)));
    }

    private <T extends RealmOwnedModel> List<String> reachable(Collection<T> all, String shareType, ReachableResources.Reach reach, Page page) {
        Predicate<T> reached = r -> reach.all() || reach.userId().equals(r.getOwnerId())
                || reach.sharedAction() != null && (shareType.equals(ShareModel.DEVICE)
                        ? liveActionsOnDevice(reach.userId(), r.getId()).contains(reach.sharedAction())
                        : actions(liveSharesOf(reach.userId()).filter(s -> s.getResourceId().equals(r.getId()))).contains(reach.sharedAction()))
                || reach.consentScopeId() != null && consents.getOrDefault(r.getOwnerId(), Set.of()).contains(reach.consentScopeId());
        return all.stream().filter(reached).map(RealmOwnedModel::getId).sorted().skip(page.first()).limit(page.max()).toList();
    }

    /** The owner granted the client consent to the client scope (by its id). */
    public void consent(String ownerId, String scopeId) {
        consents.computeIfAbsent(ownerId, id -> new LinkedHashSet<>()).add(scopeId);
    }

    private final DeviceProvider deviceProvider = new DeviceProvider() {
        @Override
        public DeviceModel getDevice(RealmModel realm, String id) {
            return devices.get(id);
        }

        @Override
        public DeviceModel getDeviceByExternalId(RealmModel realm, String externalId) {
            return devices.values().stream().filter(d -> Objects.equals(d.getExternalIdKey(), DeviceModel.keyOf(externalId)))
                    .findFirst().orElse(null);
        }

        @Override
        public Set<String> takenExternalIdKeys(RealmModel realm, Collection<String> keys) {
            return Set.copyOf(keys.stream().filter(key -> getDeviceByExternalId(realm, key) != null).toList());
        }

        @Override
        public DeviceModel addDevice(RealmModel realm, String ownerId, String name, String type) {
            Device device = device("device-" + (devices.size() + 1), ownerId);
            device.setName(name);
            device.setType(type);
            return device;
        }

        @Override
        public void setEnabled(RealmModel realm, DeviceModel device, boolean enabled) {
            ((Device) device).enabled = enabled;
        }

        @Override
        public List<DeviceModel> searchDevices(RealmModel realm, DeviceFilter filter, Page page) {
            throw new UnsupportedOperationException("lists are the JPA model's: tested on a real server");
        }

        @Override
        public List<DeviceModel> visibleDevices(RealmModel realm, String userId, DeviceFilter.Relation relation, DeviceFilter filter, Page page) {
            throw new UnsupportedOperationException("lists are the JPA model's: tested on a real server");
        }

        @Override
        public void lockForClaim(DeviceModel device) {
        }

        @Override
        public void transfer(RealmModel realm, DeviceModel device, String newOwnerId) {
            throw new UnsupportedOperationException("transfers are the JPA model's: tested on a real server");
        }

        @Override
        public void removeDevice(RealmModel realm, DeviceModel device) {
            devices.remove(device.getId());
            members.values().forEach(ids -> ids.remove(device.getId()));
        }

        @Override
        public void flush() {
        }

        @Override
        public List<String> ownedIds(RealmModel realm, String ownerId, int max) {
            return devices.values().stream().filter(d -> ownerId.equals(d.getOwnerId())).map(Device::getId).sorted().limit(max).toList();
        }

        @Override
        public List<String> reachableIds(RealmModel realm, Reach reach, Page page) {
            return reachable(devices.values(), ShareModel.DEVICE, reach, page);
        }

        @Override
        public void close() {
        }
    };

    private final GroundProvider groundProvider = new GroundProvider() {
        @Override
        public GroundModel getGround(RealmModel realm, String id) {
            return grounds.get(id);
        }

        @Override
        public GroundModel addGround(RealmModel realm, String ownerId, String name, String description) {
            Ground ground = ground("ground-" + (grounds.size() + 1), ownerId);
            ground.setName(name);
            ground.setDescription(description);
            return ground;
        }

        @Override
        public List<GroundModel> searchGrounds(RealmModel realm, String ownerId, String search, String deviceId, Page page) {
            throw new UnsupportedOperationException("lists are the JPA model's: tested on a real server");
        }

        @Override
        public void transfer(RealmModel realm, GroundModel ground, String newOwnerId) {
            throw new UnsupportedOperationException("transfers are the JPA model's: tested on a real server");
        }

        @Override
        public void removeGround(RealmModel realm, GroundModel ground) {
            grounds.remove(ground.getId());
            members.remove(ground.getId());
        }

        @Override
        public boolean addMember(GroundModel ground, DeviceModel device) {
            List<String> ids = members.get(ground.getId());
            return !ids.contains(device.getId()) && ids.add(device.getId());
        }

        @Override
        public boolean removeMember(GroundModel ground, DeviceModel device) {
            return members.get(ground.getId()).remove(device.getId());
        }

        @Override
        public boolean hasEnabledMember(String groundId, String deviceId) {
            return members.getOrDefault(groundId, List.of()).contains(deviceId) && devices.get(deviceId).isEnabled();
        }

        @Override
        public List<String> enabledMemberIds(String groundId, Page page) {
            return members.getOrDefault(groundId, List.of()).stream().filter(id -> devices.get(id).isEnabled())
                    .skip(page.first()).limit(page.max()).toList();
        }

        @Override
        public List<String> ownedIds(RealmModel realm, String ownerId, int max) {
            return grounds.values().stream().filter(g -> ownerId.equals(g.getOwnerId())).map(Ground::getId).sorted().limit(max).toList();
        }

        @Override
        public List<String> reachableIds(RealmModel realm, Reach reach, Page page) {
            return reachable(grounds.values(), ShareModel.GROUND, reach, page);
        }

        @Override
        public void close() {
        }
    };

    private final ShareProvider shareProvider = new ShareProvider() {
        @Override
        public ShareModel getShare(RealmModel realm, String id) {
            return shares.get(id);
        }

        @Override
        public ShareModel getShareByRecipient(RealmModel realm, String resourceId, String email) {
            return shares.values().stream().filter(s -> s.getResourceId().equals(resourceId) && email.equals(s.getRecipientEmail()))
                    .findFirst().orElse(null);
        }

        @Override
        public ShareModel addShare(RealmModel realm, String resourceType, String resourceId, String ownerId, String email) {
            Share share = share("share-" + (shares.size() + 1), resourceType, resourceId, null, ShareStatus.PENDING);
            share.recipientEmail = email;
            return share;
        }

        @Override
        public List<ShareModel> getSharesOf(RealmModel realm, String resourceId, String createdBy, Page page) {
            throw new UnsupportedOperationException("lists are the JPA model's: tested on a real server");
        }

        @Override
        public List<ShareModel> searchShares(RealmModel realm, Filter filter, long at, Page page) {
            throw new UnsupportedOperationException("lists are the JPA model's: tested on a real server");
        }

        @Override
        public List<ShareModel> getIncoming(RealmModel realm, String userId, String verifiedEmail, Page page) {
            throw new UnsupportedOperationException("lists are the JPA model's: tested on a real server");
        }

        @Override
        public long countPendingBy(RealmModel realm, String userId, long at) {
            return shares.values().stream().filter(s -> userId.equals(s.getCreatedBy()) && s.statusAt(at) == ShareStatus.PENDING).count();
        }

        @Override
        public long countInvitedSince(RealmModel realm, String userId, long since) {
            return shares.values().stream().filter(s -> userId.equals(s.getCreatedBy()) && s.getCreatedAt() >= since).count();
        }

        @Override
        public ShareModel getLiveShare(RealmModel realm, String userId, String resourceId, long at) {
            return liveSharesOf(userId).filter(s -> s.getResourceId().equals(resourceId)).findFirst().orElse(null);
        }

        @Override
        public Set<String> liveActionsOnDevice(RealmModel realm, String userId, String deviceId, long at) {
            return InMemoryModel.this.liveActionsOnDevice(userId, deviceId);
        }

        @Override
        public Map<String, Set<String>> liveActionsOnDevices(RealmModel realm, String userId, Collection<String> deviceIds, long at) {
            Map<String, Set<String>> held = new HashMap<>();
            deviceIds.forEach(id -> {
                Set<String> actions = InMemoryModel.this.liveActionsOnDevice(userId, id);
                if (!actions.isEmpty()) {
                    held.put(id, actions);
                }
            });
            return held;
        }

        @Override
        public Set<String> liveActionsOnGround(RealmModel realm, String userId, String groundId, long at) {
            return actions(liveSharesOf(userId).filter(s -> s.getResourceType().equals(ShareModel.GROUND) && s.getResourceId().equals(groundId)));
        }

        @Override
        public List<ShareModel> getLiveSharesOf(RealmModel realm, String userId, long at, int max) {
            return liveSharesOf(userId).sorted((a, b) -> a.getResourceId().compareTo(b.getResourceId())).limit(max)
                    .map(ShareModel.class::cast).toList();
        }

        @Override
        public List<ShareModel> getExpired(long at, int max) {
            return shares.values().stream().filter(s -> s.statusAt(at) == ShareStatus.EXPIRED && s.getStatus() != ShareStatus.EXPIRED)
                    .limit(max).map(ShareModel.class::cast).toList();
        }

        @Override
        public List<ShareModel> getResharesForUpdate(ShareModel parent) {
            return shares.values().stream().filter(s -> parent.getId().equals(s.getParentId())).map(ShareModel.class::cast).toList();
        }

        @Override
        public void lock(ShareModel share) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** A device in memory. */
    public static final class Device implements DeviceModel {
        private final String id;
        private String ownerId;
        private String externalId;
        private String name = "a device";
        private String type = "sensor";
        private String attributes;
        private boolean enabled = true;
        private boolean disabledByAdmin;
        private String claimSecretHash;
        private Long claimSecretExpiresAt;
        private int claimFailures;
        private Long claimFailedAt;

        public Device(String id, String ownerId) {
            this.id = id;
            this.ownerId = ownerId;
        }

        /** What a transfer does to the owner (the JPA model's transfer also ends grounds, shares and tokens). */
        public void setOwnerId(String ownerId) {
            this.ownerId = ownerId;
        }

        public Device disabled() {
            enabled = false;
            return this;
        }

        @Override public String getId() { return id; }
        @Override public String getRealmId() { return "realm"; }
        @Override public String getOwnerId() { return ownerId; }
        @Override public String getExternalId() { return externalId; }
        @Override public void setExternalId(String externalId) { this.externalId = externalId; }
        @Override public String getExternalIdKey() { return DeviceModel.keyOf(externalId); }
        @Override public String getName() { return name; }
        @Override public void setName(String name) { this.name = name; }
        @Override public String getType() { return type; }
        @Override public void setType(String type) { this.type = type; }
        @Override public String getAttributes() { return attributes; }
        @Override public void setAttributes(String attributes) { this.attributes = attributes; }
        @Override public boolean isEnabled() { return enabled; }
        @Override public boolean isDisabledByAdmin() { return disabledByAdmin; }
        @Override public void setDisabledByAdmin(boolean disabledByAdmin) { this.disabledByAdmin = disabledByAdmin; }
        @Override public long getCreatedAt() { return 0; }
        @Override public String getClaimSecretHash() { return claimSecretHash; }
        @Override public void setClaimSecretHash(String claimSecretHash) { this.claimSecretHash = claimSecretHash; }
        @Override public Long getClaimSecretExpiresAt() { return claimSecretExpiresAt; }
        @Override public void setClaimSecretExpiresAt(Long claimSecretExpiresAt) { this.claimSecretExpiresAt = claimSecretExpiresAt; }
        @Override public int getClaimFailures() { return claimFailures; }
        @Override public void setClaimFailures(int claimFailures) { this.claimFailures = claimFailures; }
        @Override public Long getClaimFailedAt() { return claimFailedAt; }
        @Override public void setClaimFailedAt(Long claimFailedAt) { this.claimFailedAt = claimFailedAt; }
    }

    /** A ground in memory. */
    public static final class Ground implements GroundModel {
        private final String id;
        private final String ownerId;
        private String name = "a ground";
        private String description;

        Ground(String id, String ownerId) {
            this.id = id;
            this.ownerId = ownerId;
        }

        @Override public String getId() { return id; }
        @Override public String getRealmId() { return "realm"; }
        @Override public String getOwnerId() { return ownerId; }
        @Override public String getName() { return name; }
        @Override public void setName(String name) { this.name = name; }
        @Override public String getDescription() { return description; }
        @Override public void setDescription(String description) { this.description = description; }
        @Override public long getCreatedAt() { return 0; }
    }

    /** A share in memory. */
    public static final class Share implements ShareModel {
        private final String id;
        private final String resourceType;
        private final String resourceId;
        private String recipientId;
        private String recipientEmail = "someone@example.com";
        private List<String> actions;
        private boolean reshareAllowed;
        private ShareStatus status;
        private long createdAt;
        private String createdBy;
        private Long respondedAt;
        private Long expiresAt;
        private String parentId;

        Share(String id, String resourceType, String resourceId, String recipientId, ShareStatus status, List<String> actions) {
            this.id = id;
            this.resourceType = resourceType;
            this.resourceId = resourceId;
            this.recipientId = recipientId;
            this.status = status;
            this.actions = actions;
        }

        public Share expiringAt(long millis) {
            expiresAt = millis;
            return this;
        }

        public Share resharable() {
            reshareAllowed = true;
            return this;
        }

        public Share from(Share parent) {
            parentId = parent.getId();
            return this;
        }

        @Override public String getId() { return id; }
        @Override public String getRealmId() { return "realm"; }
        @Override public String getResourceType() { return resourceType; }
        @Override public String getResourceId() { return resourceId; }
        @Override public String getOwnerId() { return "owner"; }
        @Override public String getRecipientEmail() { return recipientEmail; }
        @Override public String getRecipientId() { return recipientId; }
        @Override public void setRecipientId(String recipientId) { this.recipientId = recipientId; }
        @Override public List<String> getActions() { return actions; }
        @Override public void setActions(List<String> actions) { this.actions = actions; }
        @Override public boolean isReshareAllowed() { return reshareAllowed; }
        @Override public void setReshareAllowed(boolean reshareAllowed) { this.reshareAllowed = reshareAllowed; }
        @Override public ShareStatus getStatus() { return status; }
        @Override public void setStatus(ShareStatus status) { this.status = status; }
        @Override public long getCreatedAt() { return createdAt; }
        @Override public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
        @Override public String getCreatedBy() { return createdBy; }
        @Override public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
        @Override public Long getRespondedAt() { return respondedAt; }
        @Override public void setRespondedAt(Long respondedAt) { this.respondedAt = respondedAt; }
        @Override public Long getExpiresAt() { return expiresAt; }
        @Override public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
        @Override public String getParentId() { return parentId; }
        @Override public void setParentId(String parentId) { this.parentId = parentId; }
    }
}
