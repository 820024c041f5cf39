package io.nubicustos.operator.scanjob;

import java.util.List;
import java.util.Optional;

import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanPolicy;
import io.nubicustos.api.v1alpha1.scanjob.ScanPolicyCheck;
import io.nubicustos.operator.cloudcredential.CloudCredentialReconciler;
import io.nubicustos.operator.networksegment.NetworkSegmentReconciler;
import io.nubicustos.operator.status.Conditions;

/**
 * What must hold before a run can start — the admin's scan policy (images, caps, schedule), the credential, the segment, the tool's support for the
 * provider, host access — decided from the objects the informers hold, without I/O. A blocked
 * ScanJob is retried when the object that blocks it changes (it is watched), not by polling.
 */
public final class RunPreconditions {

    /** The CredentialResolved condition to report. */
    public record CredentialState(String status, String reason, String message) {
    }

    /** Why no run can start now. */
    public record Blocker(String reason, String message) {
    }

    /** Everything a run needs, or the first blocker. */
    public record Outcome(CredentialState credential, Optional<Blocker> blocker, ToolSpec tool, CredentialMount mount) {
    }

    private RunPreconditions() {
    }

    public static Outcome evaluate(ScanJob scanJob, Optional<CloudCredential> credential, Optional<NetworkSegment> segment,
            Optional<ToolSpec> tool, List<String> toolProviders, boolean allowPrivilegedTools, ScanPolicy policy) {
        var spec = scanJob.getSpec();
        CredentialState credentialState;
        CredentialMount mount = CredentialMount.none();
        // The admin's policy first: nothing of a ScanJob beyond it is ever mounted or started.
        Blocker blocker = ScanPolicyCheck.violations(spec, policy).stream().findFirst()
                .map(v -> new Blocker(v.reason(), v.message())).orElse(null);
        if (spec.getCredentialRef() == null) {
            credentialState = new CredentialState(Conditions.TRUE, "NotRequired", "no credentialRef: the scan uses no cloud credential");
        } else {
            String name = spec.getCredentialRef().getName();
            if (credential.isEmpty()) {
                credentialState = new CredentialState(Conditions.FALSE, "CredentialNotFound",
                        "CloudCredential " + name + " does not exist in namespace " + scanJob.getMetadata().getNamespace());
            } else if (credential.get().getSpec() == null || credential.get().getSpec().getProvider() != spec.getProvider()) {
                credentialState = new CredentialState(Conditions.FALSE, "ProviderMismatch",
                        "CloudCredential " + name + " is for another provider than " + spec.getProvider().name().toLowerCase());
            } else if (invalid(credential.get())) {
                String reason = validity(credential.get()).map(c -> c.getReason()).orElse("Invalid");
                credentialState = new CredentialState(Conditions.FALSE, "CredentialInvalid",
                        "CloudCredential " + name + " is not valid (reason " + reason + ")");
            } else if (!validated(credential.get())) {
                // Not checked yet, or not since its spec changed: a run now could start with a bad credential.
                credentialState = new CredentialState(Conditions.FALSE, "CredentialNotValidated",
                        "CloudCredential " + name + " has not been validated yet");
            } else {
                credentialState = new CredentialState(Conditions.TRUE, "Resolved", "CloudCredential " + name + " is usable");
                mount = blocker == null ? CredentialMount.of(credential.get()) : CredentialMount.none();
            }
            if (Conditions.FALSE.equals(credentialState.status())) {
                blocker = new Blocker(credentialState.reason(), credentialState.message());
            }
        }
        if (blocker == null && spec.getSegmentRef() != null) {
            String name = spec.getSegmentRef().getName();
            if (segment.isEmpty()) {
                blocker = new Blocker("SegmentNotFound", "NetworkSegment " + name + " does not exist");
            } else if (segment.get().getStatus() != null && Conditions.find(segment.get().getStatus().getConditions(),
                    NetworkSegmentReconciler.READY).filter(c -> "InvalidSpec".equals(c.getReason())).isPresent()) {
                blocker = new Blocker("SegmentInvalid", "NetworkSegment " + name + " is invalid");
            }
        }
        if (blocker == null && tool.isEmpty()) {
            blocker = new Blocker("ToolDoesNotSupportProvider", spec.getTool().wireName() + " does not scan "
                    + spec.getProvider().name().toLowerCase() + "; it scans: " + String.join(", ", toolProviders));
        }
        if (blocker == null && tool.get().hostAccess()) {
            java.util.List<String> missing = new java.util.ArrayList<>();
            if (!allowPrivilegedTools) {
                missing.add("the operator does not allow privileged tools (nubicustos.scan.allow-privileged-tools)");
            }
            if (!Boolean.TRUE.equals(spec.getHostAccess())) {
                missing.add("the ScanJob does not ask for it (spec.hostAccess)");
            }
            if (!missing.isEmpty()) {
                blocker = new Blocker("HostAccessNotAllowed", spec.getTool().wireName() + " needs host access: " + String.join(" and ", missing));
            }
        }
        return new Outcome(credentialState, Optional.ofNullable(blocker), tool.orElse(null), mount);
    }

    private static boolean invalid(CloudCredential credential) {
        return validity(credential).map(c -> Conditions.FALSE.equals(c.getStatus())).orElse(false);
    }

    private static boolean validated(CloudCredential credential) {
        Long generation = credential.getMetadata().getGeneration();
        return validity(credential).filter(c -> Conditions.TRUE.equals(c.getStatus()))
                .filter(c -> generation == null || c.getObservedGeneration() == null || generation.equals(c.getObservedGeneration()))
                .isPresent();
    }

    private static Optional<io.fabric8.kubernetes.api.model.Condition> validity(CloudCredential credential) {
        return credential.getStatus() == null ? Optional.empty()
                : Conditions.find(credential.getStatus().getConditions(), CloudCredentialReconciler.VALID);
    }
}
