package io.nubicustos.findings.http;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/** Records the matched route template ({@code /api/scans/{id}}) for the access log: ids never reach the log. */
public class RouteTemplates {

    private final Map<Method, String> templates = new ConcurrentHashMap<>();
    private final CurrentVertxRequest current;

    public RouteTemplates(CurrentVertxRequest current) {
        this.current = current;
    }

    @ServerRequestFilter(preMatching = false)
    public void record(SimpleResourceInfo info) {
        if (current.getCurrent() == null || info == null || info.getResourceClass() == null) {
            return;
        }
        Method method = resolve(info);
        if (method == null) {
            return;
        }
        RequestContext.of(current.getCurrent()).route(templates.computeIfAbsent(method, m -> template(info.getResourceClass(), m)));
    }

    private static Method resolve(SimpleResourceInfo info) {
        try {
            return info.getResourceClass().getMethod(info.getMethodName(), info.parameterTypes());
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    public static String template(Class<?> resource, Method method) {
        Path type = resource.getAnnotation(Path.class);
        Path own = method.getAnnotation(Path.class);
        String base = type == null ? "" : type.value();
        String rest = own == null ? "" : own.value();
        String joined = (base + "/" + rest).replaceAll("/+", "/");
        // Regular expressions in templates ({id: [0-9]+}) are noise in a log.
        joined = joined.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
