package io.keycloakiot.model.cache;

import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.keycloak.cluster.ClusterEvent;

/**
 * Sent to every node after a commit that changed what a token validation would answer, for one key: a token's key
 * id, or the id of a device, ground or owner whose tokens all changed, or the realm's id; without a key, every token
 * of the realm.
 */
public class TokenCacheInvalidation implements ClusterEvent {

    private final String realmId;
    private final String keyId;

    @ProtoFactory
    public TokenCacheInvalidation(String realmId, String keyId) {
        this.realmId = realmId;
        this.keyId = keyId;
    }

    @ProtoField(1)
    public String getRealmId() {
        return realmId;
    }

    @ProtoField(2)
    public String getKeyId() {
        return keyId;
    }
}
