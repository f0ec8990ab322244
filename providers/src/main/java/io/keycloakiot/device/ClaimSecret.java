package io.keycloakiot.device;

import io.keycloakiot.model.DeviceModel;
import io.keycloakiot.token.TokenFormat;

/**
 * A fleet device's one-time claim secret, the proof of possession its first owner shows at onboarding (as in the
 * fleet provisioning of AWS IoT and ThingsBoard). It is made when an administrator creates, imports or re-keys a
 * fleet device, shown once, kept as a SHA-256 only, and used up by the claim. Refused claims are counted on the
 * device row, so the lock-out holds on every node of a cluster.
 */
public final class ClaimSecret {

    /** Recognisable as the pack's (secret scanners), and no token kind: introspection never takes it for a token. */
    public static final String PREFIX = "iotc";
    /** Refused claims in a row, each within {@link #LOCKOUT_MILLIS} of the last, that lock the device's claim. */
    static final int MAX_FAILURES = 5;
    public static final long LOCKOUT_MILLIS = 15 * 60 * 1000L;

    private ClaimSecret() {
    }

    /** Gives the device a new secret, voiding the one before and lifting a lock-out; returns it, to be shown once. */
    public static String issue(DeviceModel device, Long expiresAt) {
        device.clearClaimSecret();
        String secret = TokenFormat.generateSecret(PREFIX);
        device.setClaimSecretHash(TokenFormat.hash(secret));
        device.setClaimSecretExpiresAt(expiresAt);
        return secret;
    }

    /** A fleet device with a secret that has not expired. */
    public static boolean claimable(DeviceModel device, long now) {
        return device.getOwnerId() == null && device.getClaimSecretHash() != null
                && (device.getClaimSecretExpiresAt() == null || device.getClaimSecretExpiresAt() > now);
    }

    public static boolean lockedOut(DeviceModel device, long now) {
        return device.getClaimFailures() >= MAX_FAILURES && device.getClaimFailedAt() != null
                && now < device.getClaimFailedAt() + LOCKOUT_MILLIS;
    }

    /** Whether the presented secret is the device's live one (compared in constant time). */
    public static boolean matches(DeviceModel device, String presented, long now) {
        return presented != null && claimable(device, now) && TokenFormat.matches(presented, device.getClaimSecretHash());
    }

    /** Counts a refused claim; a count whose last failure is older than the lock-out window starts again. */
    public static void recordFailure(DeviceModel device, long now) {
        boolean stale = device.getClaimFailedAt() == null || now - device.getClaimFailedAt() >= LOCKOUT_MILLIS;
        device.setClaimFailures(stale ? 1 : device.getClaimFailures() + 1);
        device.setClaimFailedAt(now);
    }
}
