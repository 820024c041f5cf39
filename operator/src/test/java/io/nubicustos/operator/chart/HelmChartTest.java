package io.nubicustos.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.operator.crd.RepositoryFiles;

/** The chart through Helm itself (helm-java runs Helm's Go code in-process; no helm binary needed). */
class HelmChartTest {

    private static final Path CHART = RepositoryFiles.root().resolve("helm/nubicustos");

    @Test
    void helmLintAcceptsTheChart() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void theChartCarriesExactlyTheGeneratedCrds() throws IOException {
        for (String plural : List.of("scanjobs", "cloudcredentials", "networksegments")) {
            String file = plural + ".nubicustos.io.yaml";
            assertThat(Files.readString(CHART.resolve("crds").resolve(file)))
                    .as("helm/nubicustos/crds/%s equals crds/%s (run make crds)", file, file)
                    .isEqualTo(Files.readString(RepositoryFiles.root().resolve("crds").resolve(file)));
        }
    }

    @Test
    void everyRenderedObjectParsesAsAKubernetesObject() {
        String rendered = new Helm(CHART).template().withName("nubicustos").withNamespace("nubicustos-system")
                .withKubeVersion("1.31.0").call();
        // The serializer answers a single object for a one-document stream, a list otherwise.
        Object parsed = new KubernetesSerialization().unmarshal(rendered);
        List<HasMetadata> objects = parsed instanceof HasMetadata one ? List.of(one) : castList(parsed);
        assertThat(objects).isNotEmpty().allSatisfy(o -> {
            assertThat(o.getMetadata().getName()).isNotBlank();
            assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "nubicustos");
        });
    }

    @SuppressWarnings("unchecked")
    private static List<HasMetadata> castList(Object parsed) {
        return (List<HasMetadata>) parsed;
    }
}
