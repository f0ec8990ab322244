package io.keycloakiot.common;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;

/**
 * A field of a request body that is absent, an explicit {@code null} or a value: an update leaves an absent field as
 * it is and clears one given as null (Keycloak's own PUT semantics), which a plain nullable component cannot tell
 * apart. {@link Json} binds an absent field as {@link #absent()}, never as Java null.
 */
@JsonDeserialize(using = Given.Reader.class)
public final class Given<T> {

    private static final Given<?> ABSENT = new Given<>(false, null);

    private final boolean present;
    private final T value;

    private Given(boolean present, T value) {
        this.present = present;
        this.value = value;
    }

    @SuppressWarnings("unchecked")
    public static <T> Given<T> absent() {
        return (Given<T>) ABSENT;
    }

    /** A field the body has, with this value (null for an explicit null). */
    public static <T> Given<T> of(T value) {
        return new Given<>(true, value);
    }

    /** Whether the body has the field, null or not. */
    public boolean present() {
        return present;
    }

    /** The field's value: null when it is absent or null. */
    public T value() {
        return value;
    }

    /** Whether the body has the field with an explicit null. */
    public boolean isNull() {
        return present && value == null;
    }

    @Override
    public String toString() {
        return present ? "Given[" + value + "]" : "Given.absent";
    }

    /** Reads the value with the strict deserializer of its own type; an absent field is {@link #absent()}. */
    static final class Reader extends JsonDeserializer<Given<?>> implements ContextualDeserializer {

        private final JsonDeserializer<Object> content;

        Reader() {
            this(null);
        }

        private Reader(JsonDeserializer<Object> content) {
            this.content = content;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            JavaType type = property != null ? property.getType() : context.getContextualType();
            return new Reader(context.findContextualValueDeserializer(type.containedTypeOrUnknown(0), property));
        }

        @Override
        public Given<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return of(content.deserialize(parser, context));
        }

        @Override
        public Given<?> getNullValue(DeserializationContext context) {
            return of(null);
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return ABSENT;
        }
    }
}
