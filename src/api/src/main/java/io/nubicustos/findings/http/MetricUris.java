package io.nubicustos.findings.http;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * HTTP metrics are tagged by route template only: the {@code uri} of a request that matched no
 * route (an unauthenticated probe of odd paths, a 404) is {@value #UNMATCHED}, so whoever sends
 * requests cannot add series to {@code /q/metrics}.
 */
@Singleton
public class MetricUris {

    public static final String UNMATCHED = "UNMATCHED";

    @Produces
    @Singleton
    MeterFilter routeTemplatesOnly(BeanManager beans) {
        Set<String> known = new HashSet<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (type.isAnnotationPresent(Path.class)) {
                for (Method method : type.getMethods()) {
                    if (method.isAnnotationPresent(Path.class) || isResourceMethod(method)) {
                        known.add(RouteTemplates.template(type, method));
                    }
                }
            }
        }
        Set<String> templates = Set.copyOf(known);
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag("uri");
                if (uri == null || !id.getName().startsWith("http.server")) {
                    return id;
                }
                String kept = known(uri, templates);
                return kept.equals(uri) ? id : id.replaceTags(id.getTags().stream()
                        .map(tag -> tag.getKey().equals("uri") ? Tag.of("uri", kept) : tag).toList());
            }
        };
    }

    /** The tag a {@code uri} keeps: a route template or a fixed public path as it is, anything else {@value #UNMATCHED}. */
    static String known(String uri, Set<String> templates) {
        String template = uri.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
        if (templates.contains(template) || templates.contains(template.replaceAll("/+$", ""))) {
            return uri;
        }
        String fixed = EdgeFilter.publicRoute(uri);
        return fixed.equals(uri) ? uri : UNMATCHED;
    }

    private static boolean isResourceMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }
}
