package io.keycloakiot.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** A real start, as a platform team's test does it; skipped (and reported so) where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class KeycloakIotContainerStartTest {

    @Container
    static final KeycloakIotContainer KEYCLOAK = new KeycloakIotContainer().withIotRealm("iot-realm.json");

    @Test
    void servesThePacksApiContractInTheImportedRealm() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(KEYCLOAK.getAuthServerUrl() + "/realms/iot/iot/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"openapi\" : \"3.0.3\"") || response.body().contains("\"openapi\":\"3.0.3\""),
                response.body());
    }
}
