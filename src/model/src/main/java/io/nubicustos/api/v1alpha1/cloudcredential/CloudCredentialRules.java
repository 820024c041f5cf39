package io.nubicustos.api.v1alpha1.cloudcredential;

import io.nubicustos.api.v1alpha1.common.CelRule;
import io.nubicustos.api.v1alpha1.common.CelRules;
import io.nubicustos.api.v1alpha1.common.Provider;

/** The CEL rules of the CloudCredential CRD and their Java equivalents (see {@link CelRule}). */
public final class CloudCredentialRules {

    public static final String AWS_NEEDS_CONFIG = "self.provider != 'aws' || has(self.aws) || has(self.secretRef)";
    public static final String AWS_NEEDS_CONFIG_MESSAGE = "provider aws requires an aws block or a secretRef";

    public static final String AZURE_NEEDS_BLOCK = "self.provider != 'azure' || has(self.azure)";
    public static final String AZURE_NEEDS_BLOCK_MESSAGE = "provider azure requires an azure block (authMethod, subscriptionId, tenantId, clientId)";

    public static final String GCP_NEEDS_BLOCK = "self.provider != 'gcp' || has(self.gcp)";
    public static final String GCP_NEEDS_BLOCK_MESSAGE = "provider gcp requires a gcp block (projectId, authMethod)";

    public static final String KUBERNETES_NEEDS_KUBECONFIG = "self.provider != 'kubernetes' || has(self.secretRef)";
    public static final String KUBERNETES_NEEDS_KUBECONFIG_MESSAGE = "provider kubernetes requires secretRef naming a Secret that holds a kubeconfig";

    public static final String BLOCK_MATCHES_PROVIDER = "(!has(self.aws) || self.provider == 'aws') && (!has(self.azure) || self.provider == 'azure')"
            + " && (!has(self.gcp) || self.provider == 'gcp') && (!has(self.kubernetes) || self.provider == 'kubernetes')";
    public static final String BLOCK_MATCHES_PROVIDER_MESSAGE = "only the block of the chosen provider may be set (e.g. no azure block with provider aws)";

    public static final String SECRET_METHODS_NEED_SECRET = "(!has(self.aws) || self.aws.authMethod != 'static-keys' || has(self.secretRef))"
            + " && (!has(self.azure) || !(self.azure.authMethod in ['client-secret', 'certificate']) || has(self.secretRef))"
            + " && (!has(self.gcp) || self.gcp.authMethod != 'service-account-key' || has(self.secretRef))";
    public static final String SECRET_METHODS_NEED_SECRET_MESSAGE = "authMethod static-keys, client-secret, certificate and service-account-key need a secretRef";

    public static final String WORKLOAD_IDENTITY_NEEDS_SERVICE_ACCOUNT = "!((has(self.aws) && self.aws.authMethod == 'workload-identity')"
            + " || (has(self.azure) && self.azure.authMethod == 'workload-identity')"
            + " || (has(self.gcp) && self.gcp.authMethod == 'workload-identity')) || has(self.workloadIdentity)";
    public static final String WORKLOAD_IDENTITY_NEEDS_SERVICE_ACCOUNT_MESSAGE = "authMethod workload-identity needs workloadIdentity.serviceAccountName";

    public static final String AWS_ASSUME_ROLE_NEEDS_ARN = "self.authMethod != 'assume-role' || has(self.roleArn)";
    public static final String AWS_ASSUME_ROLE_NEEDS_ARN_MESSAGE = "aws.authMethod assume-role needs aws.roleArn";

    public static final String AWS_EXTERNAL_ID_NEEDS_ROLE = "!has(self.externalId) || has(self.roleArn)";
    public static final String AWS_EXTERNAL_ID_NEEDS_ROLE_MESSAGE = "aws.externalId applies only to role assumption: set aws.roleArn";

    public static final String AZURE_PRINCIPAL_NEEDS_IDS = "self.authMethod == 'managed-identity' || (has(self.tenantId) && has(self.clientId))";
    public static final String AZURE_PRINCIPAL_NEEDS_IDS_MESSAGE = "azure.authMethod client-secret, certificate and workload-identity need tenantId and clientId";

    public static final CelRules<CloudCredentialSpec> SPEC = CelRules.of(CloudCredentialSpec.class,
            new CelRule<>(AWS_NEEDS_CONFIG, AWS_NEEDS_CONFIG_MESSAGE,
                    s -> s.getProvider() != Provider.AWS || s.getAws() != null || s.getSecretRef() != null),
            new CelRule<>(AZURE_NEEDS_BLOCK, AZURE_NEEDS_BLOCK_MESSAGE,
                    s -> s.getProvider() != Provider.AZURE || s.getAzure() != null),
            new CelRule<>(GCP_NEEDS_BLOCK, GCP_NEEDS_BLOCK_MESSAGE,
                    s -> s.getProvider() != Provider.GCP || s.getGcp() != null),
            new CelRule<>(KUBERNETES_NEEDS_KUBECONFIG, KUBERNETES_NEEDS_KUBECONFIG_MESSAGE,
                    s -> s.getProvider() != Provider.KUBERNETES || s.getSecretRef() != null),
            new CelRule<>(BLOCK_MATCHES_PROVIDER, BLOCK_MATCHES_PROVIDER_MESSAGE,
                    s -> (s.getAws() == null || s.getProvider() == Provider.AWS)
                            && (s.getAzure() == null || s.getProvider() == Provider.AZURE)
                            && (s.getGcp() == null || s.getProvider() == Provider.GCP)
                            && (s.getKubernetes() == null || s.getProvider() == Provider.KUBERNETES)),
            new CelRule<>(SECRET_METHODS_NEED_SECRET, SECRET_METHODS_NEED_SECRET_MESSAGE,
                    s -> s.getSecretRef() != null || !CloudCredentialRules.usesSecretMethod(s)),
            new CelRule<>(WORKLOAD_IDENTITY_NEEDS_SERVICE_ACCOUNT, WORKLOAD_IDENTITY_NEEDS_SERVICE_ACCOUNT_MESSAGE,
                    s -> s.getWorkloadIdentity() != null || !CloudCredentialRules.usesWorkloadIdentity(s)));

    public static final CelRules<AwsCredential> AWS = CelRules.of(AwsCredential.class,
            new CelRule<>(AWS_ASSUME_ROLE_NEEDS_ARN, AWS_ASSUME_ROLE_NEEDS_ARN_MESSAGE,
                    a -> a.getAuthMethod() != AwsAuthMethod.ASSUME_ROLE || a.getRoleArn() != null),
            new CelRule<>(AWS_EXTERNAL_ID_NEEDS_ROLE, AWS_EXTERNAL_ID_NEEDS_ROLE_MESSAGE,
                    a -> a.getExternalId() == null || a.getRoleArn() != null));

    public static final CelRules<AzureCredential> AZURE = CelRules.of(AzureCredential.class,
            new CelRule<>(AZURE_PRINCIPAL_NEEDS_IDS, AZURE_PRINCIPAL_NEEDS_IDS_MESSAGE,
                    a -> a.getAuthMethod() == AzureAuthMethod.MANAGED_IDENTITY || (a.getTenantId() != null && a.getClientId() != null)));

    private CloudCredentialRules() {
    }

    static boolean usesSecretMethod(CloudCredentialSpec s) {
        return (s.getAws() != null && s.getAws().getAuthMethod() == AwsAuthMethod.STATIC_KEYS)
                || (s.getAzure() != null && s.getAzure().getAuthMethod() != null && s.getAzure().getAuthMethod().needsSecret())
                || (s.getGcp() != null && s.getGcp().getAuthMethod() == GcpAuthMethod.SERVICE_ACCOUNT_KEY);
    }

    static boolean usesWorkloadIdentity(CloudCredentialSpec s) {
        return (s.getAws() != null && s.getAws().getAuthMethod() == AwsAuthMethod.WORKLOAD_IDENTITY)
                || (s.getAzure() != null && s.getAzure().getAuthMethod() == AzureAuthMethod.WORKLOAD_IDENTITY)
                || (s.getGcp() != null && s.getGcp().getAuthMethod() == GcpAuthMethod.WORKLOAD_IDENTITY);
    }
}
