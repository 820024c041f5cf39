package io.nubicustos.model.finding;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Equivalent checks of different tools mapped to one canonical control, so that the same problem
 * reported by two tools is one finding. Each entry names the benchmark requirement both tools
 * cite for it (the source of the equivalence). Unmapped checks are their own control, prefixed
 * with the tool ({@code trivy:CVE-2023-1234}).
 */
public final class CheckAliases {

    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        // CIS AWS Foundations 3.0
        alias("cis-aws-1.20:access-analyzer-enabled", "prowler:accessanalyzer_enabled", "scoutsuite:iam-no-access-analyzer");
        alias("cis-aws-1.4:root-access-keys", "prowler:iam_no_root_access_key", "scoutsuite:iam-root-account-with-active-keys",
                "checkov:CKV_AWS_41");
        alias("cis-aws-1.5:root-mfa", "prowler:iam_root_mfa_enabled", "scoutsuite:iam-root-account-no-mfa");
        alias("cis-aws-1.8:password-length", "prowler:iam_password_policy_minimum_length_14", "scoutsuite:iam-password-policy-minimum-length",
                "checkov:CKV_AWS_10");
        alias("cis-aws-1.9:password-reuse", "prowler:iam_password_policy_reuse_24", "scoutsuite:iam-password-policy-reuse-enabled",
                "checkov:CKV_AWS_13");
        alias("cis-aws-1.10:user-mfa", "prowler:iam_user_mfa_enabled_console_access", "scoutsuite:iam-user-without-mfa");
        alias("cis-aws-1.14:access-key-rotation", "prowler:iam_rotate_access_key_90_days", "scoutsuite:iam-user-with-multiple-access-keys");
        alias("cis-aws-1.16:no-admin-policies", "prowler:iam_policy_no_administrative_privileges",
                "scoutsuite:iam-managed-policy-allows-full-privileges", "checkov:CKV_AWS_62");
        alias("cis-aws-2.1.1:s3-encryption", "prowler:s3_bucket_default_encryption", "scoutsuite:s3-bucket-no-default-encryption",
                "checkov:CKV_AWS_19");
        alias("cis-aws-2.1.2:s3-https-only", "prowler:s3_bucket_secure_transport_policy", "scoutsuite:s3-bucket-allowing-cleartext",
                "checkov:CKV_AWS_70");
        alias("cis-aws-2.1.4:s3-public-access", "prowler:s3_bucket_public_access", "scoutsuite:s3-bucket-world-acl",
                "checkov:CKV_AWS_20", "prowler:s3_bucket_level_public_access_block");
        alias("cis-aws-2.2.1:ebs-encryption", "prowler:ec2_ebs_default_encryption", "scoutsuite:ec2-ebs-default-encryption-disabled",
                "checkov:CKV_AWS_3");
        alias("cis-aws-2.3.1:rds-encryption", "prowler:rds_instance_storage_encrypted", "scoutsuite:rds-instance-storage-not-encrypted",
                "checkov:CKV_AWS_16");
        alias("cis-aws-3.1:cloudtrail-multi-region", "prowler:cloudtrail_multi_region_enabled", "scoutsuite:cloudtrail-no-logging",
                "checkov:CKV_AWS_67");
        alias("cis-aws-3.2:cloudtrail-log-validation", "prowler:cloudtrail_log_file_validation_enabled",
                "scoutsuite:cloudtrail-no-log-file-validation", "checkov:CKV_AWS_36");
        alias("cis-aws-3.5:config-enabled", "prowler:config_recorder_all_regions_enabled", "scoutsuite:config-recorder-not-configured");
        alias("cis-aws-3.7:cloudtrail-kms", "prowler:cloudtrail_kms_encryption_enabled", "scoutsuite:cloudtrail-not-encrypted-with-cmk",
                "checkov:CKV_AWS_35");
        alias("cis-aws-3.8:kms-rotation", "prowler:kms_cmk_rotation_enabled", "scoutsuite:kms-cmk-rotation-disabled", "checkov:CKV_AWS_7");
        alias("cis-aws-3.9:vpc-flow-logs", "prowler:vpc_flow_logs_enabled", "scoutsuite:vpc-subnet-without-flow-log");
        alias("cis-aws-5.2:no-ssh-from-internet", "prowler:ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22",
                "scoutsuite:ec2-security-group-opens-SSH-port-to-all", "checkov:CKV_AWS_24");
        alias("cis-aws-5.3:no-rdp-from-internet", "prowler:ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389",
                "scoutsuite:ec2-security-group-opens-RDP-port-to-all", "checkov:CKV_AWS_25");
        alias("cis-aws-5.4:default-sg-closed", "prowler:ec2_securitygroup_default_restrict_traffic",
                "scoutsuite:ec2-default-security-group-with-rules");
        // CIS Kubernetes 1.8 / NSA-CISA, as kube-bench, Kubescape, Checkov, Trivy and Prowler cite them
        alias("cis-k8s-1.2.1:anonymous-auth", "kube-bench:1.2.1", "prowler:apiserver_anonymous_requests", "kubescape:C-0069");
        alias("cis-k8s-1.2.16:audit-log", "kube-bench:1.2.16", "prowler:apiserver_audit_log_path_set", "kubescape:C-0067");
        alias("cis-k8s-4.2.1:kubelet-anonymous-auth", "kube-bench:4.2.1", "prowler:kubelet_disable_anonymous_auth", "kubescape:C-0069-kubelet");
        alias("cis-k8s-5.1.1:cluster-admin-use", "kube-bench:5.1.1", "kubescape:C-0035", "kubernetes:rbac-cluster-admin-binding");
        alias("cis-k8s-5.1.3:wildcard-rbac", "kube-bench:5.1.3", "kubescape:C-0187", "kubernetes:rbac-wildcard",
                "checkov:CKV_K8S_49");
        alias("cis-k8s-5.1.6:sa-token-automount", "kube-bench:5.1.6", "kubescape:C-0034", "kubernetes:default-sa-automount",
                "checkov:CKV_K8S_38");
        alias("cis-k8s-5.2.2:privileged", "kube-bench:5.2.2", "kubescape:C-0057", "kubernetes:privileged-container",
                "checkov:CKV_K8S_16", "trivy:KSV017");
        alias("cis-k8s-5.2.3:host-pid", "kube-bench:5.2.3", "kubescape:C-0038", "kubernetes:host-pid", "checkov:CKV_K8S_17", "trivy:KSV010");
        alias("cis-k8s-5.2.5:host-network", "kube-bench:5.2.5", "kubescape:C-0041", "kubernetes:host-network", "checkov:CKV_K8S_19",
                "trivy:KSV009");
        alias("cis-k8s-5.2.6:privilege-escalation", "kube-bench:5.2.6", "kubescape:C-0016", "kubernetes:privilege-escalation",
                "checkov:CKV_K8S_20", "trivy:KSV001");
        alias("cis-k8s-5.2.7:run-as-root", "kube-bench:5.2.7", "kubescape:C-0013", "kubernetes:run-as-root", "checkov:CKV_K8S_23",
                "trivy:KSV012");
        alias("cis-k8s-5.3.2:network-policies", "kube-bench:5.3.2", "kubescape:C-0260", "kubernetes:namespace-without-networkpolicy");
        alias("cis-k8s-5.4.1:secrets-in-env", "kube-bench:5.4.1", "kubescape:C-0012", "kubernetes:secret-in-env", "checkov:CKV_K8S_35");
        alias("cis-k8s-5.7.2:seccomp", "kube-bench:5.7.2", "kubescape:C-0210", "kubernetes:missing-seccomp", "checkov:CKV_K8S_31",
                "trivy:KSV030");
    }

    private CheckAliases() {
    }

    private static void alias(String control, String... toolChecks) {
        for (String toolCheck : toolChecks) {
            String previous = ALIASES.put(toolCheck.toLowerCase(Locale.ROOT), control);
            if (previous != null) {
                throw new IllegalStateException(toolCheck + " is aliased twice");
            }
        }
    }

    /** The canonical control of a tool's check. */
    public static String canonical(String tool, String checkId) {
        String key = (tool + ":" + checkId).toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(key, key);
    }

    public static int size() {
        return ALIASES.size();
    }
}
