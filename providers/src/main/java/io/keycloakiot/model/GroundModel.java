package io.keycloakiot.model;

/** A named group of devices of one owner. Its owner changes only through {@link GroundProvider#transfer}. */
public interface GroundModel extends RealmOwnedModel {

    String getName();

    void setName(String name);

    String getDescription();

    void setDescription(String description);

    long getCreatedAt();
}
