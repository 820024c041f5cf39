package io.nubicustos.api.v1alpha1.cloudcredential;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.nubicustos.api.v1alpha1.common.Provider;

@ValidationRule(value = CloudCredentialRules.AWS_NEEDS_CONFIG, message = CloudCredentialRules.AWS_NEEDS_CONFIG_MESSAGE)
@ValidationRule(value = CloudCredentialRules.AZURE_NEEDS_BLOCK, message = CloudCredentialRules.AZURE_NEEDS_BLOCK_MESSAGE)
@ValidationRule(value = CloudCredentialRules.GCP_NEEDS_BLOCK, message = CloudCredentialRules.GCP_NEEDS_BLOCK_MESSAGE)
@ValidationRule(value = CloudCredentialRules.KUBERNETES_NEEDS_KUBECONFIG, message = CloudCredentialRules.KUBERNETES_NEEDS_KUBECONFIG_MESSAGE)
@ValidationRule(value = CloudCredentialRules.BLOCK_MATCHES_PROVIDER, message = CloudCredentialRules.BLOCK_MATCHES_PROVIDER_MESSAGE)
@ValidationRule(value = CloudCredentialRules.SECRET_METHODS_NEED_SECRET, message = CloudCredentialRules.SECRET_METHODS_NEED_SECRET_MESSAGE)
@ValidationRule(value = CloudCredentialRules.WORKLOAD_IDENTITY_NEEDS_SERVICE_ACCOUNT, message = CloudCredentialRules.WORKLOAD_IDENTITY_NEEDS_SERVICE_ACCOUNT_MESSAGE)
public class CloudCredentialSpec {

    @Required
    @JsonPropertyDescription("aws, azure, gcp, or kubernetes (another cluster).")
    private Provider provider;

    @JsonPropertyDescription("The Secret holding the credential; absent for workload and managed identity.")
    private SecretKeysReference secretRef;

    @JsonPropertyDescription("AWS: static keys, role assumption or workload identity.")
    private AwsCredential aws;

    @JsonPropertyDescription("Azure: client secret, certificate, managed identity or workload identity.")
    private AzureCredential azure;

    @JsonPropertyDescription("GCP: service-account key or workload identity.")
    private GcpCredential gcp;

    @JsonPropertyDescription("Another Kubernetes cluster, through the kubeconfig in secretRef.")
    private KubernetesCredential kubernetes;

    @JsonPropertyDescription("The ServiceAccount scan pods run under for workload identity, with the provider's annotations.")
    private WorkloadIdentity workloadIdentity;

    @JsonPropertyDescription("When the credential is due for rotation.")
    private Rotation rotation;

    public Provider getProvider() {
        return provider;
    }

    public void setProvider(Provider provider) {
        this.provider = provider;
    }

    public SecretKeysReference getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(SecretKeysReference secretRef) {
        this.secretRef = secretRef;
    }

    public AwsCredential getAws() {
        return aws;
    }

    public void setAws(AwsCredential aws) {
        this.aws = aws;
    }

    public AzureCredential getAzure() {
        return azure;
    }

    public void setAzure(AzureCredential azure) {
        this.azure = azure;
    }

    public GcpCredential getGcp() {
        return gcp;
    }

    public void setGcp(GcpCredential gcp) {
        this.gcp = gcp;
    }

    public KubernetesCredential getKubernetes() {
        return kubernetes;
    }

    public void setKubernetes(KubernetesCredential kubernetes) {
        this.kubernetes = kubernetes;
    }

    public WorkloadIdentity getWorkloadIdentity() {
        return workloadIdentity;
    }

    public void setWorkloadIdentity(WorkloadIdentity workloadIdentity) {
        this.workloadIdentity = workloadIdentity;
    }

    public Rotation getRotation() {
        return rotation;
    }

    public void setRotation(Rotation rotation) {
        this.rotation = rotation;
    }
}
