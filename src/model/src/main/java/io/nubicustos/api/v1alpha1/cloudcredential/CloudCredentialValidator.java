package io.nubicustos.api.v1alpha1.cloudcredential;

import java.util.ArrayList;
import java.util.List;

import io.nubicustos.api.v1alpha1.common.Bounds;
import io.nubicustos.api.v1alpha1.common.Patterns;
import io.nubicustos.api.v1alpha1.common.SchemaChecks;

/** Everything the CloudCredential CRD enforces on its spec, in Java. It never reads the Secret. */
public final class CloudCredentialValidator {

    private CloudCredentialValidator() {
    }

    public static List<String> validate(CloudCredentialSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec == null) {
            problems.add("spec is required");
            return problems;
        }
        SchemaChecks.required(problems, "spec.provider", spec.getProvider());
        if (spec.getSecretRef() != null) {
            SchemaChecks.required(problems, "spec.secretRef.name", spec.getSecretRef().getName());
            SchemaChecks.name(problems, "spec.secretRef.name", spec.getSecretRef().getName());
        }
        AwsCredential aws = spec.getAws();
        if (aws != null) {
            SchemaChecks.pattern(problems, "spec.aws.roleArn", aws.getRoleArn(), Patterns.AWS_ROLE_ARN);
            SchemaChecks.pattern(problems, "spec.aws.region", aws.getRegion(), Patterns.REGION);
            SchemaChecks.pattern(problems, "spec.aws.externalId", aws.getExternalId(), Patterns.AWS_EXTERNAL_ID);
            SchemaChecks.length(problems, "spec.aws.externalId", aws.getExternalId(), 2, AwsCredential.EXTERNAL_ID_MAX_LENGTH);
            problems.addAll(CloudCredentialRules.AWS.violations(aws));
        }
        AzureCredential azure = spec.getAzure();
        if (azure != null) {
            SchemaChecks.required(problems, "spec.azure.authMethod", azure.getAuthMethod());
            SchemaChecks.required(problems, "spec.azure.subscriptionId", azure.getSubscriptionId());
            SchemaChecks.pattern(problems, "spec.azure.tenantId", azure.getTenantId(), Patterns.UUID);
            SchemaChecks.pattern(problems, "spec.azure.clientId", azure.getClientId(), Patterns.UUID);
            SchemaChecks.pattern(problems, "spec.azure.subscriptionId", azure.getSubscriptionId(), Patterns.UUID);
            problems.addAll(CloudCredentialRules.AZURE.violations(azure));
        }
        GcpCredential gcp = spec.getGcp();
        if (gcp != null) {
            SchemaChecks.required(problems, "spec.gcp.projectId", gcp.getProjectId());
            SchemaChecks.pattern(problems, "spec.gcp.projectId", gcp.getProjectId(), Patterns.GCP_PROJECT_ID);
        }
        if (spec.getWorkloadIdentity() != null) {
            SchemaChecks.required(problems, "spec.workloadIdentity.serviceAccountName", spec.getWorkloadIdentity().getServiceAccountName());
            SchemaChecks.name(problems, "spec.workloadIdentity.serviceAccountName", spec.getWorkloadIdentity().getServiceAccountName());
        }
        if (spec.getRotation() != null) {
            SchemaChecks.pattern(problems, "spec.rotation.maxAge", spec.getRotation().getMaxAge(), Patterns.DURATION_WITH_DAYS);
            SchemaChecks.maxLength(problems, "spec.rotation.maxAge", spec.getRotation().getMaxAge(), Bounds.DURATION);
        }
        if (spec.getProvider() != null) {
            problems.addAll(CloudCredentialRules.SPEC.violations(spec));
        }
        return problems;
    }
}
