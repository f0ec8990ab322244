package io.keycloakiot.support;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server configuration of the suite: the real Keycloak 26.7.3 distribution with the providers jar
 * built by this reactor and the test-only providers of this module's {@code src/main} (a user storage without
 * import, for federated users). Every test class names it, so one server start serves the whole run.
 */
public class IotServerConfig implements KeycloakServerConfig {

    /** A day: the timer never runs the pack's tasks by itself during a run; tests run them ({@link ServerTimer}). */
    private static final String RARELY = "86400";

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return config.dependency("io.keycloakiot", "keycloak-iot-providers")
                .dependencyCurrentProject()
                // Keycloak's /metrics on the management port: tests read the pack's validation counters there.
                .option("metrics-enabled", "true")
                // The write-behind of tokens' last use and the share expiry sweep run when a test says, so what a
                // test sees before and after them does not depend on the timer's moment.
                .spiOption("jpa-entity-provider", "iot", "last-use-flush-seconds", RARELY)
                .spiOption("jpa-entity-provider", "iot", "share-expiry-sweep-seconds", RARELY);
    }
}
