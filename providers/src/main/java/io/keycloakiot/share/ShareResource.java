package io.keycloakiot.share;

import io.keycloakiot.model.RealmOwnedModel;
import io.keycloakiot.model.ShareModel;
import io.keycloakiot.model.ShareProvider;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
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
import io.keycloakiot.common.Json;
import io.keycloakiot.common.Page;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.ResourceType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.UserModel;

/**
 * {@code .../devices/{id}/shares} and {@code .../grounds/{id}/shares}: the owner's side of sharing one device or
 * ground. A ground share gives its actions on every device in the ground, now and later. A recipient whose live
 * share allows re-sharing sees and manages here only the shares they made, with at most their own actions; whatever
 * later narrows or ends their share narrows or ends those too ({@link ShareManager}).
 */
@Tag(name = "Shares")
public class ShareResource {

    public static final String AUDIT_TYPE = "IOT_SHARE";
    static final int EMAIL_MAX = 254;

    private final Caller caller;
    private final ShareManager.Shared resource;
    /** The caller's own share when they re-share someone else's device or ground; null for the owner or an admin. */
    private final ShareModel granting;
    private final ShareProvider shares;

    private ShareResource(Caller caller, ShareManager.Shared resource, ShareModel granting) {
        this.caller = caller;
        this.resource = resource;
        this.granting = granting;
        this.shares = caller.session().getProvider(ShareProvider.class);
    }

    /**
     * The shares of a device or ground of the caller's realm, as the caller may see them: all of them for its
     * owner or an admin, the caller's own re-shares for a recipient of a live share, else a 404 like a missing one.
     */
    public static ShareResource of(Caller caller, String type, RealmOwnedModel shared) {
        if (shared == null) {
            throw ApiError.notFound(type);
        }
        ShareManager.Shared resource = new ShareManager.Shared(type, shared.getId(), shared.getName(), shared.getOwnerId());
        if (caller.reachesAllOf(resource.ownerId())) {
            return new ShareResource(caller, resource, null);
        }
        ShareModel granting = caller.session().getProvider(ShareProvider.class)
                .getLiveShare(caller.realm(), caller.userId(), resource.id(), Time.currentTimeMillis());
        if (granting == null) {
            throw ApiError.notFound(resource.type());
        }
        return new ShareResource(caller, resource, granting);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the shares of a device or ground", description = "All of them for the owner or an administrator;"
            + " a recipient allowed to re-share sees only the shares they made.")
    @APIResponse(responseCode = "200", description = "A page of shares",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ShareRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public List<ShareRepresentation> list(@Parameter(ref = "first") @QueryParam("first") String first,
                                          @Parameter(ref = "max") @QueryParam("max") String max) {
        caller.requireReadPeople(ApiScope.SHARE_READ);
        String createdBy = granting == null ? null : caller.userId();
        return shares.getSharesOf(caller.realm(), resource.id(), createdBy, Page.of(first, max)).stream().map(this::representation).toList();
    }

    /**
     * Invites an address and mails it (201 with a {@code PENDING} share); inviting the same address again updates that
     * share (200), see {@link ShareManager#invite}. {@code invitationSent} tells whether a mail went out.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite an address", description = "`{email, actions, expiresAt?, reshareAllowed?}`, mailed to the"
            + " address. Inviting the same address again updates its share: an accepted one keeps its status with the new"
            + " actions, any other is pending again and mailed again at most once an hour. 409: someone else invited the"
            + " address (a re-share), or the same invitation at the same moment; 429: the inviting user's limits.")
    @APIResponse(responseCode = "201", description = "A new pending share; its URL in `Location`",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareRepresentation.class)))
    @APIResponse(responseCode = "200", description = "The address's share, updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareRepresentation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareInvite.class))) String body) {
        caller.requireWrite(ApiScope.SHARE_CREATE);
        // The answer is the invitee's share, as it may already stand.
        caller.requireReadPeople(ApiScope.SHARE_READ);
        if (resource.ownerId() == null) {
            throw ApiError.badRequest("a " + resource.type() + " of the realm's fleet has no owner to share it; give it an owner first");
        }
        ShareInvite in = Json.read(body, ShareInvite.class);
        String email = in.email();
        UserModel owner = caller.session().users().getUserById(caller.realm(), resource.ownerId());
        if (owner != null && email.equalsIgnoreCase(owner.getEmail())) {
            throw ApiError.badRequest("'email' is the owner's own address");
        }
        ShareManager.Terms terms = new ShareManager.Terms(email, actions(in.actions()), in.expiresAt(),
                Boolean.TRUE.equals(in.reshareAllowed()));
        ShareManager.Invited invited = manager().invite(resource, granting, caller.userId(), owner, terms);
        ShareRepresentation rep = invited.representation();
        return invited.created() ? caller.created(rep.id(), rep) : Response.ok(rep, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private ShareManager manager() {
        return new ShareManager(caller.session(), caller.realm(), this::audit);
    }

    @GET
    @Path("{shareId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a share")
    @APIResponse(responseCode = "200", description = "The share",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareRepresentation.class)))
    public ShareRepresentation get(@Parameter(description = "The share's id") @PathParam("shareId") String shareId) {
        caller.requireReadPeople(ApiScope.SHARE_READ);
        return representation(requireVisible(shareId));
    }

    /** Revokes at once: the recipient's next request is decided without this share. */
    @DELETE
    @Path("{shareId}")
    @Operation(summary = "Revoke a share", description = "At once; the recipient's next request is decided without it. A share"
            + " that no longer grants anything stays as it is.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@Parameter(description = "The share's id") @PathParam("shareId") String shareId) {
        caller.requireWrite(ApiScope.SHARE_DELETE);
        manager().revoke(requireVisible(shareId));
        return Response.noContent().build();
    }

    /** A share of this resource that the caller may see: any for the owner, only their own re-shares for a recipient. */
    private ShareModel requireVisible(String shareId) {
        ShareModel share = shares.getShare(caller.realm(), shareId);
        if (share == null || !share.getResourceId().equals(resource.id())
                || granting != null && !caller.userId().equals(share.getCreatedBy())) {
            throw ApiError.notFound("share");
        }
        return share;
    }

    private String auditPath(String shareId) {
        return "iot/" + resource.type() + "s/" + resource.id() + "/shares/" + shareId;
    }

    private void audit(OperationType operation, ShareRepresentation share) {
        caller.audit(AUDIT_TYPE, operation, share, auditPath(share.id()));
    }

    private ShareRepresentation representation(ShareModel share) {
        return ShareRepresentation.of(share, resource.name(), Shares.displayName(caller.session(), caller.realm(), resource.ownerId()));
    }

    /** A share carries device-level actions (for a ground: on each of its devices). */
    private List<String> actions(List<String> requested) {
        ResourceType device = PermissionCatalogue.of(caller.realm()).type(PermissionCatalogue.DEVICE);
        if (requested == null || requested.isEmpty()) {
            throw ApiError.invalidField("actions", "must be a non-empty list of: " + String.join(", ", device.deviceActions()));
        }
        Set<String> actions = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            if (!device.deviceActions().contains(requested.get(i))) {
                throw ApiError.invalidField("actions[" + i + "]", "is not one of: " + String.join(", ", device.deviceActions()));
            }
            actions.add(requested.get(i));
        }
        return List.copyOf(actions);
    }
}
