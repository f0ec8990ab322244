package io.keycloakiot.authz;

import io.keycloakiot.common.ApiError;
import io.keycloakiot.common.ApiScope;
import io.keycloakiot.common.Owners;
import io.keycloakiot.model.RealmOwnedModel;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Who is calling a pack resource and how much of the realm they reach. The self-service API and the
 * admin API share their resource classes; a caller is the only thing that differs between them.
 */
public abstract class Caller {

    protected final KeycloakSession session;
    protected final RealmModel realm;

    protected Caller(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public KeycloakSession session() {
        return session;
    }

    public RealmModel realm() {
        return realm;
    }

    /**
     * The owner a create or update asks for. A user always owns what they create and cannot give it away
     * through self-service; an admin names any user of the realm, or null for the realm's fleet.
     *
     * @param current the owner to keep when the request names none (on create: the caller's default)
     */
    public String requestedOwner(boolean given, String owner, String current) {
        if (!isAdministrator()) {
            if (given && !userId().equals(owner)) {
                throw ApiError.badRequest("'owner' can only be changed through the admin API");
            }
            return userId();
        }
        return given ? Owners.resolve(session, realm, owner) : current;
    }

    /** 201 with the new resource's {@code Location} (the request path + its id) and its JSON. */
    public Response created(String id, Object representation) {
        return Response.created(session.getContext().getUri().getAbsolutePathBuilder().path(id).build())
                .type(MediaType.APPLICATION_JSON_TYPE).entity(representation).build();
    }

    /** What of the realm a caller reaches: a user their own devices and grounds, an administrator the whole realm. */
    public enum Reach {
        OWN, REALM
    }

    public abstract Reach reach();

    /** Is the caller an administrator of the realm, on the admin API? */
    public boolean isAdministrator() {
        return reach() == Reach.REALM;
    }

    /** Does the caller reach everything of this owner (a user id, or null for the realm's fleet)? */
    public boolean reachesAllOf(String ownerId) {
        return isAdministrator() || userId().equals(ownerId);
    }

    /**
     * The device or ground if the caller reaches it, else a 404 naming {@code what}: an id of another realm or owner
     * looks exactly like a missing one (the model already answered null for another realm's).
     */
    public <T extends RealmOwnedModel> T require(T found, String what) {
        if (found == null || !reachesAllOf(found.getOwnerId())) {
            throw ApiError.notFound(what);
        }
        return found;
    }

    /** The acting user's id (the device owner, or the administrator), recorded on what they create. */
    public abstract String userId();

    /**
     * Refuses with 403 unless the caller may read in its scope: an administrator needs the realm's view role, a
     * user's token must have been granted {@code scope}.
     */
    public abstract void requireRead(ApiScope scope);

    /** Refuses with 403 unless the caller may change things in its scope: the manage role, or {@code scope}. */
    public abstract void requireWrite(ApiScope scope);

    /** Refuses with 403 unless the caller is an administrator who may read (an operation of the admin API only). */
    public abstract void requireRead();

    /** Refuses with 403 unless the caller is an administrator who may change things (admin API only). */
    public abstract void requireWrite();

    /**
     * Refuses with 403 unless the caller may issue a token that acts for a subject in its scope, or widen what one
     * grants. By default whoever may write; an administrator acting for a user needs what Keycloak asks for
     * acting as that user.
     */
    public void requireIssue(ApiScope scope) {
        requireWrite(scope);
    }

    /**
     * Whether the caller may see people's data in its scope: invitees' addresses, a user's tokens, the addresses
     * tokens were last used from. A user sees their own; an administrator needs the realm's view-users permission.
     */
    public boolean readsPeople() {
        return true;
    }

    /** Refuses with 403 unless the caller may read in its scope, people's data included. */
    public void requireReadPeople(ApiScope scope) {
        requireRead(scope);
        if (!readsPeople()) {
            throw ApiError.forbidden("people's data (addresses, a user's tokens) needs the view-users permission of this realm");
        }
    }

    /** A fresh admin-event builder carrying the caller's identity. */
    protected abstract AdminEventBuilder eventBuilder();

    /**
     * Records a write in the realm's admin-event store (custom resource types such as {@code IOT_DEVICE}).
     * Self-service writes are recorded there too, with the signed-in user as the author, because Keycloak's
     * user-event types cannot be extended and the audit trail of a device belongs in one place.
     */
    public void audit(String resourceType, OperationType operation, Object representation, String... path) {
        event(resourceType, operation, representation, path).success();
    }

    /** Records a refused attempt (e.g. a failed claim) with its error code; the caller must let the request commit. */
    public void auditError(String resourceType, OperationType operation, Object representation, String error, String... path) {
        AdminEventBuilder event = event(resourceType, operation, representation, path);
        event.getEvent().setError(error);
        event.success();
    }

    private AdminEventBuilder event(String resourceType, OperationType operation, Object representation, String... path) {
        AdminEventBuilder event = eventBuilder().resource(resourceType).operation(operation).resourcePath(path);
        if (representation != null) {
            event.representation(representation);
        }
        return event;
    }
}
