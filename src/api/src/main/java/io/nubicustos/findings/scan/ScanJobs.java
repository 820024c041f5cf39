package io.nubicustos.findings.scan;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nubicustos.api.v1alpha1.common.Patterns;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobValidator;
import io.nubicustos.api.v1alpha1.scanjob.ScanPolicy;
import io.nubicustos.api.v1alpha1.scanjob.ScanPolicyCheck;
import io.nubicustos.findings.config.ScanPolicyConfig;
import io.nubicustos.findings.http.InvalidInput;
import io.nubicustos.model.kubernetes.Labels;

/**
 * Creates and suspends ScanJobs through the Kubernetes API, after the same validation the CRD
 * applies and the admin's scan policy (allowed images, caps) the operator and admission apply.
 */
@ApplicationScoped
public class ScanJobs {

    private final KubernetesClient client;
    private final ScanPolicy policy;

    public ScanJobs(KubernetesClient client, ScanPolicyConfig policy) {
        this.client = client;
        this.policy = policy.policy();
    }

    /** Validates and creates; returns the created object (with its uid). */
    public ScanJob create(ScanRequest request) {
        if (request == null) {
            throw new InvalidInput("body is required: {namespace, name, spec}");
        }
        if (request.namespace() == null || request.namespace().length() > 63 || !request.namespace().matches(Patterns.DNS_LABEL)) {
            throw new InvalidInput("namespace must be a DNS label (lower-case letters, digits, '-'; at most 63)");
        }
        if (request.name() == null || request.name().length() > 52 || !request.name().matches(Patterns.DNS_LABEL)) {
            // 52: room for the run suffix the operator appends to the Job's name.
            throw new InvalidInput("name must be a DNS label of at most 52 characters");
        }
        List<String> problems = ScanJobValidator.validate(request.spec());
        if (!problems.isEmpty()) {
            throw new InvalidInput("invalid spec: " + String.join("; ", problems));
        }
        List<ScanPolicyCheck.Violation> beyond = ScanPolicyCheck.violations(request.spec(), policy);
        if (!beyond.isEmpty()) {
            throw new InvalidInput("not allowed: " + String.join("; ", beyond.stream().map(ScanPolicyCheck.Violation::message).toList()));
        }
        ScanJob job = new ScanJob();
        job.setMetadata(new ObjectMetaBuilder().withNamespace(request.namespace()).withName(request.name())
                .addToLabels(Labels.MANAGED_BY, Labels.API).build());
        job.setSpec(request.spec());
        try {
            return client.resource(job).create();
        } catch (KubernetesClientException e) {
            throw KubernetesFailure.of(e, "a ScanJob of that name exists already in the namespace");
        }
    }

    /** Suspends a ScanJob: the operator stops scheduling it and cancels its active run. */
    public boolean suspend(String namespace, String name) {
        try {
            ScanJob job = client.resources(ScanJob.class).inNamespace(namespace).withName(name).get();
            if (job == null) {
                return false;
            }
            client.resources(ScanJob.class).inNamespace(namespace).withName(name).edit(j -> {
                j.getSpec().setSuspend(true);
                return j;
            });
            return true;
        } catch (KubernetesClientException e) {
            throw KubernetesFailure.of(e, "the ScanJob changed while it was being suspended: retry");
        }
    }
}
