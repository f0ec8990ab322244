package io.keycloakiot.support;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server configuration of the suite: the real Keycloak 26.7.3 distribution with the providers jar
 * built by this reactor and the test-only providers of this module's {@code src/main} (a user storage without
 * import, for federated users). Every test class names it, so one server start serves the whole run.
 */
public class IotServerConfig implements KeycloakServerConfig {

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return config.dependency("io.keycloakiot", "keycloak-iot-providers")
                .dependencyCurrentProject()
                // Keycloak's /metrics on the management port: tests read the pack's validation counters there.
                .option("metrics-enabled", "true")
                // Write tokens' last use behind every second, so the tests see several flushes.
                .spiOption("jpa-entity-provider", "iot", "last-use-flush-seconds", "1")
                // Sweep expired shares every second, so the tests see the expiry event soon.
                .spiOption("jpa-entity-provider", "iot", "share-expiry-sweep-seconds", "1");
    }
}
