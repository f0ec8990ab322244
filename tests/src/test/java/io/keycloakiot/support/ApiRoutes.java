package io.keycloakiot.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import io.keycloakiot.rest.AdminApi;
import io.keycloakiot.rest.SelfServiceApi;

/**
 * Every route of the pack's self-service and admin API, read from the JAX-RS annotations of the resource
 * classes (resource methods and sub-resource locators, inherited ones included), so a new route is seen by
 * the sweeps without anyone listing it.
 */
public final class ApiRoutes {

    private static final Pattern PARAM = Pattern.compile("\\{\\s*(\\w+)\\s*(?::[^}]*)?}");
    private static final int MAX_DEPTH = 6;

    /** The two APIs and the base path each is served under: for any realm, and for the tests' realm {@code iot}. */
    public enum Api {
        SELF("/realms/{realm}/iot"), ADMIN("/admin/realms/{realm}/iot");

        public final String baseTemplate;
        public final String base;

        Api(String baseTemplate) {
            this.baseTemplate = baseTemplate;
            this.base = baseTemplate.replace("{realm}", IotApi.REALM);
        }
    }

    /** One route: {@code template} is relative to the API's base and keeps its {@code {param}} names. */
    public record Route(Api api, String method, String template, List<String> pathParams, List<String> queryParams,
                        boolean takesBody) {

        /** How the expectation tables name a route, e.g. {@code SELF PUT /devices/{id}}. */
        public String key() {
            return api + " " + method + " " + template;
        }

        public boolean writes() {
            return !method.equals("GET");
        }

        /** The full path as the OpenAPI contract names it, {@code {realm}} included. */
        public String fullTemplate() {
            return api.baseTemplate + template;
        }

        /** The path with each parameter replaced by its value. */
        public String path(java.util.function.Function<String, String> values) {
            Matcher m = PARAM.matcher(template);
            StringBuilder out = new StringBuilder(api.base);
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(values.apply(m.group(1))));
            }
            m.appendTail(out);
            return out.toString();
        }

        @Override
        public String toString() {
            return key();
        }
    }

    private ApiRoutes() {
    }

    /** Every route of both APIs, sorted by key. */
    public static List<Route> all() {
        List<Route> routes = new ArrayList<>();
        walk(Api.SELF, SelfServiceApi.class, "", routes, 0);
        walk(Api.ADMIN, AdminApi.class, "", routes, 0);
        routes.sort(Comparator.comparing(Route::key));
        return routes;
    }

    public static List<Route> writes() {
        return all().stream().filter(Route::writes).toList();
    }

    private static void walk(Api api, Class<?> type, String prefix, List<Route> out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("sub-resource locators nest deeper than " + MAX_DEPTH + " at " + prefix);
        }
        for (Method method : type.getMethods()) {
            Method annotated = annotated(method);
            if (annotated == null) {
                continue;
            }
            Path path = annotated.getAnnotation(Path.class);
            String template = path == null ? prefix : join(prefix, path.value());
            String http = httpMethod(annotated);
            if (http != null) {
                boolean body = java.util.Arrays.stream(annotated.getParameters())
                        .anyMatch(p -> p.getAnnotations().length == 0);
                List<String> query = java.util.Arrays.stream(annotated.getParameters())
                        .filter(p -> p.isAnnotationPresent(QueryParam.class))
                        .map(p -> p.getAnnotation(QueryParam.class).value()).toList();
                out.add(new Route(api, http, template.isEmpty() ? "/" : template, params(template), query, body));
            } else {
                walk(api, method.getReturnType(), template, out, depth + 1);
            }
        }
    }

    /** The method itself or the overridden one up the class chain that carries the JAX-RS annotations. */
    private static Method annotated(Method method) {
        for (Class<?> c = method.getDeclaringClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method candidate = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (candidate.isAnnotationPresent(Path.class) || httpMethod(candidate) != null) {
                    return candidate;
                }
            } catch (NoSuchMethodException e) {
                // not declared at this level
            }
        }
        return null;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String prefix, String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? prefix : prefix + "/" + trimmed;
    }

    private static List<String> params(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
