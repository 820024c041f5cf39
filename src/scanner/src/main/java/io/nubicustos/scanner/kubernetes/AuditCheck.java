package io.nubicustos.scanner.kubernetes;

import java.util.List;
import java.util.Map;

import io.nubicustos.model.finding.Severity;

/** One check of the built-in audit, with the benchmark requirements it implements. */
public record AuditCheck(String id, Severity severity, String title, String remediation, Map<String, List<String>> compliance) {

    static AuditCheck of(String id, Severity severity, String title, String remediation, String cis, String nsa, String pss) {
        var map = new java.util.LinkedHashMap<String, List<String>>();
        if (cis != null) {
            map.put("CIS-Kubernetes-1.8", List.of(cis));
        }
        if (nsa != null) {
            map.put("NSA-CISA-Kubernetes-Hardening", List.of(nsa));
        }
        if (pss != null) {
            map.put("Pod-Security-Standards", List.of(pss));
        }
        return new AuditCheck(id, severity, title, remediation, Map.copyOf(map));
    }
}
