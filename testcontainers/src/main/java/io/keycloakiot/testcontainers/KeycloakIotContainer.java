package io.keycloakiot.testcontainers;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.DockerLoggerFactory;

/**
 * Keycloak 26.7.3 with the keycloak-iot pack, in a container, for a platform team's own tests.
 *
 * <p>The providers jar is copied to {@code /opt/keycloak/providers/}; the server runs in development mode, which
 * builds it in at start as {@code kc.sh build} does in the pack's image, with health and metrics on like that
 * image (the pack's counters are on {@code /metrics} of the management port).
 *
 * <p>Without a jar given, it is found as {@link #PROVIDERS_JAR_PROPERTY} names it, else on the classpath (this
 * module brings {@code keycloak-iot-providers} as a runtime dependency).
 */
public class KeycloakIotContainer extends KeycloakContainer {

    /** The Keycloak the pack is built and tested for. */
    public static final DockerImageName IMAGE = DockerImageName.parse("quay.io/keycloak/keycloak:26.7.3");

    /** A system property naming the providers jar, for a jar other than the one on the classpath. */
    public static final String PROVIDERS_JAR_PROPERTY = "keycloakiot.providers.jar";

    /** Only the pack's jar holds its API contract, so the resource tells which classpath entry is the jar. */
    private static final String PACK_RESOURCE = "META-INF/keycloak-iot/openapi.json";

    /** A start builds the pack into the server first, which takes longer than dasniko's default of two minutes. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);

    /** The pack's Keycloak, with the providers jar found as the class comment says. */
    public KeycloakIotContainer() {
        this(findProvidersJar());
    }

    /** The pack's Keycloak with the given providers jar. */
    public KeycloakIotContainer(Path providersJar) {
        this(IMAGE, providersJar);
    }

    /** Another Keycloak image (a 26.7 patch release, a mirror) with the given providers jar. */
    public KeycloakIotContainer(DockerImageName image, Path providersJar) {
        super(image.asCanonicalNameString());
        if (!Files.isRegularFile(providersJar)) {
            throw new IllegalArgumentException("no keycloak-iot providers jar at " + providersJar);
        }
        withProviderLibsFrom(List.of(providersJar.toFile()));
        withEnabledMetrics();
        withStartupTimeout(STARTUP_TIMEOUT);
    }

    /**
     * Imports a realm at start, from a classpath resource such as {@code iot-realm.json} (the pack's
     * {@code realm-config/iot-realm.json} is an example of one).
     */
    public KeycloakIotContainer withIotRealm(String realmJsonClasspathResource) {
        withRealmImportFile(realmJsonClasspathResource);
        return this;
    }

    /** Reachable here so the configuration can be checked before a start, without a Docker engine. */
    @Override
    protected void configure() {
        super.configure();
    }

    /**
     * Testcontainers names a container's logger after its resolved image, and resolving asks the Docker engine
     * whether to pull; dasniko's constructor asks for the logger, so without this no container could even be
     * built (nor its configuration checked) where no engine runs.
     */
    @Override
    protected Logger logger() {
        return DockerLoggerFactory.getLogger(KeycloakIotContainer.class.getSimpleName());
    }

    static Path findProvidersJar() {
        String named = System.getProperty(PROVIDERS_JAR_PROPERTY);
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        URL resource = KeycloakIotContainer.class.getClassLoader().getResource(PACK_RESOURCE);
        if (resource == null || !"jar".equals(resource.getProtocol())) {
            throw new IllegalStateException("no keycloak-iot-providers jar on the classpath: add the dependency "
                    + "io.keycloakiot:keycloak-iot-providers, set -D" + PROVIDERS_JAR_PROPERTY
                    + "=<path>, or pass the jar's path to the constructor");
        }
        // jar:file:/…/keycloak-iot-providers-<version>.jar!/META-INF/…
        String jarUrl = resource.getPath().substring(0, resource.getPath().indexOf("!/"));
        return Path.of(URI.create(jarUrl));
    }
}
