package io.nubicustos.operator.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/** The operator's choices where the extension's defaults do not fit. */
public class OperatorBeans {

    public static final String LEASE_NAME = "nubicustos-operator";

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

    /**
     * One lease in the operator's namespace: two replicas never start the same run twice. JOSDK's
     * exit on losing the lease is off (it deadlocks a SIGTERM shutdown); {@link LeadershipLoss}
     * exits only when the lease is lost while running.
     */
    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(ScanSettings settings, LeadershipLoss loss) {
        return leaderElection(settings.operatorNamespace(), loss);
    }

    static LeaderElectionConfiguration leaderElection(String namespace, LeadershipLoss loss) {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE_NAME)
                .withLeaseNamespace(namespace)
                .withExitOnStopLeading(false)
                .withLeaderCallbacks(new LeaderCallbacks(() -> { }, loss::stoppedLeading, leader -> { }))
                .build();
    }
}
