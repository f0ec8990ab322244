package io.keycloakiot.model;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.keycloakiot.common.Page;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/** The devices of the realms: every query and write of them, obtained with {@code session.getProvider(DeviceProvider.class)}. */
public interface DeviceProvider extends Provider, ReachableResources {

    /** The conflict of two devices of a realm with one externalId. */
    String DUPLICATE_EXTERNAL_ID = "another device of this realm has the same externalId (ignoring case)";

    /** The device with this id in the realm, or null. */
    DeviceModel getDevice(RealmModel realm, String id);

    /** The device of the realm with this external id (ignoring case), whoever owns it, or null. */
    DeviceModel getDeviceByExternalId(RealmModel realm, String externalId);

    /** Which of these external id keys ({@link DeviceModel#keyOf}) some device of the realm already has. */
    Set<String> takenExternalIdKeys(RealmModel realm, Collection<String> keys);

    /** A new device, created now; its externalId, attributes and flags are set on the model before {@link #flush}. */
    DeviceModel addDevice(RealmModel realm, String ownerId, String name, String type);

    /** Enables or disables the device; its tokens' cached validations go stale on every node when it changes. */
    void setEnabled(RealmModel realm, DeviceModel device, boolean enabled);

    /** Devices of the realm, filtered, ordered by creation. */
    List<DeviceModel> searchDevices(RealmModel realm, DeviceFilter filter, Page page);

    /**
     * A user's list: their own devices and, by {@code relation}, those a live share gives them (of the device or of a
     * ground it is in), filtered, in the order of {@link #searchDevices}.
     */
    List<DeviceModel> visibleDevices(RealmModel realm, String userId, DeviceFilter.Relation relation, DeviceFilter filter, Page page);

    /**
     * Re-reads a fleet device under a row lock until the transaction ends, so that two claims of it are decided one
     * after the other on every node.
     */
    void lockForClaim(DeviceModel device);

    /**
     * Gives the device to another owner (null = the realm's fleet): it leaves its grounds, its shares end and the
     * tokens issued for it are revoked, so a new owner never inherits what is out in the field. A claim secret ends too.
     */
    void transfer(RealmModel realm, DeviceModel device, String newOwnerId);

    /** Deletes the device with its memberships, shares and tokens. */
    void removeDevice(RealmModel realm, DeviceModel device);

    /** Writes pending changes now; a concurrent duplicate externalId is a 409 (the unique index settles the race). */
    void flush();
}
