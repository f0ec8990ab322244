package io.keycloakiot.authz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.keycloakiot.model.TokenKind;
import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionCatalogue;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Every claim the pack puts in a token or an introspection answer, in one place: what a pack token grants now, and
 * what a user's own access token carries, as RFC 9396 {@code authorization_details} that no consumer can read as more
 * (see {@link #details}). Never a {@code scope}: {@code device:read} is also the name of a user's consent scope, and a
 * device must not pass for that consent.
 */
public final class TokenClaims {

    public static final String AUTHORIZATION_DETAILS = "authorization_details";

    /** Present (true) when {@code authorization_details} names fewer resources than the token reaches. */
    public static final String TRUNCATED = "authorization_details_truncated";

    /**
     * How many resources a pack token's claims name at most (a ground's devices, a profile's "every device"); beyond it
     * a resource server asks the authorization check API.
     */
    public static final int MAX_LISTED = 1000;

    private TokenClaims() {
    }

    /**
     * The claims shared by introspection answers and exchanged JWTs for a pack token (times in epoch seconds): the
     * standard ones (RFC 7662, RFC 9068) and what it grants now.
     */
    public static Map<String, Object> of(KeycloakSession session, RealmModel realm, ActiveToken token) {
        AccessRules rules = AccessRules.of(session, realm);
        AccessRules.Grants grants = rules.namedGrants(AccessSubject.ofToken(session, realm, token), MAX_LISTED);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", token.subject());
        claims.put("iat", token.token().createdAt() / 1000);
        if (token.token().expiresAt() != null) {
            claims.put("exp", token.token().expiresAt() / 1000);
        }
        claims.put("jti", token.token().id());
        if (token.kind() != TokenKind.PROFILE) {
            claims.put(token.kind() == TokenKind.DEVICE ? "device_id" : "ground_id", token.subjectId());
        }
        if (token.ownerId() != null) {
            claims.put("owner_id", token.ownerId());
        }
        putGrants(claims, new ArrayList<>(), rules.catalogue(), grants, token.ownerId());
        return claims;
    }

    /**
     * Adds a user's own grants (what they own, what live shares give them, at most {@code max}) to the claims of their
     * access token, after any {@code authorization_details} another mapper put there.
     */
    public static void addUserGrants(Map<String, Object> claims, KeycloakSession session, RealmModel realm, UserModel user, int max) {
        List<Map<String, Object>> details = new ArrayList<>();
        if (claims.get(AUTHORIZATION_DETAILS) instanceof List<?> existing) {
            existing.forEach(entry -> details.add(castEntry(entry)));
        }
        AccessRules rules = AccessRules.of(session, realm);
        putGrants(claims, details, rules.catalogue(), rules.userGrants(AccessUser.of(session, realm, user, null), max), user.getId());
    }

    private static void putGrants(Map<String, Object> claims, List<Map<String, Object>> details, PermissionCatalogue catalogue,
                                  AccessRules.Grants grants, String ownerId) {
        details.addAll(details(catalogue, grants.permissions(), ownerId));
        claims.put(AUTHORIZATION_DETAILS, details);
        if (grants.truncated()) {
            claims.put(TRUNCATED, true);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castEntry(Object entry) {
        return (Map<String, Object>) entry;
    }

    /**
     * One RFC 9396 entry per grant, {@code {"type": "iot_<type>", "identifier", "actions"}}. An entry without
     * {@code identifier} means every resource of the type, so only an admin-only type of an administrator has one. A
     * type the pack does not keep ("every bucket" of a profile) becomes {@code "iot_<type>_of_owner"} with the owner's
     * id as identifier: only the resources that user owns, which the resource server checks; a consumer that knows
     * only {@code iot_<type>} ignores it.
     */
    static List<Map<String, Object>> details(PermissionCatalogue catalogue, List<Permission> grants, String ownerId) {
        List<Map<String, Object>> details = new ArrayList<>();
        for (Permission grant : grants) {
            if (!grant.isWildcard()) {
                details.add(detail("iot_" + grant.type(), grant.resource(), grant.actions()));
            } else if (catalogue.type(grant.type()).adminOnly()) {
                details.add(detail("iot_" + grant.type(), null, grant.actions()));
            } else {
                details.add(detail("iot_" + grant.type() + "_of_owner", ownerId, grant.actions()));
            }
        }
        return details;
    }

    private static Map<String, Object> detail(String type, String identifier, List<String> actions) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("type", type);
        if (identifier != null) {
            detail.put("identifier", identifier);
        }
        detail.put("actions", actions);
        return detail;
    }
}
