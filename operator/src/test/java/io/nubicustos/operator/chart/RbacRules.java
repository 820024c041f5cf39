package io.nubicustos.operator.chart;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;

/**
 * The rules of a ClusterRole (anywhere) or a Role (its namespace only), evaluated as the RBAC
 * authorizer does, and expanded into the single permissions they grant so that unused ones show.
 */
final class RbacRules {

    /** One granted permission: group, resource, verb, and the one object name it is limited to (or null). */
    record Grant(String source, String group, String resource, String verb, String resourceName) {

        boolean covers(ApiRequest request) {
            return request.isResource() && group.equals(request.group()) && (resource.equals("*") || resource.equals(request.resource()))
                    && (verb.equals("*") || verb.equals(request.verb()))
                    && (resourceName == null || resourceName.equals(request.name()));
        }

        @Override
        public String toString() {
            return (group.isEmpty() ? "core" : group) + "/" + resource + " " + verb + (resourceName == null ? "" : " [" + resourceName + "]")
                    + " (" + source + ")";
        }
    }

    private final List<Grant> grants = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();

    /** Rules of a ClusterRole bound cluster-wide (namespace null) or of a Role in one namespace. */
    RbacRules add(String source, String namespace, List<PolicyRule> rules) {
        for (PolicyRule rule : rules) {
            if (rule.getNonResourceURLs() != null && !rule.getNonResourceURLs().isEmpty()) {
                throw new AssertionError(source + " grants non-resource URLs: " + rule.getNonResourceURLs());
            }
            List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                    ? java.util.Collections.singletonList(null) : rule.getResourceNames();
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        for (String name : names) {
                            grants.add(new Grant(source, group, resource, verb, name));
                            namespaces.add(namespace);
                        }
                    }
                }
            }
        }
        return this;
    }

    List<Grant> grants() {
        return List.copyOf(grants);
    }

    /** The grants allowing the request; empty when RBAC would answer 403. */
    List<Grant> allowing(ApiRequest request) {
        List<Grant> allowing = new ArrayList<>();
        for (int i = 0; i < grants.size(); i++) {
            String scope = namespaces.get(i);
            if ((scope == null || scope.equals(request.namespace())) && grants.get(i).covers(request)) {
                allowing.add(grants.get(i));
            }
        }
        return allowing;
    }
}
