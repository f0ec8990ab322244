package io.keycloakiot.device;

import io.keycloakiot.model.InMemoryModel;
import io.keycloakiot.token.TokenFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claim secret's rules on a device row, with the clock passed in. */
class ClaimSecretTest {

    private static final long NOW = 1_900_000_000_000L;

    @Test
    void aSecretMatchesOnlyItsFleetDeviceUntilItExpires() {
        InMemoryModel.Device device = new InMemoryModel.Device("d1", null);
        String secret = ClaimSecret.issue(device, NOW + 1000);
        assertTrue(secret.startsWith("iotc_"));
        assertFalse(TokenFormat.looksLikePackToken(secret), "never taken for a token by introspection");
        assertEquals(TokenFormat.hash(secret), device.getClaimSecretHash(), "only the hash is kept");
        assertTrue(ClaimSecret.matches(device, secret, NOW));
        assertFalse(ClaimSecret.matches(device, secret + "x", NOW));
        assertFalse(ClaimSecret.matches(device, null, NOW));
        assertFalse(ClaimSecret.matches(device, secret, NOW + 1000), "expired");
        device.setOwnerId("someone");
        assertFalse(ClaimSecret.matches(device, secret, NOW), "an owned device is not claimed");
    }

    @Test
    void aNewSecretVoidsTheOldOneAndClearingForgetsIt() {
        InMemoryModel.Device device = new InMemoryModel.Device("d1", null);
        String first = ClaimSecret.issue(device, null);
        String second = ClaimSecret.issue(device, null);
        assertNotEquals(first, second);
        assertFalse(ClaimSecret.matches(device, first, NOW));
        assertTrue(ClaimSecret.matches(device, second, NOW), "no expiry = until used");
        device.clearClaimSecret();
        assertFalse(ClaimSecret.matches(device, second, NOW));
        assertNull(device.getClaimSecretHash());
    }

    @Test
    void fiveRefusalsInARowLockTheClaimForTheWindow() {
        InMemoryModel.Device device = new InMemoryModel.Device("d1", null);
        String secret = ClaimSecret.issue(device, null);
        for (int i = 0; i < ClaimSecret.MAX_FAILURES; i++) {
            assertFalse(ClaimSecret.lockedOut(device, NOW + i));
            ClaimSecret.recordFailure(device, NOW + i);
        }
        long last = NOW + ClaimSecret.MAX_FAILURES - 1;
        assertTrue(ClaimSecret.lockedOut(device, last + 1));
        assertTrue(ClaimSecret.lockedOut(device, last + ClaimSecret.LOCKOUT_MILLIS - 1));
        assertFalse(ClaimSecret.lockedOut(device, last + ClaimSecret.LOCKOUT_MILLIS));
        // After the window the count starts again.
        ClaimSecret.recordFailure(device, last + ClaimSecret.LOCKOUT_MILLIS);
        assertEquals(1, device.getClaimFailures());
        // A new secret lifts a lock at once.
        ClaimSecret.recordFailure(device, NOW);
        ClaimSecret.issue(device, null);
        assertFalse(ClaimSecret.lockedOut(device, NOW));
        assertFalse(ClaimSecret.matches(device, secret, NOW));
    }
}
