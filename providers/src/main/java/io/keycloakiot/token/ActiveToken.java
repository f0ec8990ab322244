package io.keycloakiot.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A token that passed every check at the moment of use: what introspection and token exchange tell a
 * resource server, in standard claim names (RFC 7662, RFC 9396 {@code authorization_details}).
 */
public record ActiveToken(CredentialSnapshot credential, String subjectId, String ownerId, List<String> memberDeviceIds) {

    /** What a device or ground token allows on its device(s) until the permission catalogue refines it. */
    public static final List<String> DEVICE_ACTIONS = List.of("read", "write", "control");

    /**
     * How many member devices a ground token's claims list; a larger ground is better asked device by device
     * (the authorization check API).
     */
    public static final int MAX_LISTED_MEMBERS = 1000;

    public TokenKind kind() {
        return credential.kind();
    }

    /**
     * The claims shared by introspection answers and exchanged JWTs (times in epoch seconds). A ground token's
     * {@code authorization_details} name the ground and each device in it at this moment, so membership changes
     * show on the next request.
     */
    public Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subjectId);
        claims.put("iat", credential.createdAt() / 1000);
        if (credential.expiresAt() != null) {
            claims.put("exp", credential.expiresAt() / 1000);
        }
        claims.put("jti", credential.id());
        String resourceType = kind() == TokenKind.DEVICE ? "device" : "ground";
        claims.put(resourceType + "_id", subjectId);
        if (ownerId != null) {
            claims.put("owner_id", ownerId);
        }
        claims.put("scope", String.join(" ", DEVICE_ACTIONS.stream().map(action -> "device:" + action).toList()));
        List<Map<String, Object>> details = new ArrayList<>();
        details.add(detail("iot_" + resourceType, subjectId));
        memberDeviceIds.forEach(deviceId -> details.add(detail("iot_device", deviceId)));
        claims.put("authorization_details", details);
        return claims;
    }

    private static Map<String, Object> detail(String type, String identifier) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("type", type);
        detail.put("identifier", identifier);
        detail.put("actions", DEVICE_ACTIONS);
        return detail;
    }
}
