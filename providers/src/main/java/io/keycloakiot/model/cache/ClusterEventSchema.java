package io.keycloakiot.model.cache;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;

/** Registers the pack's cluster event with Infinispan (found through META-INF/services). */
@ProtoSchema(includeClasses = TokenCacheInvalidation.class, schemaPackageName = "keycloak.iot",
        schemaFileName = "keycloak-iot.proto", schemaFilePath = "proto/generated")
public interface ClusterEventSchema extends GeneratedSchema {
}
