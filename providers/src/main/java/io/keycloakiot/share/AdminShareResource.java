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
import org.keycloak.common.util.Time;

/**
 * {@code /admin/realms/{realm}/iot/shares}: every share of the realm for its administrators, filtered. A share is
 * revoked through its device's or ground's {@code .../shares/{id}}, which the owner uses too.
 */
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
    public List<ShareRepresentation> list(@QueryParam("first") String first, @QueryParam("max") String max,
                                          @QueryParam("status") String status, @QueryParam("owner") String owner,
                                          @QueryParam("email") String email, @QueryParam("resource") String resource) {
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
