package io.keycloakiot.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A closed-loop load generator: a fixed number of workers, each sending its next request as soon as the last
 * one answered, over one shared keep-alive HTTP/1.1 client. Every scenario, stock or pack, runs through it
 * with the same settings, so the ratios compare like with like.
 */
final class LoadRunner {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final int workers;
    private final Duration warmup;
    private final Duration measure;

    LoadRunner(int workers, Duration warmup, Duration measure) {
        this.workers = workers;
        this.warmup = warmup;
        this.measure = measure;
    }

    /** The figures of one scenario. */
    record Result(String name, long requests, long failures, double throughput, double p50Ms, double p99Ms) {
    }

    /** A form POST; {@code body} gets a fresh request number so scenarios can vary their input. */
    static HttpRequest formPost(URI uri, String basicAuth, String body) {
        return post(uri, basicAuth, "application/x-www-form-urlencoded", body);
    }

    /** A JSON POST (the authorization check API). */
    static HttpRequest jsonPost(URI uri, String basicAuth, String json) {
        return post(uri, basicAuth, "application/json", json);
    }

    private static HttpRequest post(URI uri, String basicAuth, String contentType, String body) {
        return send("POST", uri, basicAuth == null ? null : "Basic " + basicAuth, contentType, body);
    }

    /** A JSON request with a bearer token (the self-service and admin APIs). */
    static HttpRequest bearerJson(String method, URI uri, String bearer, String json) {
        return send(method, uri, "Bearer " + bearer, "application/json", json);
    }

    private static HttpRequest send(String method, URI uri, String authorization, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    /**
     * Runs the scenario: warm-up (discarded), then the measured window. A response counts as a failure unless
     * {@code expect} (matched against the body) is found in it with status 200. The warm-up's failures are not
     * counted.
     */
    Result run(String name, IntFunction<HttpRequest> requests, String expect) throws InterruptedException {
        return run(name, requests, expect, measure);
    }

    /** As {@link #run(String, IntFunction, String)}, with a measured window of the given length. */
    Result run(String name, IntFunction<HttpRequest> requests, String expect, Duration measure) throws InterruptedException {
        return run(name, requests, 200, expect, measure);
    }

    /** As {@link #run(String, IntFunction, String, Duration)}, a response counting only with status {@code expectStatus}. */
    Result run(String name, IntFunction<HttpRequest> requests, int expectStatus, String expect, Duration measure)
            throws InterruptedException {
        if (!warmup.isZero()) {
            runPhase(requests, expectStatus, expect, warmup, new long[workers][]);
        }
        long[][] latencies = new long[workers][];
        long[] counts = runPhase(requests, expectStatus, expect, measure, latencies);
        long total = 0;
        int size = 0;
        for (int w = 0; w < workers; w++) {
            total += counts[w];
            size += (int) Math.min(counts[w], latencies[w].length);
        }
        long failures = counts[workers];
        long[] all = new long[size];
        int at = 0;
        for (int w = 0; w < workers; w++) {
            int n = (int) Math.min(counts[w], latencies[w].length);
            System.arraycopy(latencies[w], 0, all, at, n);
            at += n;
        }
        Arrays.sort(all);
        return new Result(name, total, failures, total / (measure.toNanos() / 1e9),
                percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6);
    }

    /**
     * Sends each of {@code count} requests once, spread over the workers: brings every seeded token into use
     * once, as devices that report regularly keep them, before anything is measured.
     */
    void sweep(int count, IntFunction<HttpRequest> requests) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            threads[w] = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try {
                        http.send(requests.apply(i), HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        // a sweep only warms; the measured runs count failures
                    }
                }
            }, "sweep-" + w);
            threads[w].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Returns per-worker request counts, and the failure count in the last slot. */
    private long[] runPhase(IntFunction<HttpRequest> requests, int expectStatus, String expect, Duration length,
                            long[][] latencies) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        long[] counts = new long[workers + 1];
        long[] failures = new long[workers];
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            int worker = w;
            latencies[w] = new long[1 << 20];
            threads[w] = new Thread(() -> {
                int sequence = worker;
                while (!stop.get()) {
                    HttpRequest request = requests.apply(sequence);
                    sequence += workers;
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != expectStatus || !response.body().contains(expect)) {
                            failures[worker]++;
                        }
                    } catch (Exception e) {
                        failures[worker]++;
                    }
                    long n = counts[worker]++;
                    if (n < latencies[worker].length) {
                        latencies[worker][(int) n] = System.nanoTime() - start;
                    }
                }
            }, "load-" + w);
            threads[w].start();
        }
        Thread.sleep(length.toMillis()); // the length of the measurement window, not synchronisation
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        counts[workers] = Arrays.stream(failures).sum();
        return counts;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
