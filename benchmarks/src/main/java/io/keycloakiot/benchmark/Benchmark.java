package io.keycloakiot.benchmark;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Measures, against one running server and with one load generator: stock JWT introspection vs device-token
 * introspection, stock client-credentials grant vs device-token exchange, and device-token introspection at
 * 1,000 vs 100,000 devices. Prints a table with the ratios. Started by benchmarks/run.sh.
 */
public final class Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        String base = env("BENCH_BASE_URL", "http://localhost:18080");
        int small = Integer.parseInt(env("BENCH_SMALL_DEVICES", "1000"));
        int large = Integer.parseInt(env("BENCH_DEVICES", "100000"));
        LoadRunner load = new LoadRunner(Integer.parseInt(env("BENCH_WORKERS", "8")),
                Duration.ofSeconds(Long.parseLong(env("BENCH_WARMUP_SECONDS", "5"))),
                Duration.ofSeconds(Long.parseLong(env("BENCH_SECONDS", "20"))));

        String adminToken = token(base, "master", "grant_type=password&client_id=admin-cli&username=admin&password=admin");
        String realmId = get(base + "/admin/realms/iot", adminToken).get("id").asText();
        String aliceId = get(base + "/admin/realms/iot/users?username=alice&exact=true", adminToken).get(0).get("id").asText();
        Seeder seeder = new Seeder(env("BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/keycloak_iot_bench"),
                env("BENCH_DB_USER", "keycloak_iot"), env("BENCH_DB_PASSWORD", "keycloak_iot"), realmId, aliceId);

        URI introspect = URI.create(base + "/realms/iot/protocol/openid-connect/token/introspect");
        URI tokenEndpoint = URI.create(base + "/realms/iot/protocol/openid-connect/token");
        String apiAuth = basic("iot-api", "iot-api-secret");
        String backendAuth = basic("iot-backend", "iot-backend-secret");
        int rounds = Integer.parseInt(env("BENCH_ROUNDS", "2"));
        List<LoadRunner.Result> results = new ArrayList<>();

        seeder.seedUpTo(small);
        List<String> smallSet = List.copyOf(seeder.tokens());
        load.sweep(smallSet.size(), i -> LoadRunner.formPost(introspect, apiAuth, "token=" + smallSet.get(i)));
        LoadRunner warmUpLoad = new LoadRunner(Integer.parseInt(env("BENCH_WORKERS", "8")), Duration.ZERO,
                Duration.ofSeconds(Long.parseLong(env("BENCH_GLOBAL_WARMUP_SECONDS", "40"))));
        warmUp(warmUpLoad, base, introspect, tokenEndpoint, apiAuth, backendAuth, smallSet);

        // Every scenario runs in each round, in the same order; the last round is reported, so that no
        // scenario is measured on a colder server than another.
        LoadRunner.Result smallIntrospection = null;
        for (int round = 0; round < rounds; round++) {
            smallIntrospection = load.run("device-token introspection, " + small + " devices",
                    i -> LoadRunner.formPost(introspect, apiAuth, "token=" + smallSet.get(i % smallSet.size())), "\"active\":true");
        }
        results.add(smallIntrospection);

        seeder.seedUpTo(large);
        List<String> all = seeder.tokens();
        load.sweep(all.size(), i -> LoadRunner.formPost(introspect, apiAuth, "token=" + all.get(i)));
        List<LoadRunner.Result> round = List.of();
        for (int r = 0; r < rounds; r++) {
            String userJwt = token(base, "iot", "grant_type=password&client_id=iot-cli&username=alice&password=alice");
            round = List.of(
                    load.run("stock JWT introspection",
                            i -> LoadRunner.formPost(introspect, apiAuth, "token=" + userJwt), "\"active\":true"),
                    load.run("device-token introspection, " + large + " devices",
                            i -> LoadRunner.formPost(introspect, apiAuth, "token=" + all.get(i % all.size())), "\"active\":true"),
                    load.run("stock client-credentials grant",
                            i -> LoadRunner.formPost(tokenEndpoint, backendAuth, "grant_type=client_credentials"), "access_token"),
                    load.run("device-token exchange",
                            i -> LoadRunner.formPost(tokenEndpoint, apiAuth, "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                                    + "&subject_token_type=" + enc("urn:keycloak-iot:token-type:device-token")
                                    + "&subject_token=" + all.get(i % all.size())), "access_token"));
        }
        results.addAll(round);

        print(results, small, large);
    }

    /** Every code path once under load before anything is measured, so no scenario pays for JIT warm-up. */
    private static void warmUp(LoadRunner load, String base, URI introspect, URI tokenEndpoint, String apiAuth,
                               String backendAuth, List<String> tokens) throws Exception {
        String userJwt = token(base, "iot", "grant_type=password&client_id=iot-cli&username=alice&password=alice");
        load.run("warm-up", i -> switch (i % 4) {
            case 0 -> LoadRunner.formPost(introspect, apiAuth, "token=" + tokens.get(i % tokens.size()));
            case 1 -> LoadRunner.formPost(introspect, apiAuth, "token=" + userJwt);
            case 2 -> LoadRunner.formPost(tokenEndpoint, backendAuth, "grant_type=client_credentials");
            default -> LoadRunner.formPost(tokenEndpoint, apiAuth, "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                    + "&subject_token_type=" + enc("urn:keycloak-iot:token-type:device-token")
                    + "&subject_token=" + tokens.get(i % tokens.size()));
        }, "");
    }

    private static void print(List<LoadRunner.Result> r, int small, int large) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-45s %10s %9s %10s %9s %9s%n", "scenario", "requests", "failures", "req/s", "p50 ms", "p99 ms");
        for (LoadRunner.Result result : r) {
            System.out.printf(Locale.ROOT, "%-45s %10d %9d %10.1f %9.2f %9.2f%n", result.name(), result.requests(),
                    result.failures(), result.throughput(), result.p50Ms(), result.p99Ms());
        }
        LoadRunner.Result smallIntrospection = r.get(0);
        LoadRunner.Result stockIntrospection = r.get(1);
        LoadRunner.Result deviceIntrospection = r.get(2);
        LoadRunner.Result clientCredentials = r.get(3);
        LoadRunner.Result exchange = r.get(4);
        System.out.println();
        System.out.printf(Locale.ROOT, "ratio device-token / stock JWT introspection throughput: %.2fx (target >= 1.5x)%n",
                deviceIntrospection.throughput() / stockIntrospection.throughput());
        System.out.printf(Locale.ROOT, "ratio device-token exchange / stock client-credentials throughput: %.2fx (target >= 1.0x)%n",
                exchange.throughput() / clientCredentials.throughput());
        System.out.printf(Locale.ROOT, "ratio device-token introspection p99 at %d / at %d devices: %.2fx (target <= 1.2x)%n",
                large, small, deviceIntrospection.p99Ms() / smallIntrospection.p99Ms());
    }

    private static String token(String base, String realm, String form) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.statusCode());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static JsonNode get(String url, String bearer) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
