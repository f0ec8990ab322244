package io.keycloakiot.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.keycloak.utils.EmailValidationUtil;

/**
 * What a name, description or identifier may contain; {@code field} is the field's path in its request body
 * (a refusal is {@link ApiError#invalidField}). Names are NFC-normalised and trimmed; characters
 * that render invisibly or reorder text (controls, format characters such as bidi overrides and
 * zero-width joiners, unpaired surrogates, private-use and unassigned code points) are refused so two
 * devices cannot look alike while differing, and nothing breaks a log line or a CSV export.
 */
public final class TextRules {

    public static final int NAME_MAX = 255;
    public static final int DESCRIPTION_MAX = 2048;
    public static final int IDENTIFIER_MAX = 255;
    public static final int TYPE_MAX = 64;

    /** Serials, MAC addresses, URNs, model names: printable ASCII without spaces, quotes or separators of CSV. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+\\-]*");

    private TextRules() {
    }

    /** A display name: required, 1..max code points of visible text, line breaks not allowed. */
    public static String name(String field, String value, int max) {
        String text = freeText(field, value, max, false);
        if (text.isEmpty()) {
            throw ApiError.invalidField(field, "must not be blank");
        }
        return text;
    }

    /** Free text such as a description: may be empty, may contain line breaks and tabs. */
    public static String description(String field, String value, int max) {
        return freeText(field, value, max, true);
    }

    /** A machine identifier (device type, external id, attribute key). */
    public static String identifier(String field, String value, int max) {
        if (value.isEmpty() || value.length() > max || !IDENTIFIER.matcher(value).matches()) {
            throw ApiError.invalidField(field, "must be 1.." + max
                    + " characters of letters, digits and . _ : @ / + - (starting with a letter or digit)");
        }
        return value;
    }

    /**
     * An e-mail address: visible characters only (no zero-width, bidi or control tricks that would make one address
     * look like another), lower-cased, and valid by Keycloak's own address rule.
     */
    public static String email(String field, String value, int max) {
        String email = freeText(field, value, max, false).toLowerCase(Locale.ROOT);
        if (!EmailValidationUtil.isValidEmail(email)) {
            throw ApiError.invalidField(field, "must be an e-mail address");
        }
        return email;
    }

    private static String freeText(String field, String value, int max, boolean multiline) {
        String text = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
        // Counted in UTF-16 units, as JavaScript's length and every database's VARCHAR agree on it.
        if (text.length() > max) {
            throw ApiError.invalidField(field, "must be at most " + max
                    + " characters (UTF-16 units: most emoji count as two)");
        }
        for (int cp : text.codePoints().toArray()) {
            if (multiline && (cp == '\n' || cp == '\r' || cp == '\t')) {
                continue;
            }
            if (!visible(cp)) {
                throw ApiError.invalidField(field, "contains a control or invisible character (U+"
                        + String.format("%04X", cp) + ")");
            }
        }
        return text;
    }

    private static boolean visible(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
