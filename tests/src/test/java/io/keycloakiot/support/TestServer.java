package io.keycloakiot.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import org.keycloak.testframework.TestFrameworkExtension;
import org.keycloak.testframework.injection.DependenciesBuilder;
import org.keycloak.testframework.injection.Dependency;
import org.keycloak.testframework.injection.InstanceContext;
import org.keycloak.testframework.injection.RequestedInstance;
import org.keycloak.testframework.injection.Supplier;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * Where the server under test answers, as the Keycloak test framework started it ({@link KeycloakUrls}), for the
 * static helpers such as {@link IotApi}. A framework extension (listed in
 * {@code META-INF/services/org.keycloak.testframework.TestFrameworkExtension}) sets it before every test of a
 * {@code @KeycloakIntegrationTest}, so no test class injects it; anywhere else it fails instead of guessing a URL.
 */
public final class TestServer {

    private static volatile TestServer current;

    private final KeycloakUrls urls;

    private TestServer(KeycloakUrls urls) {
        this.urls = urls;
    }

    /** The server's base URL, without a trailing slash (such as {@code http://localhost:8080}). */
    public static String baseUrl() {
        return current().urls.getBase();
    }

    /** Keycloak's Prometheus {@code /metrics} on the management port. */
    public static String metricsUrl() {
        return current().urls.getMetric();
    }

    private static TestServer current() {
        TestServer server = current;
        if (server == null) {
            throw new IllegalStateException("no server under test: its URLs are set by the Keycloak test framework"
                    + " before each test of a @KeycloakIntegrationTest (TestServer.Extension)");
        }
        return server;
    }

    /** Has the framework supply the server's URLs to every test class, with or without a field for them. */
    public static final class Extension implements TestFrameworkExtension {

        @Override
        public List<Supplier<?, ?>> suppliers() {
            return List.of(new UrlsSupplier());
        }

        @Override
        public List<Class<?>> alwaysEnabledValueTypes() {
            return List.of(TestServer.class);
        }
    }

    /** The framework's suppliers are keyed by an annotation; nothing needs to be annotated with it. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectTestServer {
    }

    public static final class UrlsSupplier implements Supplier<TestServer, InjectTestServer> {

        @Override
        public List<Dependency> getDependencies(RequestedInstance<TestServer, InjectTestServer> instance) {
            return DependenciesBuilder.create(KeycloakUrls.class).build();
        }

        @Override
        public TestServer getValue(InstanceContext<TestServer, InjectTestServer> context) {
            current = new TestServer(context.getDependency(KeycloakUrls.class));
            return current;
        }

        @Override
        public boolean compatible(InstanceContext<TestServer, InjectTestServer> deployed,
                                  RequestedInstance<TestServer, InjectTestServer> requested) {
            return true;
        }

        @Override
        public void close(InstanceContext<TestServer, InjectTestServer> context) {
            if (current == context.getValue()) {
                current = null;
            }
        }
    }
}
