package io.keycloakiot.share;

import io.keycloakiot.model.ShareModel;
import io.keycloakiot.model.ShareStatus;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import org.keycloak.common.util.Time;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A share as its owner and its recipient see it. Times are epoch milliseconds; {@code status} is as of now
 * ({@code EXPIRED} once past {@code expiresAt}); {@code invitationSent} only in the answer to an invitation.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Share", description = "A share as its owner and its recipient see it. `status` is as of now (`EXPIRED` once"
        + " past `expiresAt`); `invitationSent` only in the answer to an invitation.")
public record ShareRepresentation(@Schema(required = true) String id,
                                  @Schema(required = true, enumeration = {"device", "ground"}) String resourceType,
                                  @Schema(required = true) String resourceId,
                                  @Schema(required = true, nullable = true) String resourceName,
                                  @Schema(required = true) String ownerId,
                                  @Schema(required = true, nullable = true) String ownerName,
                                  @Schema(required = true, description = "the invited address") String email,
                                  @Schema(required = true, nullable = true) String recipientId,
                                  @Schema(required = true) List<String> actions,
                                  @Schema(required = true) boolean reshareAllowed,
                                  @Schema(required = true) ShareStatus status,
                                  @Schema(required = true) long createdTimestamp,
                                  @Schema(required = true, nullable = true) Long respondedTimestamp,
                                  @Schema(required = true, nullable = true) Long expiresAt,
                                  @Schema(required = true, nullable = true, implementation = Boolean.class) MailDelivery invitationSent) {

    static ShareRepresentation of(ShareModel share, String resourceName, String ownerName) {
        return new ShareRepresentation(share.getId(), share.getResourceType(), share.getResourceId(), resourceName,
                share.getOwnerId(), ownerName, share.getRecipientEmail(), share.getRecipientId(), share.getActions(),
                share.isReshareAllowed(), share.statusAt(Time.currentTimeMillis()), share.getCreatedAt(),
                share.getRespondedAt(), share.getExpiresAt(), null);
    }

    /** The answer to an invitation, which tells whether its mail went out (null in every other answer). */
    ShareRepresentation withInvitation(MailDelivery delivery) {
        return new ShareRepresentation(id, resourceType, resourceId, resourceName, ownerId, ownerName, email, recipientId,
                actions, reshareAllowed, status, createdTimestamp, respondedTimestamp, expiresAt, delivery);
    }

    /**
     * Whether an invitation's mail went out. Mails go out only after the transaction commits, which Keycloak does
     * before it writes the answer, so the answer says what happened.
     */
    public static final class MailDelivery {

        private volatile boolean sent;

        void sent(boolean value) {
            this.sent = value;
        }

        @JsonValue
        public boolean sent() {
            return sent;
        }
    }
}
