package io.nubicustos.findings.graph;

import java.util.Locale;
import java.util.Set;

/**
 * The node entities of the attack-path graph, each a Neo4j label next to {@code Asset}. Scanners
 * name kinds their own way (Deployment, AwsIamRole, IamRole ...); {@link #classify} maps them.
 */
public enum AssetKind {
    INTERNET("Internet"),
    CLOUD_ACCOUNT("CloudAccount"),
    CLUSTER("Cluster"),
    NAMESPACE("Namespace"),
    RESOURCE("Resource"),
    WORKLOAD("Workload"),
    SERVICE_ACCOUNT("ServiceAccount"),
    IDENTITY("Identity"),
    SECRET("Secret"),
    NODE("Node");

    private static final Set<String> WORKLOADS = Set.of("pod", "deployment", "statefulset", "daemonset", "job", "cronjob", "replicaset",
            "replicationcontroller", "container", "function", "awslambdafunction", "lambdafunction", "awsecstaskdefinition");
    private static final Set<String> IDENTITIES = Set.of("role", "clusterrole", "user", "group", "iamrole", "iamuser", "awsiamrole",
            "awsiamuser", "awsiamgroup", "gcpserviceaccount", "azuremanagedidentity", "azureserviceprincipal", "azureuser");
    private static final Set<String> ACCOUNTS = Set.of("account", "awsaccount", "cloudaccount", "subscription", "azuresubscription",
            "project", "gcpproject");

    private final String label;

    AssetKind(String label) {
        this.label = label;
    }

    /** The Neo4j label; from this fixed table only, so it can be written into Cypher. */
    public String label() {
        return label;
    }

    public static AssetKind ofLabel(String label) {
        for (AssetKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown asset kind " + label);
    }

    /**
     * @param type the kind a scanner gave (may be null)
     * @param ref the asset's identity: {@code Kind/namespace/name}, an ARN, an e-mail ...
     */
    public static AssetKind classify(String type, String ref) {
        if ("Internet".equals(ref)) {
            return INTERNET;
        }
        String t = type == null || type.isBlank() ? kubernetesKind(ref) : type;
        String k = t == null ? "" : t.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (WORKLOADS.contains(k)) {
            return WORKLOAD;
        }
        if (k.equals("serviceaccount")) {
            return SERVICE_ACCOUNT;
        }
        if (IDENTITIES.contains(k) || ref.startsWith("arn:aws:iam::") && (ref.contains(":role/") || ref.contains(":user/"))
                || ref.endsWith(".iam.gserviceaccount.com")) {
            return IDENTITY;
        }
        if (k.equals("secret")) {
            return SECRET;
        }
        if (k.equals("node")) {
            return NODE;
        }
        if (k.equals("namespace")) {
            return NAMESPACE;
        }
        if (k.equals("cluster") || k.equals("kubernetescluster") || k.equals("kubernetesapiserver")) {
            return CLUSTER;
        }
        if (ACCOUNTS.contains(k)) {
            return CLOUD_ACCOUNT;
        }
        return RESOURCE;
    }

    /** Data stores are crown jewels: buckets, databases, key vaults. */
    public static boolean dataStore(String type, String ref) {
        String k = (type == null ? "" : type).toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (ref.startsWith("arn:aws:s3:::") || ref.startsWith("arn:aws:rds:") || ref.startsWith("arn:aws:dynamodb:")
                || ref.startsWith("gs://") || ref.contains("/Microsoft.Storage/storageAccounts/") || ref.contains("/Microsoft.Sql/")) {
            return true;
        }
        for (String store : new String[] {"s3bucket", "bucket", "rds", "dynamodb", "database", "dbinstance", "storageaccount", "sqlserver",
                "cosmosdb", "bigquery", "redshift", "efs", "elasticache", "documentdb", "keyvault", "secretsmanager"}) {
            if (k.contains(store)) {
                return true;
            }
        }
        return false;
    }

    /** {@code Deployment/ns/name} names its kind; anything else does not. */
    static String kubernetesKind(String ref) {
        int slash = ref.indexOf('/');
        return slash > 0 && !ref.contains(":") ? ref.substring(0, slash) : null;
    }
}
