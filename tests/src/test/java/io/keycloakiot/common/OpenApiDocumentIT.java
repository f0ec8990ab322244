package io.keycloakiot.common;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keycloakiot.support.ApiContract;
import io.keycloakiot.support.IotApi;
import io.keycloakiot.support.TestServer;
import io.keycloakiot.support.IotApi.Reply;
import io.keycloakiot.support.IotServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The API serves its own OpenAPI contract, publicly, as the build generated it. */
@KeycloakIntegrationTest(config = IotServerConfig.class)
class OpenApiDocumentIT {

    @InjectRealm(fromJson = "/iot-realm.json")
    ManagedRealm realm;

    @Test
    void anyoneGetsTheContractTheBuildMadeWithThisServerAsItsServer() {
        Reply reply = IotApi.self("GET", "/openapi.json", null, null).expect(200);
        assertEquals("application/json", reply.contentType());
        assertEquals(List.of(), ApiContract.openApiProblems(reply.raw().body()));

        ObjectNode served = reply.json().deepCopy();
        assertEquals(TestServer.baseUrl(), served.path("servers").path(0).path("url").asText(), "the server answering");
        served.remove("servers");
        assertEquals(ApiContract.document(), served, "the document of the providers jar");
    }
}
