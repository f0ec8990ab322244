package io.keycloakiot.share;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
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
                                  @Schema(required = true, nullable = true) Boolean invitationSent) {

    static ShareRepresentation of(IotShareEntity share, String resourceName, String ownerName) {
        return new ShareRepresentation(share.getId(), share.getResourceType(), share.getResourceId(), resourceName,
                share.getOwnerId(), ownerName, share.getRecipientEmail(), share.getRecipientId(), share.actionList(),
                share.isReshareAllowed(), share.statusAt(Time.currentTimeMillis()), share.getCreatedAt(),
                share.getRespondedAt(), share.getExpiresAt(), null);
    }

    /** The answer to an invitation: whether its mail went out (null in every other answer). */
    ShareRepresentation withInvitationSent(boolean sent) {
        return new ShareRepresentation(id, resourceType, resourceId, resourceName, ownerId, ownerName, email, recipientId,
                actions, reshareAllowed, status, createdTimestamp, respondedTimestamp, expiresAt, sent);
    }
}
