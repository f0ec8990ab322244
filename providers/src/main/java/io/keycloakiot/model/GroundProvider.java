package io.keycloakiot.model;

import java.util.List;

import io.keycloakiot.common.Page;
import org.keycloak.models.RealmModel;

/** The grounds of the realms and their device memberships. */
public interface GroundProvider extends org.keycloak.provider.Provider, ReachableResources {

    GroundModel getGround(RealmModel realm, String id);

    GroundModel addGround(RealmModel realm, String ownerId, String name, String description);

    /** Grounds of the realm, narrowed to an owner, a name search and the grounds a device is in (each null = any). */
    List<GroundModel> searchGrounds(RealmModel realm, String ownerId, String search, String deviceId, Page page);

    /** Gives the ground to another owner: its devices (the former owner's) leave it, its shares end, its tokens are revoked. */
    void transfer(RealmModel realm, GroundModel ground, String newOwnerId);

    /** Deletes the ground with its memberships, shares and tokens; its devices stay. */
    void removeGround(RealmModel realm, GroundModel ground);

    /** Adds the device to the ground; false when it already was a member. */
    boolean addMember(GroundModel ground, DeviceModel device);

    /** Removes the device from the ground; false when it was not a member. */
    boolean removeMember(GroundModel ground, DeviceModel device);

    /** Is the device in the ground and enabled: what a ground token reaches now. */
    boolean hasEnabledMember(String groundId, String deviceId);

    /** The enabled devices of a ground, in the order they joined it. */
    List<String> enabledMemberIds(String groundId, Page page);
}
