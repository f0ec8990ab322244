package io.keycloakiot.share;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.keycloak.common.util.Time;

/**
 * A share as its owner and its recipient see it. Times are epoch milliseconds; {@code status} is as of now
 * ({@code EXPIRED} once past {@code expiresAt}); {@code invitationSent} only in the answer to an invitation.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ShareRepresentation(String id, String resourceType, String resourceId, String resourceName, String ownerId,
                                  String ownerName, String email, String recipientId, List<String> actions,
                                  boolean reshareAllowed, ShareStatus status, long createdTimestamp,
                                  Long respondedTimestamp, Long expiresAt, Boolean invitationSent) {

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
