package io.keycloakiot.share;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;

/**
 * The signed link of an invitation mail: a Keycloak action token bound to the invited account ({@code sub}), the
 * invited address ({@code eml}) and the share, expiring with the link lifetime or the share, whichever comes first.
 * It names the invitation as of its sending ({@code ivt}), so re-inviting the address voids the older links.
 */
public class ShareInvitationToken extends DefaultActionToken {

    public static final String TOKEN_TYPE = "iot-share-invitation";
    /** A token note set on the links of the confirmation page: which answer the link gives. */
    static final String ANSWER_NOTE = "answer";

    @JsonProperty("shr")
    private String shareId;

    @JsonProperty("ivt")
    private long invitedAt;

    public ShareInvitationToken(String userId, int expiresAtSeconds, String email, String clientId, String shareId, long invitedAt) {
        super(userId, TOKEN_TYPE, expiresAtSeconds, null);
        setEmail(email);
        this.issuedFor = clientId;
        this.shareId = shareId;
        this.invitedAt = invitedAt;
    }

    private ShareInvitationToken() {
        // Jackson
    }

    public String getShareId() {
        return shareId;
    }

    public long getInvitedAt() {
        return invitedAt;
    }
}
