package io.keycloakiot.common;

import java.util.Locale;

/** Builds a case-insensitive LIKE pattern in which the user's own % and _ match literally. */
public final class Search {

    public static final char ESCAPE = '!';

    private Search() {
    }

    public static String containsPattern(String text) {
        String escaped = text.toLowerCase(Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }
}
