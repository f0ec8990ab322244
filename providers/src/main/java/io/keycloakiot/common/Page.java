package io.keycloakiot.common;

/**
 * A bounded window of a list, from the {@code first} and {@code max} query parameters. They arrive as
 * strings so that a non-number answers 400 rather than JAX-RS's 404.
 */
public record Page(int first, int max) {

    public static final int DEFAULT_MAX = 100;
    public static final int MAX_MAX = 1000;

    public static Page of(String first, String max) {
        int from = parse("first", first, 0, 0, Integer.MAX_VALUE);
        int size = parse("max", max, DEFAULT_MAX, 1, MAX_MAX);
        return new Page(from, size);
    }

    private static int parse(String name, String value, int fallback, int min, int limit) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= limit) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiError.badRequest("'" + name + "' must be an integer from " + min + " to " + limit);
    }
}
