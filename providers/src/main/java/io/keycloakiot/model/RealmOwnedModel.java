package io.keycloakiot.model;

/** A device or ground: of one realm, named, with an owner (a user id, or null for the realm's fleet). */
public interface RealmOwnedModel {

    /** Ids are UUIDs; a longer id names nothing and is answered without a query. */
    int ID_MAX = 36;

    String getId();

    String getRealmId();

    String getOwnerId();

    String getName();
}
