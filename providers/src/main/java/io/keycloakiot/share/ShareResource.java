package io.keycloakiot.share;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.keycloakiot.common.Caller;
import io.keycloakiot.common.Expiry;
import io.keycloakiot.common.JsonInput;
import io.keycloakiot.common.Page;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.permission.ResourceType;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.utils.EmailValidationUtil;

/**
 * {@code .../devices/{id}/shares} and {@code .../grounds/{id}/shares}: the owner's side of sharing one device or
 * ground, which the caller has already been shown to reach. A ground share gives its actions on every device in
 * the ground, now and later.
 */
public class ShareResource {

    public static final String AUDIT_TYPE = "IOT_SHARE";
    static final int EMAIL_MAX = 254;
    private static final Set<String> CREATE_FIELDS = Set.of("email", "actions", "expiresAt", "reshareAllowed");

    private final Caller caller;
    private final String resourceType;
    private final String resourceId;
    private final String resourceName;
    private final String ownerId;
    private final ShareStore store;

    public ShareResource(Caller caller, String resourceType, String resourceId, String resourceName, String ownerId) {
        this.caller = caller;
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.resourceName = resourceName;
        this.ownerId = ownerId;
        this.store = new ShareStore(caller.session(), caller.realm());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ShareRepresentation> list(@QueryParam("first") String first, @QueryParam("max") String max) {
        caller.requireRead();
        return store.ofResource(resourceId, Page.of(first, max)).stream().map(this::representation).toList();
    }

    /**
     * Invites an address: 201 with a {@code PENDING} share; inviting the same address again updates that share
     * (200): an accepted share keeps its status with the new actions, any other becomes {@code PENDING} again.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        caller.requireWrite();
        if (ownerId == null) {
            throw ApiError.badRequest("a " + resourceType + " of the realm's fleet has no owner to share it; give it an owner first");
        }
        JsonInput in = JsonInput.parse(body, CREATE_FIELDS);
        String email = email(in.requiredText("email"));
        UserModel owner = caller.session().users().getUserById(caller.realm(), ownerId);
        if (owner != null && email.equalsIgnoreCase(owner.getEmail())) {
            throw ApiError.badRequest("'email' is the owner's own address");
        }
        List<String> actions = actions(in.get("actions"));
        Long expiresAt = Expiry.parse("expiresAt", in.get("expiresAt"));
        Boolean reshare = in.optionalBoolean("reshareAllowed");
        long now = Time.currentTimeMillis();

        IotShareEntity share = store.findByRecipient(resourceId, email);
        boolean created = share == null;
        if (created) {
            share = new IotShareEntity();
            share.setId(KeycloakModelUtils.generateId());
            share.setResourceType(resourceType);
            share.setResourceId(resourceId);
            share.setOwnerId(ownerId);
            share.setRecipientEmail(email);
        }
        if (share.statusAt(now) != ShareStatus.ACCEPTED) {
            share.setStatus(ShareStatus.PENDING);
            share.setRecipientId(null);
            share.setRespondedAt(null);
            share.setCreatedAt(now);
        }
        share.setActionList(actions);
        share.setExpiresAt(expiresAt);
        share.setReshareAllowed(reshare != null && reshare);
        share.setCreatedBy(caller.userId());
        if (created) {
            store.persist(share);
        }
        ShareRepresentation rep = representation(share);
        caller.audit(AUDIT_TYPE, created ? OperationType.CREATE : OperationType.UPDATE, rep, auditPath(share.getId()));
        return created ? caller.created(share.getId(), rep) : Response.ok(rep, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{shareId}")
    @Produces(MediaType.APPLICATION_JSON)
    public ShareRepresentation get(@PathParam("shareId") String shareId) {
        caller.requireRead();
        return representation(store.require(resourceId, shareId));
    }

    /** Revokes at once: the recipient's next request is decided without this share. */
    @DELETE
    @Path("{shareId}")
    public Response revoke(@PathParam("shareId") String shareId) {
        caller.requireWrite();
        IotShareEntity share = store.require(resourceId, shareId);
        if (share.getStatus() == ShareStatus.PENDING || share.getStatus() == ShareStatus.ACCEPTED) {
            share.setStatus(ShareStatus.REVOKED);
            share.setRespondedAt(Time.currentTimeMillis());
            caller.audit(AUDIT_TYPE, OperationType.DELETE, representation(share), auditPath(shareId));
        }
        return Response.noContent().build();
    }

    private String auditPath(String shareId) {
        return "iot/" + resourceType + "s/" + resourceId + "/shares/" + shareId;
    }

    private ShareRepresentation representation(IotShareEntity share) {
        return ShareRepresentation.of(share, resourceName, Shares.displayName(caller.session(), caller.realm(), ownerId));
    }

    private static String email(String value) {
        String email = value.strip().toLowerCase(Locale.ROOT);
        if (email.length() > EMAIL_MAX || !EmailValidationUtil.isValidEmail(email)) {
            throw ApiError.badRequest("'email' must be an e-mail address");
        }
        return email;
    }

    /** A share carries device-level actions (for a ground: on each of its devices). */
    private List<String> actions(JsonNode node) {
        ResourceType device = PermissionCatalogue.of(caller.realm()).type(PermissionCatalogue.DEVICE);
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ApiError.badRequest("'actions' must be a non-empty list of: " + String.join(", ", device.deviceActions()));
        }
        Set<String> actions = new LinkedHashSet<>();
        for (JsonNode action : node) {
            if (!action.isTextual() || !device.deviceActions().contains(action.textValue())) {
                throw ApiError.badRequest("'actions' may contain only: " + String.join(", ", device.deviceActions()));
            }
            actions.add(action.textValue());
        }
        return List.copyOf(actions);
    }
}
