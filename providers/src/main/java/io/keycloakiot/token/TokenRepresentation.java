package io.keycloakiot.token;

import io.keycloakiot.model.cache.LastUseRecorder;

import io.keycloakiot.model.TokenModel;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.keycloakiot.permission.Permission;
import io.keycloakiot.permission.PermissionList;

/**
 * A token as listed: never its secret. {@code token} is present only in the answer that creates it, the one
 * time the secret is shown. Times are epoch milliseconds; {@code expiresAt} null = never expires;
 * {@code permissions} null = the default of a device or ground token (every device-level action). "Last used" names the
 * client that presented the token ({@code lastUsedVia}) and whose address {@code lastUsedIp} is ({@code lastUsedIpOf}:
 * {@code client}, that client's own, or {@code holder}, the holder's as a trusted client reported it).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TokenRepresentation(String id, String kind, String name,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String token,
                                  long createdTimestamp, String createdBy, Long expiresAt, Long lastUsedTimestamp,
                                  String lastUsedIp, String lastUsedVia, String lastUsedIpOf, boolean enabled,
                                  List<Permission> permissions) {

    static TokenRepresentation of(TokenModel credential, String token) {
        LastUseRecorder.Use pending = LastUseRecorder.NODE.lastNoted(credential.getId());
        boolean newer = pending != null && (credential.getLastUsedAt() == null || pending.at() > credential.getLastUsedAt());
        return new TokenRepresentation(credential.getId(), credential.getKind().name().toLowerCase(Locale.ROOT),
                credential.getName(), token, credential.getCreatedAt(), credential.getCreatedBy(), credential.getExpiresAt(),
                newer ? Long.valueOf(pending.at()) : credential.getLastUsedAt(), newer ? pending.ip() : credential.getLastUsedIp(),
                newer ? pending.via() : credential.getLastUsedVia(), newer ? pending.ipOf() : credential.getLastUsedIpOf(),
                credential.isEnabled(), PermissionList.fromJson(credential.getPermissions()));
    }

    /** The same without the address it was last used from (people's data). */
    TokenRepresentation withoutLastUsedIp() {
        return new TokenRepresentation(id, kind, name, token, createdTimestamp, createdBy, expiresAt, lastUsedTimestamp, null,
                lastUsedVia, null, enabled, permissions);
    }
}
