package io.keycloakiot.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two Keycloak nodes, one cluster, one database: a token validated (and so cached) on node B must be inactive
 * on node B the moment it is revoked or its device disabled through node A. Only the cluster invalidation can
 * make that true, since node B's cache would otherwise still hold the token. Started by cluster-check.sh.
 */
public final class ClusterCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ClusterCheck() {
    }

    public static void main(String[] args) throws Exception {
        String nodeA = args[0];
        String nodeB = args[1];
        String alice = json(send(nodeA + "/realms/iot/protocol/openid-connect/token", null, "application/x-www-form-urlencoded",
                "POST", "grant_type=password&client_id=iot-cli&username=alice&password=alice")).get("access_token").asText();
        String device = json(send(nodeA + "/realms/iot/iot/devices", alice, "application/json", "POST",
                "{\"name\":\"Cluster probe\",\"type\":\"probe\"}")).get("id").asText();
        int passed = 0;
        int failed = 0;

        JsonNode revoked = json(send(nodeA + "/realms/iot/iot/devices/" + device + "/tokens", alice, "application/json", "POST",
                "{\"name\":\"revoked on A\"}"));
        String token = revoked.get("token").asText();
        boolean before = active(nodeB, token);
        send(nodeA + "/realms/iot/iot/devices/" + device + "/tokens/" + revoked.get("id").asText(), alice, null, "DELETE", null);
        boolean after = active(nodeB, token);
        if (before && !after) {
            passed++;
            System.out.println("PASS revoked on node A, inactive on node B at once");
        } else {
            failed++;
            System.out.println("FAIL revoked on node A: node B answered active=" + after + " (before: " + before + ")");
        }

        String second = json(send(nodeA + "/realms/iot/iot/devices/" + device + "/tokens", alice, "application/json", "POST",
                "{\"name\":\"device disabled on B\"}")).get("token").asText();
        boolean activeOnA = active(nodeA, second);
        send(nodeB + "/realms/iot/iot/devices/" + device, alice, "application/json", "PUT", "{\"enabled\":false}");
        boolean afterDisable = active(nodeA, second);
        if (activeOnA && !afterDisable) {
            passed++;
            System.out.println("PASS device disabled on node B, its token inactive on node A at once");
        } else {
            failed++;
            System.out.println("FAIL device disabled on node B: node A answered active=" + afterDisable + " (before: " + activeOnA + ")");
        }
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    private static boolean active(String node, String token) throws Exception {
        String basic = Base64.getEncoder().encodeToString("iot-api:iot-api-secret".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(node + "/realms/iot/protocol/openid-connect/token/introspect"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build();
        return json(HTTP.send(request, HttpResponse.BodyHandlers.ofString())).get("active").asBoolean();
    }

    private static HttpResponse<String> send(String url, String bearer, String contentType, String method, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
