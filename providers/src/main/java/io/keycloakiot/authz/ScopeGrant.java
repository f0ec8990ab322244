package io.keycloakiot.authz;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import io.keycloakiot.common.ApiScope;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.representations.AccessToken;

/**
 * What a user's Keycloak access token was issued for, as far as the pack is concerned (RFC 6750 scopes): the
 * pack's client scope {@code iot} (everything its user may do), or only the {@code <type>:<action>} scopes in
 * its {@code scope} claim. A token of Keycloak's own account console counts as {@code iot}: the console is the
 * user's own self-service, and the pack's pages live in it. Any other token of the realm grants nothing here.
 *
 * @param full   the token may do everything its user may do
 * @param scopes the {@code <type>:<action>} scopes it was granted otherwise
 * @param client the client the token was issued to: its user's administrator roles count only where this client has
 *               them in scope, as in Keycloak's own admin API; null when not narrowed
 */
public record ScopeGrant(boolean full, Set<String> scopes, ClientModel client) {

    /** Not narrowed by scopes or a client's role scope. */
    public static final ScopeGrant ALL = new ScopeGrant(true, Set.of(), null);

    public static ScopeGrant of(AccessToken token, ClientModel client) {
        Set<String> granted = token.getScope() == null ? Set.of()
                : Arrays.stream(token.getScope().split(" ")).filter(scope -> !scope.isEmpty()).collect(Collectors.toUnmodifiableSet());
        boolean accountConsole = client != null && Constants.ACCOUNT_CONSOLE_CLIENT_ID.equals(client.getClientId());
        if (accountConsole || granted.contains(ApiScope.PACK)) {
            return new ScopeGrant(true, Set.of(), client);
        }
        return new ScopeGrant(false, granted.stream().filter(scope -> scope.indexOf(':') > 0).collect(Collectors.toUnmodifiableSet()),
                client);
    }

    /** Does the token grant anything the pack serves? */
    public boolean any() {
        return full || !scopes.isEmpty();
    }

    public boolean allows(String scope) {
        return full || scopes.contains(scope);
    }

    /** A catalogue action on a type, as the check API asks it. */
    public boolean allows(String type, String action) {
        return allows(type + ":" + action);
    }
}
