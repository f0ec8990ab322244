package io.keycloakiot.share;

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
import io.keycloakiot.common.Caller;
import io.keycloakiot.common.Json;
import io.keycloakiot.common.Page;
import io.keycloakiot.permission.PackSettings;
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
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * {@code .../devices/{id}/shares} and {@code .../grounds/{id}/shares}: the owner's side of sharing one device or
 * ground. A ground share gives its actions on every device in the ground, now and later. A recipient whose live
 * share allows re-sharing sees and manages here only the shares they made, with at most their own actions; whatever
 * later narrows or ends their share narrows or ends those too ({@link Reshares}).
 */
@Tag(name = "Shares")
public class ShareResource {

    public static final String AUDIT_TYPE = "IOT_SHARE";
    static final int EMAIL_MAX = 254;
    /** A pending share is mailed again when re-invited only after this long, so re-inviting cannot flood a mailbox. */
    static final long RESEND_AFTER_MILLIS = 3600_000L;

    private final Caller caller;
    private final String resourceType;
    private final String resourceId;
    private final String resourceName;
    private final String ownerId;
    /** The caller's own share when they re-share someone else's device or ground; null for the owner or an admin. */
    private final IotShareEntity granting;
    private final ShareStore store;

    private ShareResource(Caller caller, String resourceType, String resourceId, String resourceName, String ownerId,
                          IotShareEntity granting) {
        this.caller = caller;
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.resourceName = resourceName;
        this.ownerId = ownerId;
        this.granting = granting;
        this.store = new ShareStore(caller.session(), caller.realm());
    }

    /**
     * The shares of a device or ground of the caller's realm, as the caller may see them: all of them for its
     * owner or an admin, the caller's own re-shares for a recipient of a live share, else a 404 like a missing one.
     */
    public static ShareResource of(Caller caller, String resourceType, String resourceId, String resourceName, String ownerId) {
        if (caller.ownerScope() == null || caller.ownerScope().equals(ownerId)) {
            return new ShareResource(caller, resourceType, resourceId, resourceName, ownerId, null);
        }
        IotShareEntity granting = new ShareStore(caller.session(), caller.realm())
                .liveShareOf(caller.userId(), resourceId, Time.currentTimeMillis());
        if (granting == null) {
            throw ApiError.notFound(resourceType);
        }
        return new ShareResource(caller, resourceType, resourceId, resourceName, ownerId, granting);
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
        return store.ofResource(resourceId, createdBy, Page.of(first, max)).stream().map(this::representation).toList();
    }

    /**
     * Invites an address and mails it (201 with a {@code PENDING} share); inviting the same address again updates that
     * share (200): an accepted share keeps its status with the new actions, any other becomes {@code PENDING} again
     * and is mailed again at most once an hour. {@code invitationSent} tells whether a mail went out.
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
        if (ownerId == null) {
            throw ApiError.badRequest("a " + resourceType + " of the realm's fleet has no owner to share it; give it an owner first");
        }
        if (granting != null) {
            store.lockForResharing(granting);
            if (!granting.carriesReshares(Time.currentTimeMillis())) {
                throw ApiError.forbidden("the owner has not allowed re-sharing this " + resourceType);
            }
        }
        ShareInvite in = Json.read(body, ShareInvite.class);
        String email = in.email();
        UserModel owner = caller.session().users().getUserById(caller.realm(), ownerId);
        if (owner != null && email.equalsIgnoreCase(owner.getEmail())) {
            throw ApiError.badRequest("'email' is the owner's own address");
        }
        List<String> actions = actions(in.actions());
        Long expiresAt = in.expiresAt();
        boolean reshare = Boolean.TRUE.equals(in.reshareAllowed());
        if (granting != null) {
            requireWithinGrant(email, actions, expiresAt, reshare);
        }
        long now = Time.currentTimeMillis();

        IotShareEntity share = store.findByRecipient(resourceId, email);
        boolean created = share == null;
        if (!created && granting != null && !caller.userId().equals(share.getCreatedBy())) {
            throw ApiError.conflict("this address has already been invited by someone else");
        }
        ShareStatus current = created ? null : share.statusAt(now);
        boolean mail = current != ShareStatus.PENDING || share.getCreatedAt() <= now - RESEND_AFTER_MILLIS;
        boolean invite = current != ShareStatus.ACCEPTED;
        if (created) {
            share = new IotShareEntity();
            share.setId(KeycloakModelUtils.generateId());
            share.setResourceType(resourceType);
            share.setResourceId(resourceId);
            share.setOwnerId(ownerId);
            share.setRecipientEmail(email);
        }
        if (invite) {
            requireWithinLimits(now, current == ShareStatus.PENDING, mail);
            share.setStatus(ShareStatus.PENDING);
            share.setRecipientId(null);
            share.setRespondedAt(null);
            if (mail) {
                share.setCreatedAt(now);
            }
        }
        share.setActionList(actions);
        share.setExpiresAt(expiresAt);
        share.setReshareAllowed(reshare);
        share.setCreatedBy(caller.userId());
        share.setParentId(granting == null ? null : granting.getId());
        if (created) {
            store.persist(share);
        }
        ShareRepresentation rep = representation(share);
        audit(created ? OperationType.CREATE : OperationType.UPDATE, rep);
        store.flushOrConflict();
        Reshares.follow(caller.session(), caller.realm(), share, this::audit);
        boolean sent = invite && mail && new ShareMails(caller.session(), caller.realm()).invitation(share, resourceName, owner);
        rep = rep.withInvitationSent(sent);
        return created ? caller.created(share.getId(), rep) : Response.ok(rep, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** A re-share gives at most the re-sharer's own actions, for no longer than their own share, and no further re-sharing. */
    private void requireWithinGrant(String email, List<String> actions, Long expiresAt, boolean reshare) {
        if (!granting.actionList().containsAll(actions)) {
            throw ApiError.badRequest("'actions' may contain only the actions shared with you: " + String.join(", ", granting.actionList()));
        }
        if (reshare) {
            throw ApiError.badRequest("a re-share cannot allow re-sharing");
        }
        if (granting.getExpiresAt() != null && (expiresAt == null || expiresAt > granting.getExpiresAt())) {
            throw ApiError.badRequest("'expiresAt' must not be later than your own share's expiry");
        }
        if (email.equals(granting.getRecipientEmail())) {
            throw ApiError.badRequest("'email' is your own address");
        }
    }

    /**
     * Bounds the mail a user can cause: pending invitations and invitations per hour, both per inviting user (the
     * owner, or a re-sharer on their own account, so re-sharers cannot use up the owner's).
     */
    private void requireWithinLimits(long now, boolean alreadyPending, boolean mail) {
        PackSettings settings = PackSettings.of(caller.realm());
        if (!alreadyPending && store.pendingBy(caller.userId(), now) >= settings.invitationsPendingMax()) {
            throw ApiError.tooManyRequests("at most " + settings.invitationsPendingMax()
                    + " invitations may wait for an answer; revoke some or wait for answers");
        }
        if (mail && store.invitedSince(caller.userId(), now - RESEND_AFTER_MILLIS) >= settings.invitationsPerHour()) {
            throw ApiError.tooManyRequests("at most " + settings.invitationsPerHour() + " invitations an hour; try again later");
        }
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
        IotShareEntity share = requireVisible(shareId);
        ShareStatus status = share.statusAt(Time.currentTimeMillis());
        if (status == ShareStatus.PENDING || status == ShareStatus.ACCEPTED) {
            share.setStatus(ShareStatus.REVOKED);
            share.setRespondedAt(Time.currentTimeMillis());
            audit(OperationType.DELETE, representation(share));
            new ShareMails(caller.session(), caller.realm()).revoked(share, resourceName);
            Reshares.follow(caller.session(), caller.realm(), share, this::audit);
        }
        return Response.noContent().build();
    }

    /** A share of this resource that the caller may see: any for the owner, only their own re-shares for a recipient. */
    private IotShareEntity requireVisible(String shareId) {
        IotShareEntity share = store.require(resourceId, shareId);
        if (granting != null && !caller.userId().equals(share.getCreatedBy())) {
            throw ApiError.notFound("share");
        }
        return share;
    }

    private String auditPath(String shareId) {
        return "iot/" + resourceType + "s/" + resourceId + "/shares/" + shareId;
    }

    private void audit(OperationType operation, ShareRepresentation share) {
        caller.audit(AUDIT_TYPE, operation, share, auditPath(share.id()));
    }

    private ShareRepresentation representation(IotShareEntity share) {
        return ShareRepresentation.of(share, resourceName, Shares.displayName(caller.session(), caller.realm(), ownerId));
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
