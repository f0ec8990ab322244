package io.keycloakiot.common;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import org.keycloak.common.util.Time;

/**
 * An optional expiry in a request: epoch milliseconds or an ISO-8601 instant, in the future; absent or null = never.
 * A record component reads it with {@code @JsonDeserialize(using = Expiry.Reader.class)} and checks it with
 * {@link #future}.
 */
public final class Expiry {

    /** The latest expiry accepted: the end of year 9999, so epoch-millisecond longs never overflow. */
    public static final long MAX = 253402300799999L;

    private Expiry() {
    }

    /** The expiry, or null for none; a 400 unless it is in the future and before the year 10000. */
    public static Long future(String field, Long millis) {
        if (millis != null && (millis <= Time.currentTimeMillis() || millis > MAX)) {
            throw ApiError.invalidField(field, "must be in the future and before the year 10000");
        }
        return millis;
    }

    /** Epoch milliseconds (a whole JSON number) or an ISO-8601 instant (a string), as epoch milliseconds. */
    public static final class Reader extends StdScalarDeserializer<Long> {

        public Reader() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_NUMBER_INT) && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return parser.getLongValue();
            }
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                try {
                    return Instant.parse(parser.getText()).toEpochMilli();
                } catch (DateTimeParseException | ArithmeticException e) {
                    throw Json.refused(parser, "must be epoch milliseconds or an ISO-8601 instant such as 2030-01-31T00:00:00Z");
                }
            }
            throw Json.refused(parser, "must be epoch milliseconds or an ISO-8601 instant");
        }
    }
}
