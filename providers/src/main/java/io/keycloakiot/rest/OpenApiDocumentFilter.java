package io.keycloakiot.rest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Completes the OpenAPI document at build time (the SmallRye OpenAPI Maven plugin runs it) with what follows from
 * where Keycloak mounts the two APIs rather than from any one method: the {@code {realm}} path parameter, who
 * authenticates (by API), and the refusals every operation of an API can answer.
 */
public class OpenApiDocumentFilter implements OASFilter {

    public static final String SELF_BASE = "/realms/{realm}/iot";
    public static final String ADMIN_BASE = "/admin/realms/{realm}/iot";

    /** Security schemes (package-info). */
    public static final String USER = "userToken";
    public static final String ADMIN = "adminToken";
    public static final String CLIENT = "client";
    public static final String CLIENT_TOKEN = "clientToken";

    /** Component names (package-info). */
    public static final String ERROR = "Error";
    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";

    private static final String REALM = "realm";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addParameter(REALM, OASFactory.createParameter().name(REALM).in(Parameter.In.PATH)
                .required(true).description("The realm's name").schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        for (Map.Entry<String, PathItem> entry : openAPI.getPaths().getPathItems().entrySet()) {
            String path = entry.getKey();
            PathItem item = entry.getValue();
            item.addParameter(OASFactory.createParameter().ref(REALM));
            List<SecurityRequirement> security = security(path);
            // Every path parameter but the realm is an id, looked up in the caller's reach.
            boolean identifies = path.replace("{" + REALM + "}", "").contains("{");
            for (Operation operation : item.getOperations().values()) {
                // Any request may declare a body; the API's root refuses one that is not JSON (RequestContentType).
                respond(operation, "415", UNSUPPORTED_MEDIA_TYPE);
                if (security.isEmpty()) {
                    continue;
                }
                operation.setSecurity(security);
                respond(operation, "401", UNAUTHORIZED);
                respond(operation, "403", FORBIDDEN);
                if (identifies) {
                    // Keycloak refuses an id whose encoding it would normalise (an encoded '/' or '~') before the pack runs.
                    respond(operation, "400", BAD_REQUEST);
                    respond(operation, "404", NOT_FOUND);
                }
            }
            // Statuses in order, for readers of the document.
            item.getOperations().values().forEach(operation ->
                    operation.getResponses().setAPIResponses(new TreeMap<>(operation.getResponses().getAPIResponses())));
        }
    }

    /** Who may call: by API, the check API by client, the contract itself by anyone. */
    private static List<SecurityRequirement> security(String path) {
        if (path.startsWith(ADMIN_BASE + "/")) {
            return List.of(OASFactory.createSecurityRequirement().addScheme(ADMIN));
        }
        if (path.equals(SELF_BASE + "/" + SelfServiceApi.OPENAPI)) {
            return List.of();
        }
        if (path.startsWith(SELF_BASE + "/authz/")) {
            return List.of(OASFactory.createSecurityRequirement().addScheme(CLIENT),
                    OASFactory.createSecurityRequirement().addScheme(CLIENT_TOKEN));
        }
        return List.of(OASFactory.createSecurityRequirement().addScheme(USER));
    }

    /** Adds a shared response unless the operation documents that status itself. */
    private static void respond(Operation operation, String status, String response) {
        if (!operation.getResponses().hasAPIResponse(status)) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().ref(response));
        }
    }
}
