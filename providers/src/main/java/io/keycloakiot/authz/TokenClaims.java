package io.keycloakiot.authz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionCatalogue;
import io.keycloakiot.token.ActiveToken;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The claims introspection and token exchange give for a pack token: what it grants now, as RFC 9396
 * {@code authorization_details} that no consumer can read as more (see {@link #details}).
 */
public final class TokenClaims {

    private TokenClaims() {
    }

    public static Map<String, Object> of(KeycloakSession session, RealmModel realm, ActiveToken token) {
        AccessRules rules = new AccessRules(session, realm);
        AccessRules.Grants grants = rules.namedGrants(AccessSubject.ofToken(session, realm, token), ActiveToken.MAX_LISTED_MEMBERS);
        return token.claims(details(rules.catalogue(), grants.permissions(), token.ownerId()), grants.truncated());
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
