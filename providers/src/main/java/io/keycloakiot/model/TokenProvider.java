package io.keycloakiot.model;

import java.util.Collection;
import java.util.List;

import io.keycloakiot.common.Page;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * The issued tokens of the realms. Every change that a validation would answer differently invalidates the
 * validation caches of every node, after the commit.
 */
public interface TokenProvider extends Provider {

    /** The token with this key id, of this realm, or null. */
    TokenModel getToken(RealmModel realm, String keyId);

    /** The token of this kind with its subject's state, in one round trip; null when either is gone. */
    Presented getPresented(RealmModel realm, TokenKind kind, String keyId);

    /**
     * What validating a token needs: the token, whether its device is enabled (always for a ground or profile), and
     * the user who owns its subject (a profile token's subject is that user), null for the realm's fleet.
     */
    record Presented(TokenModel token, boolean subjectEnabled, String ownerId) {
    }

    List<TokenModel> getTokens(RealmModel realm, TokenKind kind, String subjectId, Page page);

    TokenModel addToken(RealmModel realm, TokenKind kind, String keyId, String secretHash, String subjectId, String name,
                        String createdBy, Long expiresAt, boolean enabled, String permissions);

    /**
     * A token's name, state or permissions changed on its model: its cached validations go stale on every node, unless
     * nothing validation reads changed (a rename).
     */
    void tokenChanged(RealmModel realm, TokenModel token, TokenSnapshot before);

    void revoke(RealmModel realm, TokenModel token);

    /** Revokes every token of the subject; returns how many. */
    int revokeAll(RealmModel realm, TokenKind kind, String subjectId);

    /** Revokes every token of the user: those of everything they own, and their access-token profiles. */
    OwnerRevocation revokeAllOfOwner(RealmModel realm, String ownerId);

    /** How many tokens of each kind an owner's revocation ended. */
    record OwnerRevocation(int device, int ground, int profile) {

        public int total() {
            return device + ground + profile;
        }
    }

    /** Records uses written behind: one update for every token used at that moment, through that client, from that address. */
    void recordUse(Collection<String> keyIds, long at, String ip, String via, String ipOf);
}
