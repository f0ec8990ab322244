package io.keycloakiot.support;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A scripted browser for Keycloak's own HTML pages: keeps cookies, follows redirects, fills and submits forms.
 * Enough to sign in, approve a device on the stock device-grant verification page, and grant an app consent.
 */
public final class Browser {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

    private final LocalhostCookieJar cookies = new LocalhostCookieJar();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    /** For the last step of an OAuth flow, whose redirect goes to an app that is not running. */
    private final HttpClient stayingHttp = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** A page as the browser shows it: where it came from (after redirects) and its HTML. */
    public record Page(URI uri, String html) {
    }

    public Page open(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** Submits the first form of the page with the given fields; returns the next page. */
    public Page submit(Page page, Map<String, String> fields) {
        return send(formPost(page, fields));
    }

    /** Submits the first form and returns where the answer redirects to, without going there. */
    public URI submitForRedirect(Page page, Map<String, String> fields) {
        try {
            HttpResponse<String> response = stayingHttp.send(formPost(page, fields).build(), HttpResponse.BodyHandlers.ofString());
            return URI.create(response.headers().firstValue("Location")
                    .orElseThrow(() -> new AssertionError("no redirect from " + page.uri() + ": " + response.statusCode())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder formPost(Page page, Map<String, String> fields) {
        Matcher action = FORM_ACTION.matcher(page.html());
        if (!action.find()) {
            throw new AssertionError("no form on " + page.uri() + ": " + page.html().replaceAll("(?s)<head>.*</head>", ""));
        }
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(page.uri().resolve(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /**
     * Keeps every cookie by name and sends them all back. Keycloak marks its login cookies {@code Secure}, which
     * Java's CookieManager then withholds over plain http; browsers treat localhost as secure and send them.
     */
    private static final class LocalhostCookieJar extends CookieHandler {
        private final Map<String, String> cookies = new ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            String header = cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
            return Map.of("Cookie", List.of(header));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if ("set-cookie".equalsIgnoreCase(name)) {
                    for (String value : values) {
                        String pair = value.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        if (eq > 0) {
                            cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                        }
                    }
                }
            });
        }
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.setHeader("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            return new Page(response.uri(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
