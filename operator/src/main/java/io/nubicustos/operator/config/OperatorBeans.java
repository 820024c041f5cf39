package io.nubicustos.operator.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/** The operator's choices where the extension's defaults do not fit. */
public class OperatorBeans {

    /**
     * JOSDK's reconcile metrics without per-resource series: the extension's default labels every
     * series with the resource's name and namespace, which grows without bound with the ScanJobs.
     */
    @Produces
    @Singleton
    @Alternative
    @Priority(10)
    Metrics metrics(MeterRegistry registry) {
        return MicrometerMetrics.withoutPerResourceMetrics(registry);
    }

    /** One lease in the operator's namespace: two replicas never start the same run twice. */
    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(ScanSettings settings) {
        return new LeaderElectionConfiguration("nubicustos-operator", settings.operatorNamespace());
    }
}
