package io.nubicustos.operator.scanjob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.operator.config.ScanSettings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;

/** The operator's real tool catalogue (application.yaml), read the way Quarkus reads it, without Quarkus. */
final class TestCatalog {

    private TestCatalog() {
    }

    static ScanSettings settings(Map<String, String> overrides) {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(new YamlConfigSource(TestCatalog.class.getResource("/application.yaml")))
                    .withSources(new PropertiesConfigSource(overrides, "overrides", 500))
                    // Quarkus reads durations such as 30m with this converter; plain SmallRye does not.
                    .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                    .withMapping(ScanSettings.class)
                    .build();
            return config.getConfigMapping(ScanSettings.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ScanSettings settings() {
        return settings(Map.of());
    }

    static ScanJob scanJob(String yaml) {
        ScanJob scanJob = new KubernetesSerialization().unmarshal(yaml, ScanJob.class);
        scanJob.setMetadata(new ObjectMetaBuilder(scanJob.getMetadata())
                .withUid("3b1f0c2e-0000-4000-8000-000000000001")
                .withGeneration(1L)
                .withCreationTimestamp("2026-11-23T00:00:00Z")
                .build());
        return scanJob;
    }
}
