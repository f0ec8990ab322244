package io.keycloakiot.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Plain HTTP against the running server, as any client of the pack would call it: the self-service API
 * under {@code /realms/iot/iot}, the admin API under {@code /admin/realms/iot/iot}, tokens from the realm's
 * token endpoint. Paths are resolved against the server the Keycloak test framework started ({@link TestServer}); every
 * answer of the pack's API must be one its OpenAPI contract describes ({@link ApiContract}).
 */
public final class IotApi {

    public static final String REALM = "iot";
    public static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private IotApi() {
    }

    /** The absolute URL of a path on the server under test, such as {@code url("/realms/iot")}. */
    public static String url(String path) {
        return TestServer.baseUrl() + path;
    }

    /** A response: status, headers and the body parsed as JSON when it is JSON. */
    public record Reply(int status, HttpResponse<String> raw, JsonNode json) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** Asserts the status and, for errors, the pack's error body shape. */
        public Reply expect(int expected) {
            assertEquals(expected, status, () -> "status of " + raw.request().method() + " " + raw.request().uri()
                    + ", body: " + raw.body());
            return this;
        }

        /** Asserts a 4xx with a JSON body that has {@code error} and {@code error_description}. */
        public Reply expectError(int expected, String error) {
            expect(expected);
            assertEquals("application/json", contentType(), "error content type");
            assertEquals(error, json.path("error").asText(), () -> "error code in " + raw.body());
            if (json.path("error_description").asText().isEmpty()) {
                throw new AssertionError("no error_description in " + raw.body());
            }
            return this;
        }

        public String contentType() {
            String type = header("Content-Type");
            return type == null ? null : type.split(";")[0].trim();
        }
    }

    /** Creates a device (type {@code sensor}) through the self-service API and returns its id. */
    public static String newDevice(String token, String name) {
        return self("POST", "/devices", token, Map.of("name", name, "type", "sensor")).expect(201).json().get("id").asText();
    }

    /** A password-grant token of {@code iot-cli} for a demo or test user, whose password follows {@link RealmUsers#password}. */
    public static String userToken(String username) {
        return userToken(username, RealmUsers.password(username));
    }

    public static String userToken(String username, String password) {
        Reply reply = form("/realms/" + REALM + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "iot-cli", "username", username, "password", password,
                "scope", "openid"));
        reply.expect(200);
        return reply.json().get("access_token").asText();
    }

    /** RFC 7662 introspection as the resource server {@code iot-api} does it; a null hint sends none. */
    public static JsonNode introspect(String token, String hint) {
        Map<String, String> fields = new HashMap<>();
        fields.put("token", token);
        if (hint != null) {
            fields.put("token_type_hint", hint);
        }
        return form("/realms/" + REALM + "/protocol/openid-connect/token/introspect", fields, "iot-api", "iot-api-secret")
                .expect(200).json();
    }

    /** The check API as the resource server {@code iot-api} calls it (HTTP Basic). */
    public static Reply authz(String operation, Object body) {
        return authzAs("iot-api", "iot-api-secret", operation, body);
    }

    /** The check API ({@code check}, {@code batch} or {@code list}) called by any client with HTTP Basic. */
    public static Reply authzAs(String clientId, String secret, String operation, Object body) {
        return authzAs(clientId, secret, operation, body, "application/json");
    }

    /** The check API with a body of any content type (a String body is sent as it is). */
    public static Reply authzAs(String clientId, String secret, String operation, Object body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/realms/" + REALM + "/iot/authz/" + operation)))
                .header("Content-Type", contentType)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : toJson(body)));
        return send(request);
    }

    /** One check: the decision's {@code allowed} and {@code reason}. */
    public static JsonNode check(String token, String type, String id, String action) {
        return authz("check", Map.of("token", token, "resource", Map.of("type", type, "id", id), "action", action))
                .expect(200).json();
    }

    /** A client-credentials access token of a confidential client. */
    public static String clientToken(String clientId, String secret) {
        return form("/realms/" + REALM + "/protocol/openid-connect/token", Map.of("grant_type", "client_credentials"),
                clientId, secret).expect(200).json().get("access_token").asText();
    }

    public static Reply form(String path, Map<String, String> fields) {
        return form(path, fields, null, null);
    }

    /** A form POST, authenticated with HTTP Basic when {@code user} is not null. */
    public static Reply form(String path, Map<String, String> fields, String user, String password) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    /** A self-service call: {@code path} is relative to {@code /realms/iot/iot}. */
    public static Reply self(String method, String path, String token, Object body) {
        return call(method, "/realms/" + REALM + "/iot" + path, token, body, "application/json");
    }

    /** An admin call: {@code path} is relative to {@code /admin/realms/iot/iot}. */
    public static Reply admin(String method, String path, String token, Object body) {
        return call(method, "/admin/realms/" + REALM + "/iot" + path, token, body, "application/json");
    }

    /**
     * Any call. A String body is sent as it is (so tests can send malformed JSON), anything else as JSON;
     * a null token sends no Authorization header.
     */
    public static Reply call(String method, String path, String token, Object body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body != null) {
            request.header("Content-Type", contentType);
            publisher = HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : toJson(body));
        }
        return send(request.method(method, publisher));
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            ApiContract.check(response);
            JsonNode json = MissingNode.getInstance();
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/json") && !response.body().isEmpty()) {
                json = JSON.readTree(response.body());
            }
            return new Reply(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
