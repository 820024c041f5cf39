package io.nubicustos.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.nubicustos.api.v1alpha1.CelRuleCatalog;

/** What users get from `kubectl get` and `kubectl apply`, read from the checked-in CRDs. */
class GeneratedCrdsTest {

    @Test
    void scanJobsShowToolProviderPhaseLastRunCountsAndAge() {
        CustomResourceDefinition crd = RepositoryFiles.crd("scanjobs");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(defaultColumns(crd)).containsExactly("Tool", "Provider", "Phase", "Last run", "Critical", "High", "Age");
        assertThat(crd.getSpec().getNames().getShortNames()).contains("scan", "sj");
    }

    @Test
    void networkSegmentsShowCidrNamespacesAndReadiness() {
        CustomResourceDefinition crd = RepositoryFiles.crd("networksegments");
        assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
        assertThat(defaultColumns(crd)).containsExactly("CIDR", "Access", "Namespaces", "Ready", "Age");
        assertThat(column(crd, "Ready").getJsonPath()).isEqualTo(".status.conditions[?(@.type==\"Ready\")].status");
    }

    @Test
    void cloudCredentialsShowValidityAndRotation() {
        CustomResourceDefinition crd = RepositoryFiles.crd("cloudcredentials");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(defaultColumns(crd)).containsExactly("Provider", "Secret", "Valid", "Rotation due", "Age");
    }

    @Test
    void allThreeHaveAStatusSubresourceAndTheNubicustosCategory() {
        RepositoryFiles.crds().forEach((kind, crd) -> {
            assertThat(crd.getSpec().getGroup()).isEqualTo("nubicustos.io");
            assertThat(crd.getSpec().getVersions()).singleElement().satisfies(v -> {
                assertThat(v.getName()).isEqualTo("v1alpha1");
                assertThat(v.getServed()).isTrue();
                assertThat(v.getStorage()).isTrue();
                assertThat(v.getSubresources().getStatus()).as(kind + " status subresource").isNotNull();
            });
            assertThat(crd.getSpec().getNames().getCategories()).as(kind).containsExactly("nubicustos");
        });
    }

    @Test
    void everyCelRuleInTheCrdsHasTheSameJavaEquivalentAndMessage() {
        Map<String, String> inCrds = new LinkedHashMap<>();
        RepositoryFiles.crds().values().forEach(crd -> collectRules(RepositoryFiles.schema(crd), inCrds));
        Map<String, String> inJava = new LinkedHashMap<>();
        CelRuleCatalog.all().forEach(rules -> rules.rules().forEach(r -> inJava.put(r.expression(), r.message())));

        assertThat(inCrds).as("CEL rules of the generated CRDs").hasSizeGreaterThanOrEqualTo(15);
        assertThat(inJava).as("Java equivalents (CelRuleCatalog)").containsExactlyInAnyOrderEntriesOf(inCrds);
    }

    @Test
    void everyRequiredFieldNamedInTheIssueIsRequired() {
        assertThat(required(RepositoryFiles.crd("scanjobs"), "spec")).contains("tool", "provider");
        assertThat(required(RepositoryFiles.crd("cloudcredentials"), "spec")).contains("provider");
        assertThat(required(RepositoryFiles.crd("networksegments"), "spec")).contains("cidr", "namespaceSelector");
    }

    private static List<String> required(CustomResourceDefinition crd, String property) {
        List<String> names = new ArrayList<>();
        RepositoryFiles.schema(crd).path("properties").path(property).path("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    private static void collectRules(JsonNode schema, Map<String, String> rules) {
        schema.path("x-kubernetes-validations").forEach(v -> rules.put(v.path("rule").asText(), v.path("message").asText()));
        schema.path("properties").forEach(p -> collectRules(p, rules));
        if (schema.has("items")) {
            collectRules(schema.get("items"), rules);
        }
    }

    private static List<String> defaultColumns(CustomResourceDefinition crd) {
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        return version.getAdditionalPrinterColumns().stream().filter(c -> c.getPriority() == null || c.getPriority() == 0)
                .map(CustomResourceColumnDefinition::getName).toList();
    }

    private static CustomResourceColumnDefinition column(CustomResourceDefinition crd, String name) {
        return crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream()
                .filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }
}
