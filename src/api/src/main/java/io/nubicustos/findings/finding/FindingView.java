package io.nubicustos.findings.finding;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One finding as the API answers it; absent fields are left out. Lists carry no description or
 * remediation: a page stays small, and {@code GET /api/findings/{id}} has them.
 *
 * @param scope the namespace of the ScanJob(s) that found it: what a namespaced key is limited to
 * @param namespace the Kubernetes namespace of the resource, for cluster findings
 * @param locations the places within the resource the latest run that saw it reported, at most
 *        100 (left out of pages, like the long texts)
 * @param locationCount how many places that run reported: more than {@code locations} holds when it was cut
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindingView(long id, String fingerprint, String scope, List<String> tools, String provider, String account, String region,
        String namespace, String resourceType, String resource, String checkId, String control, String severity, String title,
        String description, String remediation, Map<String, List<String>> compliance, String status, String statusReason,
        String statusOwner, Instant statusExpiresAt, Instant firstSeen, Instant lastSeen, Instant fixedAt, List<String> locations,
        int locationCount) {
}
