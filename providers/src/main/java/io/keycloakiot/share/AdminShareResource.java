package io.keycloakiot.share;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.ApiScope;
import io.keycloakiot.authz.Caller;
import io.keycloakiot.common.Owners;
import io.keycloakiot.common.Page;
import io.keycloakiot.model.RealmOwnedModel;
import io.keycloakiot.model.ShareProvider;
import io.keycloakiot.model.ShareStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.common.util.Time;

/**
 * {@code /admin/realms/{realm}/iot/shares}: every share of the realm for its administrators, filtered. A share is
 * revoked through its device's or ground's {@code .../shares/{id}}, which the owner uses too.
 */
@Tag(name = "Shares")
public class AdminShareResource {

    private final Caller caller;

    public AdminShareResource(Caller caller) {
        this.caller = caller;
    }

    /**
     * Newest first. {@code status} as the shares show it ({@code EXPIRED} includes those past their expiry that the
     * sweep has not marked yet), {@code owner} a user id or username, {@code email} part of the invited address,
     * {@code resource} a device or ground id.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the realm's shares", description = "Newest first. A share is revoked through its device's or"
            + " ground's shares.")
    @APIResponse(responseCode = "200", description = "A page of shares",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ShareRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public List<ShareRepresentation> list(@Parameter(ref = "first") @QueryParam("first") String first,
                                          @Parameter(ref = "max") @QueryParam("max") String max,
                                          @Parameter(description = "Only shares with this status as they show it (`EXPIRED` also"
                                                  + " those past their expiry the sweep has not marked yet)",
                                                  schema = @Schema(implementation = ShareStatus.class))
                                          @QueryParam("status") String status,
                                          @Parameter(description = "Only shares of this owner (id or username)") @QueryParam("owner") String owner,
                                          @Parameter(description = "Only invitations to addresses containing this") @QueryParam("email") String email,
                                          @Parameter(description = "Only shares of this device or ground (its id)") @QueryParam("resource") String resource) {
        caller.requireReadPeople(ApiScope.SHARE_READ);
        Page page = Page.of(first, max);
        ShareProvider.Filter filter = new ShareProvider.Filter(status(status),
                blank(owner) ? null : Owners.resolve(caller.session(), caller.realm(), owner.strip()),
                bounded("email", email, ShareResource.EMAIL_MAX), bounded("resource", resource, RealmOwnedModel.ID_MAX));
        return caller.session().getProvider(ShareProvider.class).searchShares(caller.realm(), filter, Time.currentTimeMillis(), page).stream()
                .map(share -> ShareRepresentation.of(share, Shares.resourceName(caller.session(), caller.realm(), share),
                        Shares.displayName(caller.session(), caller.realm(), share.getOwnerId())))
                .toList();
    }

    private static ShareStatus status(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return ShareStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("'status' must be one of PENDING, ACCEPTED, DECLINED, REVOKED, EXPIRED");
        }
    }

    private static String bounded(String name, String value, int maxLength) {
        if (blank(value)) {
            return null;
        }
        if (value.strip().length() > maxLength) {
            throw ApiError.badRequest("'" + name + "' must be at most " + maxLength + " characters");
        }
        return value.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
