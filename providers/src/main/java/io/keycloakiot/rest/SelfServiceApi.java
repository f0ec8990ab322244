package io.keycloakiot.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.keycloakiot.check.CheckResource;
import io.keycloakiot.device.DeviceResource;
import io.keycloakiot.ground.GroundResource;
import io.keycloakiot.onboarding.OnboardingResource;
import io.keycloakiot.settings.CatalogueResource;
import io.keycloakiot.share.IncomingShareResource;
import io.keycloakiot.model.TokenKind;
import io.keycloakiot.token.TokenResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/iot}: the signed-in user's devices, grounds, tokens and shares, and the check API. Every
 * user route takes only tokens issued for it ({@link UserCaller}); the check API authenticates clients.
 */
public class SelfServiceApi {

    static final String OPENAPI = "openapi.json";

    private final KeycloakSession session;

    SelfServiceApi(KeycloakSession session) {
        this.session = session;
    }

    @Path("devices")
    public DeviceResource devices() {
        return new DeviceResource(UserCaller.authenticate(session));
    }

    @Path("onboarding")
    public OnboardingResource onboarding() {
        return new OnboardingResource(UserCaller.authenticateForOnboarding(session));
    }

    @Path("grounds")
    public GroundResource grounds() {
        return new GroundResource(UserCaller.authenticate(session));
    }

    /** The signed-in user's access-token profiles. */
    @Path("tokens")
    public TokenResource tokens() {
        UserCaller caller = UserCaller.authenticate(session);
        return new TokenResource(caller, TokenKind.PROFILE, caller.userId(), "iot/tokens");
    }

    /** Shares received: invitations to answer, accepted shares to leave. */
    @Path("shares")
    public IncomingShareResource shares() {
        UserCaller caller = UserCaller.authenticate(session);
        return new IncomingShareResource(caller, caller.user());
    }

    /** The permission catalogue and profile-token policies, read-only. */
    @Path("catalogue")
    public CatalogueResource catalogue() {
        return new CatalogueResource(UserCaller.authenticate(session), false);
    }

    /** The authorization check for resource servers (client-authenticated, not a user's API). */
    @Path("authz")
    public CheckResource authz() {
        return new CheckResource(session);
    }

    /** The contract of both APIs, public like a realm's OpenID configuration: it describes the API, not the realm's data. */
    @GET
    @Path(OPENAPI)
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Contract")
    @Operation(summary = "The OpenAPI document of the self-service and admin APIs",
            description = "The document the build generated from the resources, with this server as its server. No token needed.")
    @APIResponse(responseCode = "200", description = "An OpenAPI 3 document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public ObjectNode openApi() {
        return OpenApiDocument.servedBy(session.getContext().getUri().getBaseUri());
    }
}
