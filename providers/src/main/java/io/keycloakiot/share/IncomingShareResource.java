package io.keycloakiot.share;

import io.keycloakiot.model.ShareModel;
import io.keycloakiot.model.ShareProvider;
import io.keycloakiot.model.ShareStatus;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.ApiScope;
import io.keycloakiot.authz.Caller;
import io.keycloakiot.common.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.common.util.Time;
import org.keycloak.models.UserModel;

/**
 * {@code /realms/{realm}/iot/shares}: the recipient's side. An invitation is answered only by a signed-in user
 * whose verified e-mail address is the invited one.
 */
@Tag(name = "Shares")
public class IncomingShareResource {

    private final Caller caller;
    private final UserModel user;
    private final ShareProvider shares;

    public IncomingShareResource(Caller caller, UserModel user) {
        this.caller = caller;
        this.user = user;
        this.shares = caller.session().getProvider(ShareProvider.class);
    }

    @GET
    @Path("incoming")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the shares received", description = "Invitations to the caller's verified address and the shares"
            + " they accepted.")
    @APIResponse(responseCode = "200", description = "A page of shares",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ShareRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public List<ShareRepresentation> incoming(@Parameter(ref = "first") @QueryParam("first") String first,
                                              @Parameter(ref = "max") @QueryParam("max") String max) {
        caller.requireRead(ApiScope.SHARE_READ);
        return shares.getIncoming(caller.realm(), user.getId(), verifiedEmail(), Page.of(first, max)).stream().map(this::representation).toList();
    }

    @POST
    @Path("{id}/accept")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept an invitation", description = "Only with a verified address that is the invited one. 409: the"
            + " invitation is no longer pending.")
    @APIResponse(responseCode = "200", description = "The accepted share",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareRepresentation.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public ShareRepresentation accept(@Parameter(description = "The share's id") @PathParam("id") String id) {
        caller.requireWrite(ApiScope.SHARE_UPDATE);
        return manager().accept(requirePending(id), user);
    }

    @POST
    @Path("{id}/decline")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decline an invitation", description = "Only with a verified address that is the invited one. 409: the"
            + " invitation is no longer pending.")
    @APIResponse(responseCode = "200", description = "The declined share",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareRepresentation.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public ShareRepresentation decline(@Parameter(description = "The share's id") @PathParam("id") String id) {
        caller.requireWrite(ApiScope.SHARE_UPDATE);
        return manager().decline(requirePending(id), user);
    }

    /** Leaves an accepted share: access ends at once, and the owner sees it as declined. */
    @DELETE
    @Path("{id}")
    @Operation(summary = "Leave a share", description = "Access ends at once; the owner sees the share as declined.")
    @APIResponse(responseCode = "204", description = "Left")
    public Response leave(@Parameter(description = "The share's id") @PathParam("id") String id) {
        caller.requireWrite(ApiScope.SHARE_DELETE);
        ShareModel share = shares.getShare(caller.realm(), id);
        if (share == null || !user.getId().equals(share.getRecipientId())) {
            throw ApiError.notFound("share");
        }
        manager().leave(share, user);
        return Response.noContent().build();
    }

    /** A pending invitation to the caller's address; someone else's invitation is a 404, like a missing one. */
    private ShareModel requirePending(String id) {
        ShareModel share = shares.getShare(caller.realm(), id);
        if (share == null || !Shares.invited(share, user)) {
            throw ApiError.notFound("share");
        }
        if (!user.isEmailVerified()) {
            throw ApiError.forbidden("verify your e-mail address before answering an invitation");
        }
        ShareStatus status = share.statusAt(Time.currentTimeMillis());
        if (status != ShareStatus.PENDING) {
            throw ApiError.conflict("the invitation is " + status.name().toLowerCase(Locale.ROOT) + ", no longer pending");
        }
        return share;
    }

    private ShareManager manager() {
        return new ShareManager(caller.session(), caller.realm(), (operation, rep) -> caller.audit(ShareResource.AUDIT_TYPE, operation, rep, "iot/shares/" + rep.id()));
    }

    private String verifiedEmail() {
        return user.isEmailVerified() && user.getEmail() != null ? user.getEmail().toLowerCase(Locale.ROOT) : null;
    }

    private ShareRepresentation representation(ShareModel share) {
        return ShareRepresentation.of(share, Shares.resourceName(caller.session(), caller.realm(), share),
                Shares.displayName(caller.session(), caller.realm(), share.getOwnerId()));
    }
}
