package io.nubicustos.operator.chart;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One request to the Kubernetes API, as its authorizer sees it: verb, API group, resource (with
 * subresource), namespace and name. Parsed from method and path as the API server's request-info
 * resolver does; a path outside /api and /apis (or a discovery document) is a non-resource request.
 */
record ApiRequest(String verb, String group, String resource, String namespace, String name, String path) {

    /** Subresources of a namespace object itself (/api/v1/namespaces/x/status), not a namespaced collection. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    static ApiRequest parse(String method, String rawPath) {
        URI uri = URI.create(rawPath);
        String path = uri.getPath();
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        List<String> parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
        String group;
        List<String> rest;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = parts.subList(3, parts.size());
        } else {
            return nonResource(method, path);
        }
        if (rest.isEmpty()) {
            return nonResource(method, path);
        }
        String namespace = null;
        if (rest.get(0).equals("namespaces") && rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        if (rest.size() > 2) {
            resource = resource + "/" + rest.get(2);
        }
        if (resource.equals("namespaces") && name != null && namespace == null) {
            namespace = name;
        }
        boolean watch = query.contains("watch=true") || query.contains("watch=1");
        String verb = switch (method) {
            case "GET", "HEAD" -> name == null ? (watch ? "watch" : "list") : (watch ? "watch" : "get");
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> throw new IllegalArgumentException("unexpected method " + method + " " + rawPath);
        };
        return new ApiRequest(verb, group, resource, namespace, name, path);
    }

    private static ApiRequest nonResource(String method, String path) {
        return new ApiRequest(method.toLowerCase(java.util.Locale.ROOT), null, null, null, null, path);
    }

    boolean isResource() {
        return resource != null;
    }

    /** What it needs, as a rule would name it: group/resource verb. */
    String permission() {
        return isResource() ? (group.isEmpty() ? "core" : group) + "/" + resource + " " + verb : verb + " " + path;
    }

    @Override
    public String toString() {
        return permission() + (name == null ? "" : " " + name) + (namespace == null ? "" : " in " + namespace);
    }
}
