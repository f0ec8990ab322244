package io.keycloakiot.common;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.common.util.Time;

/** An optional expiry in a request: epoch milliseconds or an ISO-8601 instant, in the future; absent or null = never. */
public final class Expiry {

    /** The latest expiry accepted: the end of year 9999, so epoch-millisecond longs never overflow. */
    public static final long MAX = 253402300799999L;

    private Expiry() {
    }

    public static Long parse(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        long millis;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            millis = node.longValue();
        } else if (node.isTextual()) {
            try {
                millis = Instant.parse(node.textValue()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw ApiError.badRequest("'" + field + "' must be epoch milliseconds or an ISO-8601 instant such as 2030-01-31T00:00:00Z");
            }
        } else {
            throw ApiError.badRequest("'" + field + "' must be epoch milliseconds or an ISO-8601 instant");
        }
        if (millis <= Time.currentTimeMillis() || millis > MAX) {
            throw ApiError.badRequest("'" + field + "' must be in the future and before the year 10000");
        }
        return millis;
    }
}
