package io.keycloakiot.check;

import io.keycloakiot.common.Json;
import org.junit.jupiter.api.Test;
import org.keycloak.services.ErrorResponseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CheckRequestsTest {

    @Test
    void aBatchNamesTheCheckThatIsWrong() {
        String checks = "{\"resource\":{\"type\":\"device\",\"id\":\"d1\"},\"action\":\"read\"},".repeat(2);
        assertEquals("$.checks[2].resource.id is required", refusal("{\"token\":\"t\",\"checks\":[" + checks
                + "{\"resource\":{\"type\":\"device\"},\"action\":\"read\"}]}", CheckRequests.Batch.class));
        assertEquals("$.checks[0].action is required",
                refusal("{\"token\":\"t\",\"checks\":[{\"resource\":{\"type\":\"device\",\"id\":\"d1\"}}]}", CheckRequests.Batch.class));
        assertEquals("$.checks must be a list of 1..100 objects {\"resource\", \"action\"}",
                refusal("{\"token\":\"t\",\"checks\":[]}", CheckRequests.Batch.class));
        assertEquals("$.checks[0].resource.id must be 1..255 characters", refusal("{\"token\":\"t\",\"checks\":[{\"resource\":"
                + "{\"type\":\"device\",\"id\":\"\"},\"action\":\"read\"}]}", CheckRequests.Batch.class));
    }

    @Test
    void aCheckNeedsAToken() {
        assertEquals("$.token is required", refusal("{\"resource\":{\"type\":\"device\",\"id\":\"d1\"},\"action\":\"read\"}",
                CheckRequests.Check.class));
        assertEquals("$.token is longer than any token of this realm", refusal("{\"token\":\"" + "t".repeat(16_385)
                + "\",\"resource\":{\"type\":\"device\",\"id\":\"d1\"},\"action\":\"read\"}", CheckRequests.Check.class));
        assertEquals("10.0.0.1", Json.read("{\"token\":\"t\",\"resource\":{\"type\":\"device\",\"id\":\"d1\"},\"action\":\"read\","
                + "\"device_address\":\"10.0.0.1\"}", CheckRequests.Check.class).reportedAddress());
    }

    @Test
    void aListingPageIsWholeNumbers() {
        assertEquals("$.first must be a whole number",
                refusal("{\"token\":\"t\",\"type\":\"device\",\"action\":\"read\",\"first\":\"1\"}", CheckRequests.Listing.class));
        assertEquals("$.max must be a whole number",
                refusal("{\"token\":\"t\",\"type\":\"device\",\"action\":\"read\",\"max\":2.5}", CheckRequests.Listing.class));
    }

    private static String refusal(String body, Class<?> type) {
        return assertThrows(ErrorResponseException.class, () -> Json.read(body, type)).getErrorDescription();
    }
}
