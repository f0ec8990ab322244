package io.keycloakiot.rest;

import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.settings.CatalogueResource;
import io.keycloakiot.settings.SettingsResource;
import io.keycloakiot.share.AdminShareResource;
import io.keycloakiot.model.TokenKind;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.models.UserModel;
import io.keycloakiot.device.DeviceAdminResource;
import io.keycloakiot.ground.GroundResource;
import io.keycloakiot.model.TokenProvider;
import io.keycloakiot.token.TokenResource;
import org.keycloak.events.admin.OperationType;

/** {@code /admin/realms/{realm}/iot}: every device, ground, token and share of the realm, the catalogue and the policies, for its administrators. */
public class AdminApi {

    private final RealmAdminCaller caller;

    AdminApi(RealmAdminCaller caller) {
        this.caller = caller;
    }

    @Path("devices")
    public DeviceAdminResource devices() {
        return new DeviceAdminResource(caller);
    }

    @Path("grounds")
    public GroundResource grounds() {
        return new GroundResource(caller);
    }

    /** A user's access-token profiles (for a service integration: its client's service-account user). */
    @Path("users/{user}/tokens")
    public TokenResource userTokens(@Parameter(description = "A user id or username") @PathParam("user") String user) {
        UserModel found = caller.findUser(user);
        if (found == null) {
            throw ApiError.notFound("user");
        }
        return new TokenResource(caller.forUser(found), TokenKind.PROFILE, found.getId(), "iot/users/" + found.getId() + "/tokens");
    }

    /** Every share of the realm, filtered (revoking one goes through its device's or ground's shares). */
    @Path("shares")
    public AdminShareResource shares() {
        return new AdminShareResource(caller);
    }

    @Path("catalogue")
    public CatalogueResource catalogue() {
        return new CatalogueResource(caller, true);
    }

    @Path("settings")
    public SettingsResource settings() {
        return new SettingsResource(caller);
    }

    /**
     * Revokes every token of one user (a user id or username), e.g. after a breach: the device and ground tokens of
     * everything they own and their access-token profiles. Answers how many in all and of each kind.
     */
    @DELETE
    @Path("owners/{owner}/tokens")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Tokens")
    @Operation(summary = "Revoke every token of a user", description = "The device and ground tokens of everything they own and"
            + " their access-token profiles, e.g. after a breach. 400: no such user.")
    @APIResponse(responseCode = "200", description = "How many in all and of each kind",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OwnerTokensRevoked")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Map<String, Integer> revokeOwnerTokens(@Parameter(description = "A user id or username") @PathParam("owner") String owner) {
        caller.requireWrite();
        UserModel found = caller.findUser(owner);
        if (found == null) {
            throw ApiError.badRequest("'owner' is not a user of this realm");
        }
        // The profile tokens are the user's credentials.
        caller.requireManage(found);
        TokenProvider.OwnerRevocation revoked = caller.session().getProvider(TokenProvider.class).revokeAllOfOwner(caller.realm(), found.getId());
        Map<String, Integer> answer = Map.of("revoked", revoked.total(), "device", revoked.device(), "ground", revoked.ground(),
                "profile", revoked.profile());
        caller.audit(TokenResource.AUDIT_TYPE, OperationType.DELETE, answer, "iot/owners/" + found.getId() + "/tokens");
        return answer;
    }
}
