package io.keycloakiot.authz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * Adds RFC 9396 {@code authorization_details} for the pack's permissions to a user's ordinary access token (or
 * introspection answer): the devices and grounds they own and those shared with them, as at the moment the
 * token is issued. Bounded, because a token is no place for a fleet; the check API is the authority, and
 * {@code authorization_details_truncated: true} says when the list was cut.
 */
public class AuthorizationDetailsMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "iot-authorization-details";
    static final String MAX_ENTRIES = "max.entries";
    static final int DEFAULT_MAX_ENTRIES = 50;
    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        ProviderConfigProperty max = new ProviderConfigProperty();
        max.setName(MAX_ENTRIES);
        max.setLabel("Maximum entries");
        max.setHelpText("How many devices and grounds at most the claim lists (owned first, then shared).");
        max.setType(ProviderConfigProperty.STRING_TYPE);
        max.setDefaultValue(String.valueOf(DEFAULT_MAX_ENTRIES));
        CONFIG.add(max);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, AuthorizationDetailsMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "IoT authorization details";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds authorization_details (RFC 9396) listing the user's own and shared devices and grounds.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        if (userSession == null || userSession.getUser() == null) {
            return;
        }
        TokenClaims.addUserGrants(token.getOtherClaims(), session, userSession.getRealm(), userSession.getUser(), maxEntries(mappingModel));
    }


    private static int maxEntries(ProtocolMapperModel model) {
        try {
            return Math.max(0, Math.min(1000, Integer.parseInt(model.getConfig().getOrDefault(MAX_ENTRIES, "").strip())));
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_ENTRIES;
        }
    }
}
