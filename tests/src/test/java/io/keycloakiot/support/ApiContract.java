package io.keycloakiot.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The pack's OpenAPI contract as the build generated it into the providers jar, and the check that every answer of
 * the pack's API keeps to it: for the request's route, its status is one the contract lists, with the content type
 * and body schema it gives (Atlassian's swagger-request-validator; a property the schema does not name is an error).
 * Only the pack's own paths are checked, and of them only routes the contract has: a request to no route (a fuzzed
 * path, an unknown method) gets JAX-RS's answer, not the pack's. {@code ApiContractTest} shows that every route of the
 * resources is in the contract.
 */
public final class ApiContract {

    /** Where the build puts the document in the providers jar (providers/pom.xml). */
    public static final String RESOURCE = "/META-INF/keycloak-iot/openapi.json";

    private static final Pattern PACK_PATH = Pattern.compile("/(admin/)?realms/[^/]+/iot(/.*)?");
    /** The request matched no route of the contract: not the pack's answer, so not checked. */
    private static final Set<String> NO_ROUTE = Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private static final String TEXT = read();
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator.createForInlineApiSpecification(TEXT)
            // allOf (a device with its claim secret) merged into one schema, so no part's properties count as unknown to the other
            .withResolveCombinators(true)
            .build();

    private ApiContract() {
    }

    /** The document, as the build wrote it. */
    public static JsonNode document() {
        try {
            return IotApi.JSON.readTree(TEXT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text() {
        return TEXT;
    }

    /** What a parser of OpenAPI 3 finds wrong with a document (swagger-parser, references resolved); empty when valid. */
    public static List<String> openApiProblems(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        if (result.getOpenAPI() == null || result.getOpenAPI().getOpenapi() == null || !result.getOpenAPI().getOpenapi().startsWith("3.")) {
            return List.of("not an OpenAPI 3 document: " + result.getMessages());
        }
        return result.getMessages();
    }

    /** Fails unless the answer is one the contract describes (or is not the pack's, see the class comment). */
    public static void check(HttpResponse<String> response) {
        List<String> violations = violations(response);
        if (!violations.isEmpty()) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " " + response.body() + ", which the OpenAPI contract does not describe:\n  "
                    + String.join("\n  ", violations));
        }
    }

    /** What in the answer the contract does not describe; empty when it keeps to it. */
    public static List<String> violations(HttpResponse<String> response) {
        return violations(response.request().method(), response.request().uri().getRawPath(), response.statusCode(),
                response.headers().map(), response.body());
    }

    static List<String> violations(String method, String path, int status, Map<String, List<String>> headers, String body) {
        if (!PACK_PATH.matcher(path).matches()) {
            return List.of();
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(status).withBody(body);
        headers.forEach(answer::withHeader);
        ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.valueOf(method), answer.build());
        if (report.getMessages().stream().anyMatch(message -> NO_ROUTE.contains(message.getKey()))) {
            return List.of();
        }
        return report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> message.getKey() + ": " + message.getMessage()).toList();
    }

    private static String read() {
        try (InputStream in = ApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath: build the providers module first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
