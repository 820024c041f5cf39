package io.nubicustos.api.v1alpha1.scanjob;

import io.nubicustos.api.v1alpha1.common.CelRule;
import io.nubicustos.api.v1alpha1.common.CelRules;
import io.nubicustos.api.v1alpha1.common.Provider;

/** The CEL rules of the ScanJob CRD and their Java equivalents (see {@link CelRule}). */
public final class ScanJobRules {

    public static final String BUILTIN_NEEDS_KUBERNETES = "self.tool != 'kubernetes' || self.provider == 'kubernetes'";
    public static final String BUILTIN_NEEDS_KUBERNETES_MESSAGE = "tool 'kubernetes' audits a cluster: provider must be 'kubernetes'";

    public static final String CLUSTER_TOOLS_NEED_KUBERNETES = "!(self.tool in ['kube-bench', 'kubescape']) || self.provider == 'kubernetes'";
    public static final String CLUSTER_TOOLS_NEED_KUBERNETES_MESSAGE = "kube-bench and kubescape scan clusters: provider must be 'kubernetes'";

    public static final String SCOUTSUITE_NEEDS_CLOUD = "self.tool != 'scoutsuite' || self.provider != 'kubernetes'";
    public static final String SCOUTSUITE_NEEDS_CLOUD_MESSAGE = "scoutsuite scans cloud accounts: provider must be aws, azure or gcp";

    public static final String CLOUD_NEEDS_CREDENTIAL = "self.provider == 'kubernetes' || has(self.credentialRef)";
    public static final String CLOUD_NEEDS_CREDENTIAL_MESSAGE = "a scan of a cloud provider needs credentialRef naming a CloudCredential";

    public static final String TIME_ZONE_NEEDS_SCHEDULE = "!has(self.timeZone) || has(self.schedule)";
    public static final String TIME_ZONE_NEEDS_SCHEDULE_MESSAGE = "timeZone applies only to a schedule: set schedule or remove timeZone";

    public static final String DEADLINE_NEEDS_SCHEDULE = "!has(self.startingDeadlineSeconds) || has(self.schedule)";
    public static final String DEADLINE_NEEDS_SCHEDULE_MESSAGE = "startingDeadlineSeconds applies only to a schedule: set schedule or remove it";

    public static final String HOST_ACCESS_ONLY_KUBE_BENCH = "!has(self.hostAccess) || !self.hostAccess || self.tool == 'kube-bench'";
    public static final String HOST_ACCESS_ONLY_KUBE_BENCH_MESSAGE = "hostAccess is only for kube-bench";

    public static final CelRules<ScanJobSpec> SPEC = CelRules.of(ScanJobSpec.class,
            new CelRule<>(BUILTIN_NEEDS_KUBERNETES, BUILTIN_NEEDS_KUBERNETES_MESSAGE,
                    s -> s.getTool() != Tool.KUBERNETES || s.getProvider() == Provider.KUBERNETES),
            new CelRule<>(CLUSTER_TOOLS_NEED_KUBERNETES, CLUSTER_TOOLS_NEED_KUBERNETES_MESSAGE,
                    s -> !(s.getTool() == Tool.KUBE_BENCH || s.getTool() == Tool.KUBESCAPE) || s.getProvider() == Provider.KUBERNETES),
            new CelRule<>(SCOUTSUITE_NEEDS_CLOUD, SCOUTSUITE_NEEDS_CLOUD_MESSAGE,
                    s -> s.getTool() != Tool.SCOUTSUITE || s.getProvider() != Provider.KUBERNETES),
            new CelRule<>(CLOUD_NEEDS_CREDENTIAL, CLOUD_NEEDS_CREDENTIAL_MESSAGE,
                    s -> s.getProvider() == Provider.KUBERNETES || s.getCredentialRef() != null),
            new CelRule<>(TIME_ZONE_NEEDS_SCHEDULE, TIME_ZONE_NEEDS_SCHEDULE_MESSAGE,
                    s -> s.getTimeZone() == null || s.getSchedule() != null),
            new CelRule<>(DEADLINE_NEEDS_SCHEDULE, DEADLINE_NEEDS_SCHEDULE_MESSAGE,
                    s -> s.getStartingDeadlineSeconds() == null || s.getSchedule() != null),
            new CelRule<>(HOST_ACCESS_ONLY_KUBE_BENCH, HOST_ACCESS_ONLY_KUBE_BENCH_MESSAGE,
                    s -> !Boolean.TRUE.equals(s.getHostAccess()) || s.getTool() == Tool.KUBE_BENCH));

    private ScanJobRules() {
    }
}
