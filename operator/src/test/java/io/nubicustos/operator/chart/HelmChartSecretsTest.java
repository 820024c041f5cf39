package io.nubicustos.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;

/**
 * The keys the chart generates: random, generated once, and read back from the cluster on every
 * upgrade so they are never re-rolled (a new key-hash secret would invalidate every stored API key).
 */
class HelmChartSecretsTest {

    static final String BUNDLED = "{postgresql: {bundled: true}, neo4j: {bundled: true}}";

    @Test
    void aFreshInstallGeneratesStrongRandomKeysKeptOnUninstall() {
        Chart.Rendered first = Chart.render(BUNDLED);
        Chart.Rendered second = Chart.render(BUNDLED);
        Map<String, String> keys = first.get(Secret.class, "nubicustos-api-keys").getData();
        assertThat(decode(keys.get("key-hash-secret"))).hasSizeGreaterThanOrEqualTo(32);
        assertThat(new String(decode(keys.get("admin-key")))).startsWith("nbc_").hasSizeGreaterThan(40);
        assertThat(decode(first.get(Secret.class, "nubicustos-upload-key").getData().get("key"))).as("the operator's 32 random bytes").hasSize(32);
        for (String name : List.of("nubicustos-api-keys", "nubicustos-upload-key", "nubicustos-postgresql", "nubicustos-neo4j")) {
            Secret a = first.get(Secret.class, name);
            Secret b = second.get(Secret.class, name);
            assertThat(a.getMetadata().getAnnotations()).as(name).containsEntry("helm.sh/resource-policy", "keep");
            a.getData().forEach((key, value) -> {
                if (!key.equals("username")) {
                    assertThat(b.getData().get(key)).as("%s/%s is random", name, key).isNotEqualTo(value);
                }
            });
        }
        Secret neo4j = first.get(Secret.class, "nubicustos-neo4j");
        assertThat(new String(decode(neo4j.getData().get("auth")))).isEqualTo("neo4j/" + new String(decode(neo4j.getData().get("password"))));
    }

    @Test
    void anUpgradeKeepsEveryKeyAlreadyInTheCluster() {
        String hash = b64("existing-key-hash-secret-0123456789abcdef");
        String admin = b64("nbc_existing-admin-key");
        String upload = b64("0123456789abcdef0123456789abcdef");
        String pg = b64("existing-postgresql-password");
        String graph = b64("existing-neo4j-password");
        Chart.Rendered upgraded = Chart.renderAgainstCluster(BUNDLED, Map.of(
                "v1/Secret/nubicustos-system/nubicustos-api-keys", Map.of("data", Map.of("key-hash-secret", hash, "admin-key", admin)),
                "v1/Secret/nubicustos-system/nubicustos-upload-key", Map.of("data", Map.of("key", upload)),
                "v1/Secret/nubicustos-system/nubicustos-postgresql", Map.of("data", Map.of("username", b64("nubicustos"), "password", pg)),
                "v1/Secret/nubicustos-system/nubicustos-neo4j", Map.of("data", Map.of("username", b64("neo4j"), "password", graph))));
        assertThat(upgraded.get(Secret.class, "nubicustos-api-keys").getData())
                .containsEntry("key-hash-secret", hash).containsEntry("admin-key", admin);
        assertThat(upgraded.get(Secret.class, "nubicustos-upload-key").getData()).containsEntry("key", upload);
        assertThat(upgraded.get(Secret.class, "nubicustos-postgresql").getData()).containsEntry("password", pg);
        assertThat(upgraded.get(Secret.class, "nubicustos-neo4j").getData()).containsEntry("password", graph)
                .containsEntry("auth", b64("neo4j/existing-neo4j-password"));
    }

    @Test
    void aKeyMissingFromAnExistingSecretIsAddedWithoutTouchingTheOthers() {
        String hash = b64("existing-key-hash-secret-0123456789abcdef");
        Map<String, String> data = Chart.renderAgainstCluster("{}", Map.of(
                "v1/Secret/nubicustos-system/nubicustos-api-keys", Map.of("data", Map.of("key-hash-secret", hash))))
                .get(Secret.class, "nubicustos-api-keys").getData();
        assertThat(data).containsEntry("key-hash-secret", hash);
        assertThat(new String(decode(data.get("admin-key")))).startsWith("nbc_");
    }

    @Test
    void secretsGivenByTheUserAreUsedAndNoneIsGenerated() {
        Chart.Rendered rendered = Chart.render("{api: {existingSecret: my-api-keys}, uploadKey: {existingSecret: my-upload-key}}");
        assertThat(rendered.all(Secret.class)).isEmpty();
        var env = HelmChartValuesTest.env(rendered.get(io.fabric8.kubernetes.api.model.apps.Deployment.class, "nubicustos-operator"), "api");
        assertThat(env).containsEntry("NUBICUSTOS_API_KEY_HASH_SECRET", "secret:my-api-keys/key-hash-secret");
        assertThat(HelmChartValuesTest.env(rendered.get(io.fabric8.kubernetes.api.model.apps.Deployment.class, "nubicustos-operator"), "operator"))
                .containsEntry("NUBICUSTOS_SCAN_UPLOAD_KEY_SECRET", "my-upload-key");
    }

    /**
     * The chart reads the cluster in one place, the helper the upgrade tests above stand in for; it
     * asks only where the chart's CRDs are served (a real install or upgrade), so `helm template`
     * and GitOps renderings never try to connect.
     */
    @Test
    void theChartReadsTheClusterOnlyThroughItsGuardedLookupHelper() throws IOException {
        // A call of the function: after {{, ( or |.
        Pattern lookup = Pattern.compile("(\\{\\{-?|\\(|\\|)\\s*lookup\\s");
        try (Stream<Path> templates = Files.list(Chart.DIR.resolve("templates"))) {
            for (Path template : templates.toList()) {
                Matcher m = lookup.matcher(Files.readString(template));
                int uses = 0;
                while (m.find()) {
                    uses++;
                }
                assertThat(uses).as(template.getFileName().toString()).isEqualTo(template.getFileName().toString().equals("_lookup.tpl") ? 1 : 0);
            }
        }
        assertThat(Files.readString(Chart.DIR.resolve("templates/_lookup.tpl")))
                .contains("{{- if .root.Capabilities.APIVersions.Has \"nubicustos.io/v1alpha1\" -}}");
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64);
    }

    private static String b64(String plain) {
        return Base64.getEncoder().encodeToString(plain.getBytes());
    }
}
