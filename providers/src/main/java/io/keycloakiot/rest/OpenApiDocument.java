package io.keycloakiot.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.util.JsonSerialization;

/** The OpenAPI document the build generated into the jar ({@link OpenApiDocumentFilter}), as one server serves it. */
final class OpenApiDocument {

    /** Where the build writes it (providers/pom.xml, smallrye-open-api-maven-plugin). */
    static final String RESOURCE = "/META-INF/keycloak-iot/openapi.json";

    private OpenApiDocument() {
    }

    /** Read once, on first use. */
    private static final class Generated {
        static final ObjectNode DOCUMENT = read();

        private static ObjectNode read() {
            try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the jar");
                }
                return (ObjectNode) JsonSerialization.mapper.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The document with {@code baseUri} (Keycloak's base, under which the paths' {@code /realms/...} lie) as its server. */
    static ObjectNode servedBy(URI baseUri) {
        ObjectNode document = Generated.DOCUMENT.deepCopy();
        String base = baseUri.toString();
        document.putArray("servers").addObject().put("url", base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        return document;
    }
}
