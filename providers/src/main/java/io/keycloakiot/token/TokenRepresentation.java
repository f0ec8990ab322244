package io.keycloakiot.token;

import io.keycloakiot.model.cache.LastUseRecorder;

import io.keycloakiot.model.TokenModel;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionList;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A token as listed: never its secret. {@code token} is present only in the answer that creates it, the one
 * time the secret is shown. Times are epoch milliseconds; {@code expiresAt} null = never expires;
 * {@code permissions} null = the default of a device or ground token (every device-level action). "Last used" names the
 * client that presented the token ({@code lastUsedVia}) and whose address {@code lastUsedIp} is ({@code lastUsedIpOf}:
 * {@code client}, that client's own, or {@code holder}, the holder's as a trusted client reported it).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Token", description = "A device, ground or profile token as listed, never its secret but in the answer that"
        + " creates it. `expiresAt` null = never expires; `permissions` null = every device-level action (a device or ground"
        + " token's default). `lastUsedIp` is the address of `lastUsedIpOf`: `client`, the presenting client `lastUsedVia`, or"
        + " `holder`, as a trusted client reported it; shown only to whoever may read people's data.")
public record TokenRepresentation(@Schema(required = true) String id,
                                  @Schema(required = true, enumeration = {"device", "ground", "profile"}) String kind,
                                  @Schema(required = true) String name,
                                  @Schema(description = "the token itself, only in the answer that creates it")
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String token,
                                  @Schema(required = true) long createdTimestamp,
                                  @Schema(required = true, nullable = true) String createdBy,
                                  @Schema(required = true, nullable = true) Long expiresAt,
                                  @Schema(required = true, nullable = true) Long lastUsedTimestamp,
                                  @Schema(required = true, nullable = true) String lastUsedIp,
                                  @Schema(required = true, nullable = true) String lastUsedVia,
                                  @Schema(required = true, nullable = true, enumeration = {"client", "holder"}) String lastUsedIpOf,
                                  @Schema(required = true) boolean enabled,
                                  @Schema(required = true, nullable = true) List<Permission> permissions) {

    static TokenRepresentation of(TokenModel stored, String token) {
        LastUseRecorder.Use pending = LastUseRecorder.NODE.lastNoted(stored.getId());
        boolean newer = pending != null && (stored.getLastUsedAt() == null || pending.at() > stored.getLastUsedAt());
        return new TokenRepresentation(stored.getId(), stored.getKind().name().toLowerCase(Locale.ROOT),
                stored.getName(), token, stored.getCreatedAt(), stored.getCreatedBy(), stored.getExpiresAt(),
                newer ? Long.valueOf(pending.at()) : stored.getLastUsedAt(), newer ? pending.ip() : stored.getLastUsedIp(),
                newer ? pending.via() : stored.getLastUsedVia(), newer ? pending.ipOf() : stored.getLastUsedIpOf(),
                stored.isEnabled(), PermissionList.fromJson(stored.getPermissions()));
    }

    /** The same without the address it was last used from (people's data). */
    TokenRepresentation withoutLastUsedIp() {
        return new TokenRepresentation(id, kind, name, token, createdTimestamp, createdBy, expiresAt, lastUsedTimestamp, null,
                lastUsedVia, null, enabled, permissions);
    }
}
