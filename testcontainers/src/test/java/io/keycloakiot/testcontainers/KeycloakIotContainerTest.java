package io.keycloakiot.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/** The container's configuration, read before any start: none of these need a Docker engine. */
class KeycloakIotContainerTest {

    @Test
    void runsKeycloak2673ByDefault() {
        try (KeycloakIotContainer keycloak = new KeycloakIotContainer()) {
            // The image's future is resolved only at start (a pull); its name is readable before.
            assertTrue(keycloak.getImage().toString().contains("imageName=quay.io/keycloak/keycloak:26.7.3"),
                    keycloak.getImage().toString());
        }
    }

    @Test
    void findsTheProvidersJarOnTheClasspath() {
        Path jar = KeycloakIotContainer.findProvidersJar();
        assertTrue(jar.getFileName().toString().matches("keycloak-iot-providers-.+\\.jar"), jar.toString());
        assertTrue(Files.isRegularFile(jar), jar.toString());
    }

    @Test
    void copiesTheProvidersJarIntoKeycloaksProvidersFolder() {
        try (KeycloakIotContainer keycloak = new KeycloakIotContainer()) {
            keycloak.configure();
            Path jar = KeycloakIotContainer.findProvidersJar();
            assertEquals("/opt/keycloak/providers/" + jar.getFileName(), copiedFrom(keycloak, jar));
        }
    }

    @Test
    void takesTheProvidersJarNamedByTheSystemProperty(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("keycloak-iot-providers-9.9.9.jar"));
        System.setProperty(KeycloakIotContainer.PROVIDERS_JAR_PROPERTY, jar.toString());
        try {
            assertEquals(jar, KeycloakIotContainer.findProvidersJar());
        } finally {
            System.clearProperty(KeycloakIotContainer.PROVIDERS_JAR_PROPERTY);
        }
    }

    @Test
    void refusesAProvidersJarThatIsNotThere(@TempDir Path dir) {
        Path missing = dir.resolve("keycloak-iot-providers-0.jar");
        assertThrows(IllegalArgumentException.class, () -> new KeycloakIotContainer(missing));
    }

    @Test
    void importsTheIotRealmAtStart() {
        try (KeycloakIotContainer keycloak = new KeycloakIotContainer().withIotRealm("iot-realm.json")) {
            keycloak.configure();
            assertTrue(List.of(keycloak.getCommandParts()).contains("--import-realm"));
            assertTrue(keycloak.getCopyToFileContainerPathMap().containsValue("/opt/keycloak/data/import/iot-realm.json"),
                    keycloak.getCopyToFileContainerPathMap().toString());
        }
    }

    @Test
    void runsWithHealthAndMetricsLikeThePacksImage() {
        try (KeycloakIotContainer keycloak = new KeycloakIotContainer()) {
            keycloak.configure();
            assertEquals("true", keycloak.getEnvMap().get("KC_HEALTH_ENABLED"));
            assertEquals("true", keycloak.getEnvMap().get("KC_METRICS_ENABLED"));
            assertEquals("start-dev", keycloak.getCommandParts()[0]);
        }
    }

    @Test
    void passesFeaturesOnToKeycloak() {
        try (KeycloakIotContainer keycloak = new KeycloakIotContainer()) {
            keycloak.withFeaturesEnabled("declarative-ui");
            keycloak.configure();
            assertEquals("declarative-ui", keycloak.getEnvMap().get("KC_FEATURES"));
        }
    }

    @Test
    void exposesTheHttpAndManagementPorts() {
        try (KeycloakIotContainer keycloak = new KeycloakIotContainer()) {
            assertTrue(keycloak.getExposedPorts().containsAll(List.of(8080, 9000)), keycloak.getExposedPorts().toString());
        }
    }

    @Test
    void runsAnotherImageWhenAskedTo(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("keycloak-iot-providers-1.jar"));
        DockerImageName mirror = DockerImageName.parse("registry.example.com/keycloak/keycloak:26.7.3");
        try (KeycloakIotContainer keycloak = new KeycloakIotContainer(mirror, jar)) {
            keycloak.configure();
            assertTrue(keycloak.getImage().toString().contains("imageName=" + mirror.asCanonicalNameString()));
            assertEquals("/opt/keycloak/providers/keycloak-iot-providers-1.jar", copiedFrom(keycloak, jar));
        }
    }

    private static String copiedFrom(KeycloakIotContainer keycloak, Path hostFile) {
        String resolved = MountableFile.forHostPath(hostFile).getResolvedPath();
        return keycloak.getCopyToFileContainerPathMap().entrySet().stream()
                .filter(e -> e.getKey().getResolvedPath().equals(resolved))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
